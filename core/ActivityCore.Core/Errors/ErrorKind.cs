namespace ActivityCore.Errors;

/// <summary>What an error means for the caller: retry, correct and retry, stop the task, or fix the configuration.</summary>
/// <remarks>
/// Follows the AWS SDKs' "standard" retry mode for what is retryable (throttling codes, HTTP 500/502/503/504,
/// request timeouts, connection errors), and DESIGN.md for what ends a task or is a configuration error.
/// </remarks>
public enum ErrorKind
{
    /// <summary>The request was refused as invalid and will be refused again (e.g. <c>InvalidOutput</c>, <c>InvalidName</c>, access denied). Not retryable.</summary>
    Rejected,

    /// <summary>The service asks the caller to slow down (throttling codes, <c>ActivityWorkerLimitExceeded</c>). Retryable with backoff.</summary>
    Throttling,

    /// <summary>A transient failure: HTTP 500/502/503/504, a request timeout, a connection error, a malformed answer. Retryable with backoff.</summary>
    Transient,

    /// <summary>The request's signing time was too far from the service's clock. Retryable once the clock offset is corrected.</summary>
    ClockSkew,

    /// <summary>The credentials have expired. Retryable once the credentials are refreshed.</summary>
    ExpiredCredentials,

    /// <summary>The task is over (<c>TaskTimedOut</c>, <c>TaskDoesNotExist</c>, <c>InvalidToken</c>): stop working on it, do not resend.</summary>
    TaskEnded,

    /// <summary>The configuration is wrong (<c>InvalidArn</c>, <c>ActivityDoesNotExist</c>, KMS access or key state, bad credentials). Not retryable.</summary>
    Configuration,
}

/// <summary>Named helpers on <see cref="ErrorKind"/>.</summary>
public static class ErrorKindExtensions
{
    /// <summary>
    /// The one meaning of "retryable": true for <see cref="ErrorKind.Throttling"/> and <see cref="ErrorKind.Transient"/>
    /// (the request is sent again after a backoff), and for <see cref="ErrorKind.ClockSkew"/> and
    /// <see cref="ErrorKind.ExpiredCredentials"/> (the caller corrects its clock offset or refreshes its credentials
    /// before the retry, as the AWS SDKs do; the client does both). False for the other kinds.
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <returns>Whether a retry may succeed.</returns>
    public static bool IsRetryable(this ErrorKind kind) =>
        kind is ErrorKind.Throttling or ErrorKind.Transient or ErrorKind.ClockSkew or ErrorKind.ExpiredCredentials;
}
