using System;
using System.Buffers;
using ActivityCore.Errors;
using LanguageExt;

namespace ActivityCore.Operations;

/// <summary>SendTaskFailure: reports that the task identified by the token failed, with an error name and a cause.</summary>
public static class SendTaskFailure
{
    /// <summary>The operation's name.</summary>
    public const string OperationName = "SendTaskFailure";

    /// <summary>The <c>X-Amz-Target</c> header value.</summary>
    public const string Target = "AWSStepFunctions.SendTaskFailure";

    private static readonly ErrorFactory<SendTaskFailureError> MakeError = SendTaskFailureError.FromCode;

    /// <summary>Writes <c>{"taskToken":"…","error":"…","cause":"…"}</c> (error and cause only when present).</summary>
    /// <param name="token">The task's token.</param>
    /// <param name="failure">The error name and cause.</param>
    /// <param name="destination">Where the UTF-8 JSON goes.</param>
    public static void WriteRequest(TaskToken token, TaskFailure failure, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(failure);
        Requests.WriteObject(destination, (token, failure), static (w, s) =>
        {
            w.WriteString("taskToken"u8, s.token.Reveal());
            if (s.failure.Error.Case is string error)
            {
                w.WriteString("error"u8, error);
            }

            if (s.failure.Cause.Case is string cause)
            {
                w.WriteString("cause"u8, cause);
            }
        });
    }

    /// <summary>Reads the answer: any 2xx is success. Total: never throws.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="isXml">Whether the answer's content type is XML.</param>
    /// <returns>Unit, or the error.</returns>
    public static Either<SendTaskFailureError, Unit> ParseResponse(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml = false) =>
        Responses.Acknowledged(status, errorTypeHeader, body, isXml, MakeError);
}
