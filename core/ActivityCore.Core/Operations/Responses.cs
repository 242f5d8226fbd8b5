using System;
using ActivityCore.Errors;
using ActivityCore.Parsing;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Operations;

/// <summary>Builds an operation's error case from a code, a message and the extra fields.</summary>
internal delegate TError ErrorFactory<TError>(string code, Option<string> message, ErrorFields fields, int status);

/// <summary>What every operation's <c>ParseResponse</c> shares: telling success from failure and reading an error answer.</summary>
internal static class Responses
{
    /// <summary>2xx is success.</summary>
    public static bool IsSuccess(int status) => status is >= 200 and <= 299;

    /// <summary>
    /// Reads an error answer: XML when <paramref name="isXml"/> or when the body starts with <c>&lt;</c> (a proxy's
    /// answer), JSON otherwise. With no code in the body or the header, the code is <c>HttpStatus{status}</c>.
    /// </summary>
    public static TError Error<TError>(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml, ErrorFactory<TError> make)
    {
        ErrorDocument document = isXml || JsonBody.TrimStart(body).StartsWith("<"u8)
            ? ErrorDocument.ParseXml(body).WithHeaderCode(errorTypeHeader)
            : ErrorDocument.ParseJson(body, errorTypeHeader);
        string code = document.Code.IfNoneUnsafe((string?)null) ?? ErrorCodes.FromStatus(status);
        return make(code, document.Message, document.Fields, status);
    }

    /// <summary>The answer of an operation whose success carries nothing: any 2xx is <see cref="Unit"/> (the body is not needed).</summary>
    public static Either<TError, Unit> Acknowledged<TError>(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml, ErrorFactory<TError> make) =>
        IsSuccess(status) ? Right(unit) : Left(Error(status, errorTypeHeader, body, isXml, make));

    /// <summary>The error for a 2xx answer whose body could not be read: <see cref="ErrorCodes.MalformedResponse"/> (transient).</summary>
    public static TError Malformed<TError>(int status, string what, ErrorFactory<TError> make) =>
        make(ErrorCodes.MalformedResponse, Some(what), ErrorFields.None, status);
}
