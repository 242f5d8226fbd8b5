using System;
using System.Buffers;
using ActivityCore.Errors;
using LanguageExt;

namespace ActivityCore.Operations;

/// <summary>SendTaskHeartbeat: tells the service the task identified by the token is still being worked on.</summary>
public static class SendTaskHeartbeat
{
    /// <summary>The operation's name.</summary>
    public const string OperationName = "SendTaskHeartbeat";

    /// <summary>The <c>X-Amz-Target</c> header value.</summary>
    public const string Target = "AWSStepFunctions.SendTaskHeartbeat";

    private static readonly ErrorFactory<SendTaskHeartbeatError> MakeError = SendTaskHeartbeatError.FromCode;

    /// <summary>Writes <c>{"taskToken":"…"}</c>.</summary>
    /// <param name="token">The task's token.</param>
    /// <param name="destination">Where the UTF-8 JSON goes.</param>
    public static void WriteRequest(TaskToken token, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(token);
        Requests.WriteObject(destination, token, static (w, t) => w.WriteString("taskToken"u8, t.Reveal()));
    }

    /// <summary>Reads the answer: any 2xx is success. Total: never throws.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="isXml">Whether the answer's content type is XML.</param>
    /// <returns>Unit, or the error.</returns>
    public static Either<SendTaskHeartbeatError, Unit> ParseResponse(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml = false) =>
        Responses.Acknowledged(status, errorTypeHeader, body, isXml, MakeError);
}
