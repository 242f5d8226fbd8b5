namespace ActivityCore.Retries;

/// <summary>
/// Which rules of the AWS SDKs' "standard" retry mode a client follows: the rules the SDKs have shipped since 2020
/// (<see cref="Standard"/>), or their 2026 update (<see cref="Standard2026"/>), which the SDKs ship behind the
/// <c>AWS_NEW_RETRIES_2026=true</c> environment flag (<see cref="RetryRulesFlag"/>) until it becomes their default.
/// Both count at most <see cref="RetryPolicy.MaxAttempts"/> attempts, back off with full jitter under a
/// <see cref="RetryPolicy.MaxBackoff"/> cap applied before the jitter, and pay retries from a <see cref="RetryQuota"/>
/// of 500 tokens; docs/reliability.md sets them side by side with their sources.
/// </summary>
public enum RetryRules
{
    /// <summary>
    /// The standard mode as shipped since 2020: one base delay for every retryable error (<see cref="RetryPolicy.BaseDelay"/>,
    /// default 1 s); a retry costs 5 tokens, 10 after a timeout or a connection failure; the <c>x-amz-retry-after</c>
    /// header is not read; a call whose quota is empty gives up at once.
    /// </summary>
    Standard = 0,

    /// <summary>
    /// The 2026 update (aws-sdk-go-v2 pull request 3400, aws-cli pull request 10342): base delay 50 ms for a transient
    /// error and 1 s for throttling (<see cref="Retry.TransientBaseDelay2026"/>, <see cref="Retry.ThrottlingBaseDelay2026"/>);
    /// a retry costs 14 tokens, 5 after throttling, a timeout being no longer a special case; the server's
    /// <c>x-amz-retry-after</c> (milliseconds) is honoured, held within [backoff, backoff + 5 s]; a long-polling
    /// operation (GetActivityTask) whose quota is empty still waits its backoff before it returns the failure, so that a
    /// poller never spins.
    /// </summary>
    Standard2026 = 1,
}
