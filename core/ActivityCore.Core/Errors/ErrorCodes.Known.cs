using System;
using System.Linq;
using System.Text;

namespace ActivityCore;

/// <summary>The known codes and their meaning.</summary>
public static partial class ErrorCodes
{
    /// <summary>
    /// Every code recognised without allocating: the Step Functions activity operations' modeled errors, and the
    /// common AWS codes (throttling, transient, clock skew, credentials, authentication).
    /// </summary>
    private static readonly string[] Known =
    [
        // Modeled errors of the eight activity operations (the public Step Functions service model).
        "ActivityDoesNotExist", "ActivityWorkerLimitExceeded", "InvalidArn", "KmsAccessDeniedException",
        "KmsInvalidStateException", "KmsThrottlingException", "InvalidOutput", "InvalidToken", "TaskDoesNotExist",
        "TaskTimedOut", "ActivityAlreadyExists", "ActivityLimitExceeded", "InvalidEncryptionConfiguration",
        "InvalidName", "TooManyTags",

        // Throttling codes of the AWS SDKs' standard retry mode.
        "ThrottlingException", "Throttling", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "EC2ThrottledException",

        // Transient codes.
        "PriorRequestNotComplete", "RequestTimeout", "RequestTimeoutException", "InternalFailure", "InternalServerError",
        "InternalError", "ServiceUnavailable", "ServiceUnavailableException", MalformedResponse,

        // Clock skew, credentials, authentication.
        "RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture", "InvalidSignatureException", "SignatureDoesNotMatch",
        "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException", "InvalidClientTokenId",
        "MissingAuthenticationTokenException", "IncompleteSignature", "AccessDeniedException", "AccessDenied",

        // Request shape.
        "ValidationException", "UnknownOperationException", "SerializationException", "InvalidParameterValue",
    ];

    private static readonly byte[][] KnownUtf8 = Known.Select(Encoding.UTF8.GetBytes).ToArray();

    /// <summary>
    /// What a code means for the caller, following the AWS SDKs' standard retry mode for throttling and transient
    /// errors and DESIGN.md for the rest. A code this table does not know is judged by the HTTP status:
    /// 429 is throttling, 500/502/503/504 are transient, anything else is a rejection.
    /// </summary>
    /// <param name="code">A sanitised code.</param>
    /// <param name="message">The service's message (an <c>InvalidSignatureException</c> saying "Signature expired" is clock skew).</param>
    /// <param name="status">The HTTP status of the answer, or 0 when unknown.</param>
    /// <returns>The kind.</returns>
    public static ErrorKind Classify(string code, string? message, int status) => code switch
    {
        "ThrottlingException" or "Throttling" or "ThrottledException" or "RequestThrottledException"
            or "TooManyRequestsException" or "ProvisionedThroughputExceededException" or "TransactionInProgressException"
            or "RequestLimitExceeded" or "BandwidthLimitExceeded" or "LimitExceededException" or "RequestThrottled"
            or "SlowDown" or "EC2ThrottledException" or "KmsThrottlingException" or "ActivityWorkerLimitExceeded"
            => ErrorKind.Throttling,
        "PriorRequestNotComplete" or "RequestTimeout" or "RequestTimeoutException" or "InternalFailure"
            or "InternalServerError" or "InternalError" or "ServiceUnavailable" or "ServiceUnavailableException"
            or MalformedResponse
            => ErrorKind.Transient,
        "RequestTimeTooSkewed" or "RequestExpired" or "RequestInTheFuture" => ErrorKind.ClockSkew,
        "InvalidSignatureException" or "SignatureDoesNotMatch" when IsSkewMessage(message) => ErrorKind.ClockSkew,
        "ExpiredToken" or "ExpiredTokenException" => ErrorKind.ExpiredCredentials,
        "TaskTimedOut" or "TaskDoesNotExist" or "InvalidToken" => ErrorKind.TaskEnded,
        "InvalidArn" or "ActivityDoesNotExist" or "KmsAccessDeniedException" or "KmsInvalidStateException"
            or "InvalidEncryptionConfiguration" or "UnrecognizedClientException" or "InvalidClientTokenId"
            or "MissingAuthenticationTokenException" or "InvalidSignatureException" or "SignatureDoesNotMatch"
            or "IncompleteSignature"
            => ErrorKind.Configuration,
        _ when IsKnown(code) => ErrorKind.Rejected,
        _ => status switch
        {
            429 => ErrorKind.Throttling,
            500 or 502 or 503 or 504 => ErrorKind.Transient,
            _ => ErrorKind.Rejected,
        },
    };

    /// <summary>True when <paramref name="code"/> is one of the codes recognised without allocating.</summary>
    /// <param name="code">A sanitised code.</param>
    /// <returns>Whether the code is known.</returns>
    public static bool IsKnown(string code) => Array.IndexOf(Known, code) >= 0;

    private static bool IsSkewMessage(string? message) =>
        message is not null
        && (message.Contains("Signature expired", StringComparison.OrdinalIgnoreCase)
            || message.Contains("Signature not yet current", StringComparison.OrdinalIgnoreCase));
}
