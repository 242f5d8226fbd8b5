using System;
using System.Buffers;
using ActivityCore.Errors;
using ActivityCore.Parsing;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Operations;

/// <summary>DescribeActivity: the name, creation date and encryption configuration of an activity.</summary>
public static class DescribeActivity
{
    /// <summary>The operation's name.</summary>
    public const string OperationName = "DescribeActivity";

    /// <summary>The <c>X-Amz-Target</c> header value.</summary>
    public const string Target = "AWSStepFunctions.DescribeActivity";

    private static readonly ErrorFactory<DescribeActivityError> MakeError = DescribeActivityError.FromCode;

    /// <summary>Writes <c>{"activityArn":"…"}</c>.</summary>
    /// <param name="activityArn">The activity to describe.</param>
    /// <param name="destination">Where the UTF-8 JSON goes.</param>
    public static void WriteRequest(ActivityArn activityArn, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        Requests.WriteObject(destination, activityArn, static (w, a) => w.WriteString("activityArn"u8, a.Value));
    }

    /// <summary>Reads the answer <c>{"activityArn":"…","name":"…","creationDate":1.7E9,"encryptionConfiguration":{…}}</c> (the configuration optional, see <see cref="ActivityInfo.EncryptionConfiguration"/>). An empty or whitespace-only 2xx body is <c>{}</c>, which lacks the required fields: <see cref="ErrorCodes.MalformedResponse"/> (the AWS SDKs would hand back an output with them missing). Total: never throws.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    /// <param name="body">The body bytes.</param>
    /// <param name="isXml">Whether the answer's content type is XML.</param>
    /// <returns>The activity, or the error.</returns>
    public static Either<DescribeActivityError, ActivityInfo> ParseResponse(int status, string? errorTypeHeader, ReadOnlySpan<byte> body, bool isXml = false)
    {
        if (!Responses.IsSuccess(status))
        {
            return Left(Responses.Error(status, errorTypeHeader, body, isXml, MakeError));
        }

        var fields = default(ActivityJson.Fields);
        var info = JsonBody.ReadObject(JsonBody.WithoutBom(body), ref fields, ActivityJson.ReadField).IsOutput() ? ActivityJson.ToInfo(fields) : None;
        return info.Case is ActivityInfo activity
            ? Right(activity)
            : Left(Responses.Malformed(status, "the DescribeActivity answer lacks a valid activityArn, name or creationDate", MakeError));
    }
}
