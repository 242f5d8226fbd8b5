using System;
using System.Buffers;
using ActivityCore.Errors;
using LanguageExt;

namespace ActivityCore.Operations;

/// <summary>UntagResource on an activity: removes the tags of the given keys (a key the activity does not have is ignored).</summary>
public static class UntagResource
{
    /// <summary>The operation's name.</summary>
    public const string OperationName = "UntagResource";

    /// <summary>The <c>X-Amz-Target</c> header value.</summary>
    public const string Target = "AWSStepFunctions.UntagResource";

    private static readonly ErrorFactory<UntagResourceError> MakeError = UntagResourceError.FromCode;

    /// <summary>Writes <c>{"resourceArn":"…","tagKeys":["…"]}</c>.</summary>
    /// <param name="activityArn">The activity to untag.</param>
    /// <param name="keys">The keys of the tags to remove.</param>
    /// <param name="destination">Where the UTF-8 JSON goes.</param>
    public static void WriteRequest(ActivityArn activityArn, TagKeys keys, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        ArgumentNullException.ThrowIfNull(keys);
        Requests.WriteObject(destination, (activityArn, keys), static (w, r) =>
        {
            w.WriteString("resourceArn"u8, r.activityArn.Value);
            w.WriteStartArray("tagKeys"u8);
            foreach (string key in r.keys)
            {
                w.WriteStringValue(key);
            }

            w.WriteEndArray();
        });
    }

    /// <summary>Reads the answer: any 2xx is success. Total: never throws.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="isXml">Whether the answer's content type is XML.</param>
    /// <returns>Unit, or the error.</returns>
    public static Either<UntagResourceError, Unit> ParseResponse(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml = false) =>
        Responses.Acknowledged(status, errorTypeHeader, body, isXml, MakeError);
}
