using System;
using System.Buffers;
using ActivityCore.Errors;
using LanguageExt;

namespace ActivityCore.Operations;

/// <summary>SendTaskSuccess: reports that the task identified by the token completed, with its output.</summary>
public static class SendTaskSuccess
{
    /// <summary>The operation's name.</summary>
    public const string OperationName = "SendTaskSuccess";

    /// <summary>The <c>X-Amz-Target</c> header value.</summary>
    public const string Target = "AWSStepFunctions.SendTaskSuccess";

    private static readonly ErrorFactory<SendTaskSuccessError> MakeError = SendTaskSuccessError.FromCode;

    /// <summary>Writes <c>{"taskToken":"…","output":"…"}</c>.</summary>
    /// <param name="token">The task's token.</param>
    /// <param name="output">The task's JSON output.</param>
    /// <param name="destination">Where the UTF-8 JSON goes.</param>
    public static void WriteRequest(TaskToken token, TaskOutput output, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(output);
        Requests.WriteObject(destination, (token, output), static (w, s) =>
        {
            w.WriteString("taskToken"u8, s.token.Reveal());
            w.WriteString("output"u8, s.output.Json);
        });
    }

    /// <summary>Reads the answer: any 2xx is success (the body is not needed). Total: never throws.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="isXml">Whether the answer's content type is XML.</param>
    /// <returns>Unit, or the error.</returns>
    public static Either<SendTaskSuccessError, Unit> ParseResponse(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml = false) =>
        Responses.Acknowledged(status, errorTypeHeader, body, isXml, MakeError);
}
