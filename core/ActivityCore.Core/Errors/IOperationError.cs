using ActivityCore.Parsing;
using LanguageExt;

namespace ActivityCore.Errors;

/// <summary>What every case of every operation's error union has in common.</summary>
public interface IOperationError
{
    /// <summary>The error code as the service names it (sanitised: no namespace, no URL suffix), e.g. <c>InvalidArn</c>.</summary>
    string Code { get; }

    /// <summary>The service's message, if it sent one; a session token or signature it quotes from the request is <c>(redacted)</c> (see <see cref="ErrorDocument.Message"/>).</summary>
    Option<string> Message { get; }

    /// <summary>What the error means for the caller.</summary>
    ErrorKind Kind { get; }

    /// <summary>Whether a retry may succeed: <see cref="Kind"/>'s <see cref="ErrorKindExtensions.IsRetryable"/> (throttling, transient, clock skew, expired credentials).</summary>
    bool IsRetryable { get; }
}
