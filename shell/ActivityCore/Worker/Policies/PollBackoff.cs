using System;
using ActivityCore.Errors;
using ActivityCore.Retries;

namespace ActivityCore.Worker.Policies;

/// <summary>
/// How long a poller waits after a failed GetActivityTask, pure: the random number is a parameter, there is no clock.
/// </summary>
/// <remarks>
/// Reuses the standard retry mode's full-jitter backoff (<see cref="Retry.Backoff(int, double, RetryPolicy)"/>): after <c>n</c> consecutive
/// failures the delay is <c>random01 * min(BaseDelay * 2^(n-1), MaxBackoff)</c>. Throttling
/// (<c>ThrottlingException</c>, <c>ActivityWorkerLimitExceeded</c>) and transient failures (network, 5xx, timeouts)
/// grow the delay with each failure; a configuration error (<c>InvalidArn</c>, <c>ActivityDoesNotExist</c>, KMS,
/// credentials) or any other failure that will not heal by itself waits the full cap at once (no jitter, so never a tight loop), so that a broken worker
/// does not hammer the service. A success or an empty poll resets the count (the caller keeps it).
/// </remarks>
internal static class PollBackoff
{
    /// <summary>The delay before the next poll after a failure.</summary>
    /// <param name="kind">What the failure means.</param>
    /// <param name="consecutiveFailures">Failed polls in a row, this one included (1 after the first).</param>
    /// <param name="random01">A number in [0, 1) for the jitter; values outside are clamped, NaN is 0.</param>
    /// <param name="policy">The base delay and the cap (<see cref="RetryPolicy.BaseDelay"/>, <see cref="RetryPolicy.MaxBackoff"/>).</param>
    /// <returns>The delay, never negative, never above <see cref="RetryPolicy.MaxBackoff"/>.</returns>
    public static TimeSpan Delay(ErrorKind kind, int consecutiveFailures, double random01, RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        int failures = Math.Max(1, consecutiveFailures);
        return kind.IsRetryable()
            ? Retry.Backoff(failures, random01, policy)
            : policy.MaxBackoff; // will not heal by itself: the full cap at once, whatever the base or the jitter
    }
}
