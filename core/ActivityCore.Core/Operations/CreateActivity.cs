using System;
using System.Buffers;
using ActivityCore.Errors;
using ActivityCore.Parsing;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Operations;

/// <summary>
/// CreateActivity: creates an activity, or returns the existing one's ARN (idempotent by name;
/// <c>ActivityAlreadyExists</c> means the existing one has a different encryption configuration).
/// The request carries the tags of a new activity and its encryption configuration (<see cref="CreateActivityRequest"/>).
/// </summary>
public static class CreateActivity
{
    /// <summary>The operation's name.</summary>
    public const string OperationName = "CreateActivity";

    /// <summary>The <c>X-Amz-Target</c> header value.</summary>
    public const string Target = "AWSStepFunctions.CreateActivity";

    private static readonly ErrorFactory<CreateActivityError> MakeError = CreateActivityError.FromCode;

    /// <summary>Writes <c>{"name":"…"}</c>.</summary>
    /// <param name="name">The activity's name.</param>
    /// <param name="destination">Where the UTF-8 JSON goes.</param>
    public static void WriteRequest(ActivityName name, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(name);
        Requests.WriteObject(destination, name, static (w, n) => w.WriteString("name"u8, n.Value));
    }

    /// <summary>Writes <c>{"name":"…","tags":[{"key":"…","value":"…"}],"encryptionConfiguration":{"type":"…","kmsKeyId":"…","kmsDataKeyReusePeriodSeconds":N}}</c>, tags only when there are some, the configuration only when set.</summary>
    /// <param name="request">The request.</param>
    /// <param name="destination">Where the UTF-8 JSON goes.</param>
    public static void WriteRequest(CreateActivityRequest request, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(request);
        Requests.WriteObject(destination, request, static (w, r) =>
        {
            w.WriteString("name"u8, r.Name.Value);
            if (r.Tags.Count > 0)
            {
                TagJson.WriteTags(w, r.Tags);
            }

            r.EncryptionConfiguration.IfSome(c => TagJson.WriteEncryption(w, c));
        });
    }

    /// <summary>Reads the answer <c>{"activityArn":"…","creationDate":1.7E9}</c>. An empty or whitespace-only 2xx body is <c>{}</c>, which lacks the required fields: <see cref="ErrorCodes.MalformedResponse"/> (the AWS SDKs would hand back an output with them missing). Total: never throws.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="isXml">Whether the answer's content type is XML.</param>
    /// <returns>The created activity, or the error.</returns>
    public static Either<CreateActivityError, CreatedActivity> ParseResponse(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml = false)
    {
        if (!Responses.IsSuccess(status))
        {
            return Left(Responses.Error(status, errorTypeHeader, body, isXml, MakeError));
        }

        var fields = default(ActivityJson.Fields);
        var created = JsonBody.ReadObject(JsonBody.WithoutBom(body), ref fields, ActivityJson.ReadField).IsOutput()
            ? from arn in ActivityArn.Parse(fields.Arn).ToOption()
              from date in ActivityJson.FromEpochSeconds(fields.CreationDate)
              select new CreatedActivity(arn, date)
            : None;
        return created.Case is CreatedActivity activity
            ? Right(activity)
            : Left(Responses.Malformed(status, "the CreateActivity answer lacks a valid activityArn or creationDate", MakeError));
    }
}
