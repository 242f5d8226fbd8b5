using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using ActivityCore.Errors;
using ActivityCore.Parsing;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Operations;

/// <summary>A validated ListActivities request: a page size and the token of the page to read. Immutable and thread-safe.</summary>
public sealed record ListActivitiesRequest
{
    /// <summary>The largest page the service serves (1000).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The longest next-page token (1024).</summary>
    public const int MaxNextTokenLength = 1024;

    /// <summary>The first page, with the service's default size.</summary>
    public static readonly ListActivitiesRequest FirstPage = new(0, None);

    private ListActivitiesRequest(int maxResults, Option<string> nextToken)
    {
        MaxResults = maxResults;
        NextToken = nextToken;
    }

    /// <summary>The page size, 0..1000; 0 means the service's default (100).</summary>
    public int MaxResults { get; }

    /// <summary>The token of the page to read (from the previous page), or None for the first.</summary>
    public Option<string> NextToken { get; }

    /// <summary>Validates a request.</summary>
    /// <param name="maxResults">The page size, 0..1000 (0: the service's default).</param>
    /// <param name="nextToken">The next-page token, 1..1024 characters, or None.</param>
    /// <returns>The request, or why it was refused.</returns>
    public static Either<ValidationError, ListActivitiesRequest> Create(int maxResults, Option<string> nextToken)
    {
        if (maxResults is < 0 or > MaxPageSize)
        {
            return Left(new ValidationError("ListActivitiesRequest.MaxResults", ValidationFailure.OutOfRange, $"must be in 0..{MaxPageSize}, is {maxResults}"));
        }

        return nextToken.IfNoneUnsafe((string?)null) is { } token
            && TextRules.CheckLength("ListActivitiesRequest.NextToken", token, 1, MaxNextTokenLength) is { } tokenError
            ? tokenError
            : new ListActivitiesRequest(maxResults, nextToken);
    }
}

/// <summary>One page of ListActivities. Immutable and thread-safe.</summary>
/// <param name="Activities">The activities of this page.</param>
/// <param name="NextToken">The token of the next page, or None on the last page.</param>
public sealed record ActivityPage(IReadOnlyList<ActivityInfo> Activities, Option<string> NextToken);

/// <summary>ListActivities: the account's activities in the region, a page at a time.</summary>
public static class ListActivities
{
    /// <summary>The operation's name.</summary>
    public const string OperationName = "ListActivities";

    /// <summary>The <c>X-Amz-Target</c> header value.</summary>
    public const string Target = "AWSStepFunctions.ListActivities";

    private static readonly ErrorFactory<ListActivitiesError> MakeError = ListActivitiesError.FromCode;

    /// <summary>Writes <c>{"maxResults":N,"nextToken":"…"}</c> (each only when set).</summary>
    /// <param name="request">The request.</param>
    /// <param name="destination">Where the UTF-8 JSON goes.</param>
    public static void WriteRequest(ListActivitiesRequest request, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(request);
        Requests.WriteObject(destination, request, static (w, r) =>
        {
            if (r.MaxResults > 0)
            {
                w.WriteNumber("maxResults"u8, r.MaxResults);
            }

            if (r.NextToken.Case is string token)
            {
                w.WriteString("nextToken"u8, token);
            }
        });
    }

    /// <summary>Reads the answer <c>{"activities":[{"activityArn","name","creationDate"}…],"nextToken":"…"}</c>; an empty or whitespace-only 2xx body is <c>{}</c>, an empty last page. Total: never throws.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="isXml">Whether the answer's content type is XML.</param>
    /// <returns>The page, or the error.</returns>
    public static Either<ListActivitiesError, ActivityPage> ParseResponse(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml = false)
    {
        if (!Responses.IsSuccess(status))
        {
            return Left(Responses.Error(status, errorTypeHeader, body, isXml, MakeError));
        }

        var page = new PageState { Activities = [] };
        if (!JsonBody.ReadObject(JsonBody.WithoutBom(body), ref page, ReadPageField).IsOutput() || !page.Valid)
        {
            return Left(Responses.Malformed(status, "the ListActivities answer has an activity without a valid activityArn, name or creationDate", MakeError));
        }

        return Right(new ActivityPage(page.Activities.ToArray(), Optional(page.NextToken)));
    }

    private static void ReadPageField(ref Utf8JsonReader reader, JsonField field, ref PageState page)
    {
        if (field == JsonField.Activities)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                var item = default(ActivityJson.Fields);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    JsonField itemField = JsonFields.Of(ref reader);
                    reader.Read();
                    ActivityJson.ReadField(ref reader, itemField, ref item);
                }

                var info = ActivityJson.ToInfo(item);
                page.Valid &= info.IsSome;
                info.IfSome(page.Activities.Add);
            }

            page.Valid &= reader.TokenType == JsonTokenType.EndArray;
            return;
        }

        var fields = default(ActivityJson.Fields);
        ActivityJson.ReadField(ref reader, field, ref fields);
        page.NextToken ??= fields.NextToken;
    }

    private struct PageState
    {
        public List<ActivityInfo> Activities;
        public string? NextToken;
        public bool Invalid;

        public bool Valid
        {
            readonly get => !Invalid;
            set => Invalid = !value;
        }
    }
}
