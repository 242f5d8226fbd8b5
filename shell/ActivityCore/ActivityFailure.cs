using System;
using ActivityCore.Errors;
using LanguageExt;

namespace ActivityCore;

/// <summary>
/// Why a call of <see cref="ActivityClient"/> failed: a closed union of the service's answer
/// (<see cref="ServiceError"/>), a <see cref="Timeout"/>, a <see cref="NetworkFailure"/>, a <see cref="ClientFailure"/>
/// (no credentials, an answer too large, a followed redirect) and <see cref="RetriesExhausted"/> wrapping the last failure of a call whose
/// retries ran out. The caller's own cancellation is never a failure: it throws <see cref="OperationCanceledException"/>.
/// Immutable and thread-safe. Never holds a token, an input, an output or a secret: every secret of the request sent
/// (session token, signature, task token, output, cause) is removed from the texts of an answer, should the server echo it.
/// </summary>
/// <typeparam name="TError">The operation's error union, e.g. <see cref="GetActivityTaskError"/>.</typeparam>
public abstract record ActivityFailure<TError>
    where TError : IOperationError
{
    private ActivityFailure()
    {
    }

    /// <summary>What the failure means: the service error's kind, <see cref="ErrorKind.Transient"/> for timeouts and network failures.</summary>
    public abstract ErrorKind Kind { get; }

    /// <summary>Calls the function for this case and returns its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="serviceError">Called for <see cref="ServiceError"/>.</param>
    /// <param name="timeout">Called for <see cref="Timeout"/>.</param>
    /// <param name="networkFailure">Called for <see cref="NetworkFailure"/>.</param>
    /// <param name="clientFailure">Called for <see cref="ClientFailure"/>.</param>
    /// <param name="retriesExhausted">Called for <see cref="RetriesExhausted"/>.</param>
    /// <returns>The function's result.</returns>
    public TResult Match<TResult>(
        Func<ServiceError, TResult> serviceError,
        Func<Timeout, TResult> timeout,
        Func<NetworkFailure, TResult> networkFailure,
        Func<ClientFailure, TResult> clientFailure,
        Func<RetriesExhausted, TResult> retriesExhausted)
    {
        ArgumentNullException.ThrowIfNull(serviceError);
        ArgumentNullException.ThrowIfNull(timeout);
        ArgumentNullException.ThrowIfNull(networkFailure);
        ArgumentNullException.ThrowIfNull(clientFailure);
        ArgumentNullException.ThrowIfNull(retriesExhausted);
        return Select(serviceError, timeout, networkFailure, clientFailure, retriesExhausted);
    }

    /// <summary>The failure a call ended with, looking through <see cref="RetriesExhausted"/>.</summary>
    /// <returns>This failure, or the last one of an exhausted call.</returns>
    public ActivityFailure<TError> Innermost() => Match(
        serviceError: static e => e, timeout: static t => t, networkFailure: static n => n, clientFailure: static c => c,
        retriesExhausted: static r => r.Last.Innermost());

    /// <summary>Whether the failure is a timeout or a connection failure (a retry after one costs the quota more).</summary>
    internal bool IsTimeoutOrNetwork => Match(
        serviceError: static _ => false, timeout: static _ => true, networkFailure: static _ => true, clientFailure: static _ => false,
        retriesExhausted: static _ => false);

    /// <summary>Each case calls its own function: the dispatch of <see cref="Match{TResult}"/>, with no default branch.</summary>
    private protected abstract TResult Select<TResult>(
        Func<ServiceError, TResult> serviceError,
        Func<Timeout, TResult> timeout,
        Func<NetworkFailure, TResult> networkFailure,
        Func<ClientFailure, TResult> clientFailure,
        Func<RetriesExhausted, TResult> retriesExhausted);

    /// <summary>A few words for a log line: the error code, the timeout, the exception type or the reason. Never a secret.</summary>
    internal string Summary() => Match(
        serviceError: e => e.Error.Code,
        timeout: t => "timeout after " + ClientLog.Describe(t.Limit),
        networkFailure: n => n.SocketError.Match(Some: e => n.ExceptionType + ": " + e, None: () => n.ExceptionType),
        clientFailure: c => c.Reason.ToString(),
        retriesExhausted: r => "retries exhausted: " + r.Last.Innermost().Summary());

    /// <summary>
    /// The failure's class for a span's <c>error.type</c> (low cardinality, never a secret): the service's error code,
    /// <c>timeout</c>, the exception type, or the client's reason; for exhausted retries, the last failure's.
    /// </summary>
    internal string ErrorType() => Match(
        serviceError: static e => e.Error.Code,
        timeout: static _ => "timeout",
        networkFailure: static n => n.ExceptionType,
        clientFailure: static c => c.Reason.ToString(),
        retriesExhausted: static r => r.Last.Innermost().ErrorType());

    /// <summary>The service answered with an error.</summary>
    /// <param name="Error">The operation's error (its <see cref="IOperationError.Kind"/> says what to do).</param>
    /// <param name="StatusCode">The HTTP status.</param>
    /// <param name="RequestId">The <c>x-amzn-RequestId</c> of the answer, if any.</param>
    public sealed record ServiceError(TError Error, int StatusCode, Option<string> RequestId) : ActivityFailure<TError>
    {
        /// <inheritdoc/>
        public override ErrorKind Kind => Error.Kind;

        private protected override TResult Select<TResult>(
            Func<ServiceError, TResult> serviceError,
            Func<Timeout, TResult> timeout,
            Func<NetworkFailure, TResult> networkFailure,
            Func<ClientFailure, TResult> clientFailure,
            Func<RetriesExhausted, TResult> retriesExhausted) => serviceError(this);
    }

    /// <summary>No answer within the call's timeout (the poll timeout for GetActivityTask, the request timeout otherwise).</summary>
    /// <param name="Limit">The timeout that expired.</param>
    public sealed record Timeout(TimeSpan Limit) : ActivityFailure<TError>
    {
        /// <inheritdoc/>
        public override ErrorKind Kind => ErrorKind.Transient;

        private protected override TResult Select<TResult>(
            Func<ServiceError, TResult> serviceError,
            Func<Timeout, TResult> timeout,
            Func<NetworkFailure, TResult> networkFailure,
            Func<ClientFailure, TResult> clientFailure,
            Func<RetriesExhausted, TResult> retriesExhausted) => timeout(this);
    }

    /// <summary>The connection failed (refused, reset, TLS, DNS, a truncated body).</summary>
    /// <param name="ExceptionType">The exception's type name, e.g. <c>HttpRequestException</c>.</param>
    /// <param name="Message">The exception's message (and its inner exceptions'), without the request's secrets (an invalid header line a server sent is quoted in it).</param>
    public sealed record NetworkFailure(string ExceptionType, string Message) : ActivityFailure<TError>
    {
        /// <summary>The innermost <see cref="System.Net.Sockets.SocketException"/>'s error (e.g. <c>ConnectionRefused</c>, <c>HostNotFound</c>), if the failure had one: the cause in a word, never a secret.</summary>
        public Option<System.Net.Sockets.SocketError> SocketError { get; init; }

        /// <inheritdoc/>
        public override ErrorKind Kind => ErrorKind.Transient;

        private protected override TResult Select<TResult>(
            Func<ServiceError, TResult> serviceError,
            Func<Timeout, TResult> timeout,
            Func<NetworkFailure, TResult> networkFailure,
            Func<ClientFailure, TResult> clientFailure,
            Func<RetriesExhausted, TResult> retriesExhausted) => networkFailure(this);
    }

    /// <summary>The client could not make the request or use the answer: no credentials, an answer larger than the bound, a redirect a given handler followed. Not retried.</summary>
    /// <param name="Reason">What went wrong.</param>
    /// <param name="Message">Details, without secrets.</param>
    public sealed record ClientFailure(ClientFailureReason Reason, string Message) : ActivityFailure<TError>
    {
        /// <inheritdoc/>
        public override ErrorKind Kind => ErrorKind.Configuration;

        private protected override TResult Select<TResult>(
            Func<ServiceError, TResult> serviceError,
            Func<Timeout, TResult> timeout,
            Func<NetworkFailure, TResult> networkFailure,
            Func<ClientFailure, TResult> clientFailure,
            Func<RetriesExhausted, TResult> retriesExhausted) => clientFailure(this);
    }

    /// <summary>The call failed with a retryable failure and no retry was left (max attempts reached, or the retry quota empty).</summary>
    /// <param name="Attempts">How many attempts were made.</param>
    /// <param name="Last">The last attempt's failure.</param>
    public sealed record RetriesExhausted(int Attempts, ActivityFailure<TError> Last) : ActivityFailure<TError>
    {
        /// <inheritdoc/>
        public override ErrorKind Kind => Last.Kind;

        private protected override TResult Select<TResult>(
            Func<ServiceError, TResult> serviceError,
            Func<Timeout, TResult> timeout,
            Func<NetworkFailure, TResult> networkFailure,
            Func<ClientFailure, TResult> clientFailure,
            Func<RetriesExhausted, TResult> retriesExhausted) => retriesExhausted(this);
    }
}

/// <summary>Why the client itself could not complete a call.</summary>
public enum ClientFailureReason
{
    /// <summary>No credentials: the explicit ones failed, or the default chain found none.</summary>
    CredentialsUnavailable,

    /// <summary>The answer was larger than <see cref="ActivityClientOptions.MaxResponseBytes"/>; it was not read whole.</summary>
    ResponseTooLarge,

    /// <summary>
    /// The answer came from another URL than the endpoint: the <see cref="ActivityClientOptions.HttpMessageHandler"/>
    /// followed a redirect the client could not see. The request went elsewhere; the answer is not used.
    /// </summary>
    RedirectFollowed,
}
