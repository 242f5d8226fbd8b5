using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using ActivityCore.Errors;
using ActivityCore.Parsing;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Operations;

/// <summary>ListTagsForResource on an activity: its tags.</summary>
public static class ListTagsForResource
{
    /// <summary>The operation's name.</summary>
    public const string OperationName = "ListTagsForResource";

    /// <summary>The <c>X-Amz-Target</c> header value.</summary>
    public const string Target = "AWSStepFunctions.ListTagsForResource";

    private static readonly ErrorFactory<ListTagsForResourceError> MakeError = ListTagsForResourceError.FromCode;

    /// <summary>Writes <c>{"resourceArn":"…"}</c>.</summary>
    /// <param name="activityArn">The activity.</param>
    /// <param name="destination">Where the UTF-8 JSON goes.</param>
    public static void WriteRequest(ActivityArn activityArn, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        Requests.WriteObject(destination, activityArn, static (w, a) => w.WriteString("resourceArn"u8, a.Value));
    }

    /// <summary>
    /// Reads the answer <c>{"tags":[{"key":"…","value":"…"}]}</c> as key/value pairs in the order sent: not as
    /// <see cref="Tags"/>, since a resource may carry tags a caller cannot set (<c>aws:</c> keys set by AWS services).
    /// No <c>tags</c> (or an empty 2xx body) is no tag; a tag without a string <c>key</c>, or a <c>tags</c> that is not a
    /// list, is <see cref="ErrorCodes.MalformedResponse"/>; a missing <c>value</c> is empty. Total: never throws.
    /// </summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="isXml">Whether the answer's content type is XML.</param>
    /// <returns>The tags, or the error.</returns>
    public static Either<ListTagsForResourceError, IReadOnlyList<KeyValuePair<string, string>>> ParseResponse(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml = false)
    {
        if (!Responses.IsSuccess(status))
        {
            return Left(Responses.Error(status, errorTypeHeader, body, isXml, MakeError));
        }

        var state = new TagListState { Tags = [], Valid = true };
        return JsonBody.ReadObject(JsonBody.WithoutBom(body), ref state, ReadField).IsOutput() && state.Valid
            ? Right<ListTagsForResourceError, IReadOnlyList<KeyValuePair<string, string>>>(state.Tags.ToArray())
            : Left(Responses.Malformed(status, "the ListTagsForResource answer has a tag list that is not a list of {key, value}", MakeError));
    }

    private static void ReadField(ref Utf8JsonReader reader, JsonField field, ref TagListState state)
    {
        if (field == JsonField.Tags && !state.Seen && reader.TokenType != JsonTokenType.Null)
        {
            state.Seen = true;
            state.Valid = TagJson.ReadTags(ref reader, state.Tags);
            return;
        }

        reader.Skip();
    }

    private struct TagListState
    {
        public List<KeyValuePair<string, string>> Tags;
        public bool Valid;
        public bool Seen;
    }
}
