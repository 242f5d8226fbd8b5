using System;
using ActivityCore.Errors;
using LanguageExt;

namespace ActivityCore.Retries;

/// <summary>
/// A failed attempt as the retry decision (<see cref="Retry.Decide(RetryRules, FailedAttempt, RetryQuota, double, RetryPolicy)"/>)
/// sees it. Immutable and thread-safe.
/// </summary>
/// <param name="Kind">What the failure means (<see cref="ErrorKindExtensions.IsRetryable"/>, throttling or not).</param>
/// <param name="AttemptsMade">How many attempts the call made, the failed one included (1 after the first).</param>
public sealed record FailedAttempt(ErrorKind Kind, int AttemptsMade)
{
    /// <summary>Whether the failure was a timeout or a connection failure (<see cref="RetryRules.Standard"/> charges such a retry more). Default false.</summary>
    public bool IsTimeout { get; init; }

    /// <summary>The answer's <c>x-amz-retry-after</c> (<see cref="RetryAfterHeader.Parse"/>), if it had a valid one. Default none.</summary>
    public Option<TimeSpan> RetryAfter { get; init; }

    /// <summary>Whether the operation is a long-polling one (GetActivityTask). Default false.</summary>
    public bool IsLongPolling { get; init; }
}
