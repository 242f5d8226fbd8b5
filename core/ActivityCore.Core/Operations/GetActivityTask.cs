using System;
using System.Buffers;
using System.Text.Json;
using ActivityCore.Parsing;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

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
    /// <see cref="TaskInput.Null"/>. A 2xx body that cannot be read is <see cref="ErrorCodes.MalformedResponse"/>.
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

        var fields = default(TaskFields);
        if (!TaskFields.Read(body, ref fields))
        {
            return Left(Responses.Malformed(status, "the GetActivityTask answer is not a JSON object", MakeError));
        }

        if (!fields.Token.Found || fields.Token.Span.IsEmpty)
        {
            return Right(Option<ActivityTask>.None);
        }

        var token = TaskToken.Parse(JsonStrings.Decode(fields.Token.Span, fields.Token.Escaped));
        if (token.IsLeft)
        {
            return Left(Responses.Malformed(status, "the answer's taskToken is longer than 2048 characters or not valid UTF-16", MakeError));
        }

        TaskInput input = fields.Input.Found ? TaskInput.FromService(JsonStrings.Decode(fields.Input.Span, fields.Input.Escaped)) : TaskInput.Null;
        return Right(Some(new ActivityTask((TaskToken)token, input)));
    }

    /// <summary>The raw <c>taskToken</c> and <c>input</c> strings of a GetActivityTask answer.</summary>
    private ref struct TaskFields
    {
        public RawString Token;
        public RawString Input;

        /// <summary>One reader pass over the top-level object; false when the body is not one JSON object.</summary>
        public static bool Read(ReadOnlySpan<byte> body, ref TaskFields fields)
        {
            body = JsonBody.TrimStart(body);
            if (body.IsEmpty || body[0] != (byte)'{')
            {
                return false;
            }

            var reader = new Utf8JsonReader(body, JsonBody.ReaderOptions);
            try
            {
                reader.Read();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    JsonField field = JsonFields.Of(ref reader);
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        if (field == JsonField.TaskToken && !fields.Token.Found)
                        {
                            fields.Token = RawString.Current(ref reader);
                        }
                        else if (field == JsonField.Input && !fields.Input.Found)
                        {
                            fields.Input = RawString.Current(ref reader);
                        }
                    }
                    else
                    {
                        reader.Skip(); // null (no task), or a value of the wrong type: counts as absent
                    }
                }

                return reader.TokenType == JsonTokenType.EndObject && !reader.Read();
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}
