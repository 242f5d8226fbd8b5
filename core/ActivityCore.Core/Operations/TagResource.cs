using System;
using System.Buffers;
using ActivityCore.Errors;
using LanguageExt;

namespace ActivityCore.Operations;

/// <summary>
/// TagResource on an activity: adds tags, replacing the value of a key the activity has. <c>TooManyTags</c> when the
/// activity would have more than 50.
/// </summary>
public static class TagResource
{
    /// <summary>The operation's name.</summary>
    public const string OperationName = "TagResource";

    /// <summary>The <c>X-Amz-Target</c> header value.</summary>
    public const string Target = "AWSStepFunctions.TagResource";

    private static readonly ErrorFactory<TagResourceError> MakeError = TagResourceError.FromCode;

    /// <summary>Writes <c>{"resourceArn":"…","tags":[{"key":"…","value":"…"}]}</c>.</summary>
    /// <param name="activityArn">The activity to tag.</param>
    /// <param name="tags">The tags to add.</param>
    /// <param name="destination">Where the UTF-8 JSON goes.</param>
    public static void WriteRequest(ActivityArn activityArn, Tags tags, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        ArgumentNullException.ThrowIfNull(tags);
        Requests.WriteObject(destination, (activityArn, tags), static (w, r) =>
        {
            w.WriteString("resourceArn"u8, r.activityArn.Value);
            TagJson.WriteTags(w, r.tags);
        });
    }

    /// <summary>Reads the answer: any 2xx is success. Total: never throws.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="isXml">Whether the answer's content type is XML.</param>
    /// <returns>Unit, or the error.</returns>
    public static Either<TagResourceError, Unit> ParseResponse(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml = false) =>
        Responses.Acknowledged(status, errorTypeHeader, body, isXml, MakeError);
}
