using System;
using System.Buffers;
using ActivityCore.Errors;
using LanguageExt;

namespace ActivityCore.Operations;

/// <summary>DeleteActivity: deletes an activity (idempotent: deleting a missing activity succeeds).</summary>
public static class DeleteActivity
{
    /// <summary>The operation's name.</summary>
    public const string OperationName = "DeleteActivity";

    /// <summary>The <c>X-Amz-Target</c> header value.</summary>
    public const string Target = "AWSStepFunctions.DeleteActivity";

    private static readonly ErrorFactory<DeleteActivityError> MakeError = DeleteActivityError.FromCode;

    /// <summary>Writes <c>{"activityArn":"…"}</c>.</summary>
    /// <param name="activityArn">The activity to delete.</param>
    /// <param name="destination">Where the UTF-8 JSON goes.</param>
    public static void WriteRequest(ActivityArn activityArn, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        Requests.WriteObject(destination, activityArn, static (w, a) => w.WriteString("activityArn"u8, a.Value));
    }

    /// <summary>Reads the answer: any 2xx is success. Total: never throws.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="isXml">Whether the answer's content type is XML.</param>
    /// <returns>Unit, or the error.</returns>
    public static Either<DeleteActivityError, Unit> ParseResponse(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml = false) =>
        Responses.Acknowledged(status, errorTypeHeader, body, isXml, MakeError);
}
