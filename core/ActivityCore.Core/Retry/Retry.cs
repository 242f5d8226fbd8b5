using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// The retry decision, pure: the random number is a parameter, there is no clock.
/// </summary>
/// <remarks>
/// Follows the AWS SDKs' "standard" retry mode as the AWS SDKs and Tools Reference Guide describes it
/// ("Retry behavior", https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html): retry
/// throttling errors, transient errors (HTTP 500/502/503/504, timeouts, connection errors) and clock-skew errors;
/// at most 3 attempts by default; the delay before retry <c>i</c> (0 for the first retry) is
/// <c>b * min(r^i * base, MAX_BACKOFF)</c> with <c>b = random(0,1)</c>, <c>r = 2</c>, <c>MAX_BACKOFF = 20 s</c>
/// ("full jitter"); a retry quota (<see cref="RetryQuota"/>) stops retries when many calls fail at once. The
/// quota's constants are those of the SDKs' reference implementation (aws-sdk-js-v3
/// <c>packages/middleware-retry/src/constants.ts</c>: INITIAL_RETRY_TOKENS 500, RETRY_COST 5,
/// TIMEOUT_RETRY_COST 10, NO_RETRY_INCREMENT 1). Not followed: the per-error-type base delays some SDKs use
/// (100 ms transient / 500 ms throttling) and the 2026 update of the standard mode; see the README.
/// </remarks>
public static class Retry
{
    /// <summary>
    /// Whether a kind of failure may be retried: <see cref="ErrorKind.Throttling"/>, <see cref="ErrorKind.Transient"/>,
    /// and <see cref="ErrorKind.ClockSkew"/> / <see cref="ErrorKind.ExpiredCredentials"/> (the caller corrects the clock
    /// offset or refreshes the credentials before the retry, as the AWS SDKs do).
    /// </summary>
    /// <param name="kind">The kind.</param>
    /// <returns>True when a retry may succeed.</returns>
    public static bool IsRetryable(ErrorKind kind) =>
        kind is ErrorKind.Throttling or ErrorKind.Transient or ErrorKind.ClockSkew or ErrorKind.ExpiredCredentials;

    /// <summary>
    /// The delay before the next attempt, after <paramref name="attemptsMade"/> attempts: retry number
    /// <c>i = attemptsMade - 1</c> waits <c>random01 * min(BaseDelay * 2^i, MaxBackoff)</c>.
    /// </summary>
    /// <param name="attemptsMade">How many attempts were made (1 after the first).</param>
    /// <param name="random01">A number in [0, 1); values outside are clamped, NaN is 0.</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The delay, never negative, never above <see cref="RetryPolicy.MaxBackoff"/>.</returns>
    public static TimeSpan Backoff(int attemptsMade, double random01, RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        double jitter = double.IsNaN(random01) ? 0 : Math.Clamp(random01, 0, 1);
        int exponent = Math.Clamp(attemptsMade - 1, 0, 62);
        double ceilingTicks = Math.Min(policy.BaseDelay.Ticks * Math.Pow(2, exponent), policy.MaxBackoff.Ticks);
        return TimeSpan.FromTicks((long)(jitter * ceilingTicks));
    }

    /// <summary>
    /// Decides whether to retry after a failure of the given kind: <c>Some(delay)</c> when the kind is retryable
    /// (<see cref="IsRetryable"/>) and fewer than <see cref="RetryPolicy.MaxAttempts"/> attempts were made, else <c>None</c>.
    /// The retry quota is a separate step (<see cref="RetryQuota.TryAcquire"/>).
    /// </summary>
    /// <param name="kind">What the failure means.</param>
    /// <param name="attemptsMade">How many attempts were made, the failed one included (1 after the first).</param>
    /// <param name="random01">A number in [0, 1) for the jitter.</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The delay before the next attempt, or none.</returns>
    public static Option<TimeSpan> Decide(ErrorKind kind, int attemptsMade, double random01, RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return IsRetryable(kind) && attemptsMade < policy.MaxAttempts
            ? Some(Backoff(attemptsMade, random01, policy))
            : None;
    }

    /// <summary>The decision with the standard mode's defaults (<see cref="RetryPolicy.Standard"/>: 3 attempts, base 1 s, cap 20 s).</summary>
    /// <param name="kind">What the failure means.</param>
    /// <param name="attemptsMade">How many attempts were made, the failed one included.</param>
    /// <param name="random01">A number in [0, 1) for the jitter.</param>
    /// <returns>The delay before the next attempt, or none.</returns>
    public static Option<TimeSpan> Decide(ErrorKind kind, int attemptsMade, double random01) =>
        Decide(kind, attemptsMade, random01, RetryPolicy.Standard);

    /// <summary>The decision for a service error with the standard mode's defaults (DESIGN.md's <c>Retry.Decide(error, attempt, random01)</c>).</summary>
    /// <param name="error">The error.</param>
    /// <param name="attemptsMade">How many attempts were made, the failed one included.</param>
    /// <param name="random01">A number in [0, 1) for the jitter.</param>
    /// <returns>The delay before the next attempt, or none.</returns>
    public static Option<TimeSpan> Decide(IOperationError error, int attemptsMade, double random01) =>
        Decide(error, attemptsMade, random01, RetryPolicy.Standard);

    /// <summary>The same decision for a service error (<see cref="IOperationError.Kind"/>).</summary>
    /// <param name="error">The error.</param>
    /// <param name="attemptsMade">How many attempts were made.</param>
    /// <param name="random01">A number in [0, 1).</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The delay before the next attempt, or none.</returns>
    public static Option<TimeSpan> Decide(IOperationError error, int attemptsMade, double random01, RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Decide(error.Kind, attemptsMade, random01, policy);
    }
}
