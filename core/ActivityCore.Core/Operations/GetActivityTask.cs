using System;
using System.Buffers;
using System.Text.Json;
using ActivityCore.Errors;
using ActivityCore.Parsing;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Operations;

/// <summary>
/// GetActivityTask: the long poll. The service holds the request up to 60 s and answers with a task or with
/// none; the client's timeout for this call must be 65 s or more.
/// </summary>
public static class GetActivityTask
{
    /// <summary>The operation's name.</summary>
    public const string OperationName = "GetActivityTask";

    /// <summary>The <c>X-Amz-Target</c> header value.</summary>
    public const string Target = "AWSStepFunctions.GetActivityTask";

    private static readonly ErrorFactory<GetActivityTaskError> MakeError = GetActivityTaskError.FromCode;

    /// <summary>Writes <c>{"activityArn":"…","workerName":"…"}</c>.</summary>
    /// <param name="activityArn">The activity to poll.</param>
    /// <param name="workerName">The worker's name, recorded in the execution history.</param>
    /// <param name="output">Where the UTF-8 JSON goes.</param>
    public static void WriteRequest(ActivityArn activityArn, Option<WorkerName> workerName, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        Requests.WriteObject(output, (activityArn, workerName), static (w, s) =>
        {
            w.WriteString("activityArn"u8, s.activityArn.Value);
            if (s.workerName.Case is WorkerName name)
            {
                w.WriteString("workerName"u8, name.Value);
            }
        });
    }

    /// <summary>
    /// Reads the answer. A task when <c>taskToken</c> is a non-empty string; <c>None</c> when it is absent,
    /// <c>null</c> or <c>""</c> (the poll ended with no task). An <c>input</c> that is absent or <c>null</c> is
    /// <see cref="TaskInput.Null"/>. An empty or whitespace-only 2xx body is the empty output <c>{}</c>, so <c>None</c>;
    /// a 2xx body that cannot be read is <see cref="ErrorCodes.MalformedResponse"/>.
    /// Total: never throws.
    /// </summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="isXml">Whether the answer's content type is XML.</param>
    /// <returns>The task or none, or the error.</returns>
    public static Either<GetActivityTaskError, Option<ActivityTask>> ParseResponse(
        int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml = false)
    {
        if (!Responses.IsSuccess(status))
        {
            return Left(Responses.Error(status, errorTypeHeader, body, isXml, MakeError));
        }

        ReadOnlySpan<byte> json = JsonBody.WithoutBom(body);
        var fields = default(TaskFields);
        if (!JsonBody.ReadObject(json, ref fields, TaskFields.Read).IsOutput())
        {
            return Left(Responses.Malformed(status, "the GetActivityTask answer is not a JSON object", MakeError));
        }

        if (!fields.Token.Found || fields.Token.Length == 0)
        {
            return Right(Option<ActivityTask>.None);
        }

        if (TaskToken.FromService(fields.Token.Decode(json)!) is not { } token)
        {
            return Left(Responses.Malformed(status, "the answer's taskToken is longer than 2048 characters", MakeError));
        }

        TaskInput input = fields.Input.Decode(json) is { } text ? TaskInput.FromService(text) : TaskInput.Null;
        return Right(Some(new ActivityTask(token, input)));
    }

    /// <summary>The <c>taskToken</c> and <c>input</c> strings of a GetActivityTask answer (the first occurrence of each wins).</summary>
    private struct TaskFields
    {
        public JsonStringRange Token;
        public JsonStringRange Input;

        /// <summary>Records <c>taskToken</c> and <c>input</c> when they are strings; <c>null</c> (no task) or another type counts as absent.</summary>
        public static void Read(ref Utf8JsonReader reader, JsonField field, ref TaskFields fields)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                reader.Skip();
            }
            else if (field == JsonField.TaskToken && !fields.Token.Found)
            {
                fields.Token = JsonStringRange.Current(ref reader);
            }
            else if (field == JsonField.Input && !fields.Input.Found)
            {
                fields.Input = JsonStringRange.Current(ref reader);
            }
        }
    }
}
