using System;
using ActivityCore.Errors;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Retries;

/// <summary>
/// The retry decision, pure: the random number is a parameter, there is no clock.
/// </summary>
/// <remarks>
/// Follows the AWS SDKs' "standard" retry mode as the AWS SDKs and Tools Reference Guide describes it
/// ("Retry behavior", https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html): retry
/// throttling errors, transient errors (HTTP 500/502/503/504, timeouts, connection errors), clock-skew and
/// expired-credentials errors (the caller corrects the clock or refreshes the credentials first):
/// <see cref="ErrorKindExtensions.IsRetryable"/>;
/// at most 3 attempts by default; the delay before retry <c>i</c> (0 for the first retry) is
/// <c>b * min(r^i * base, MAX_BACKOFF)</c> with <c>b = random(0,1)</c>, <c>r = 2</c>, <c>MAX_BACKOFF = 20 s</c>
/// ("full jitter"); a retry quota (<see cref="RetryQuota"/>) stops retries when many calls fail at once. The
/// quota's constants are those of the SDKs' reference implementation (aws-sdk-js-v3
/// <c>packages/middleware-retry/src/constants.ts</c>: INITIAL_RETRY_TOKENS 500, RETRY_COST 5,
/// TIMEOUT_RETRY_COST 10, NO_RETRY_INCREMENT 1). Not followed: the per-error-type base delays some SDKs use
/// (100 ms transient / 500 ms throttling). The 2026 update of the standard mode (<see cref="RetryRules.Standard2026"/>)
/// is <see cref="Decide(RetryRules, FailedAttempt, RetryQuota, double, RetryPolicy)"/> with those rules; see
/// docs/reliability.md.
/// </remarks>
public static class Retry
{
    /// <summary>The base delay of a retry after a non-throttling error under <see cref="RetryRules.Standard2026"/>: 50 ms.</summary>
    public static readonly TimeSpan TransientBaseDelay2026 = TimeSpan.FromMilliseconds(50);

    /// <summary>The base delay of a retry after throttling under <see cref="RetryRules.Standard2026"/>: 1 s.</summary>
    public static readonly TimeSpan ThrottlingBaseDelay2026 = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The backoff under the given rules: <see cref="Backoff(int, double, RetryPolicy)"/> with the policy's base delay under
    /// <see cref="RetryRules.Standard"/>; under <see cref="RetryRules.Standard2026"/> the same formula with the base
    /// <see cref="ThrottlingBaseDelay2026"/> after throttling, else <see cref="TransientBaseDelay2026"/> (the policy's
    /// <see cref="RetryPolicy.BaseDelay"/> is not used), under the policy's <see cref="RetryPolicy.MaxBackoff"/> cap,
    /// applied before the jitter.
    /// </summary>
    /// <param name="rules">The rules.</param>
    /// <param name="kind">What the failure means.</param>
    /// <param name="attemptsMade">How many attempts were made (1 after the first).</param>
    /// <param name="random01">A number in [0, 1); values outside are clamped, NaN is 0.</param>
    /// <param name="policy">The policy (its cap; its base under <see cref="RetryRules.Standard"/>).</param>
    /// <returns>The delay, never negative, never above <see cref="RetryPolicy.MaxBackoff"/>.</returns>
    public static TimeSpan Backoff(RetryRules rules, ErrorKind kind, int attemptsMade, double random01, RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        TimeSpan baseDelay = rules == RetryRules.Standard2026
            ? (kind == ErrorKind.Throttling ? ThrottlingBaseDelay2026 : TransientBaseDelay2026)
            : policy.BaseDelay;
        return Backoff(attemptsMade, random01, baseDelay, policy.MaxBackoff);
    }

    /// <summary>
    /// The whole retry decision after a failed attempt, quota included: give up when the failure is not retryable
    /// (<see cref="GiveUpReason.NotRetryable"/>) or <see cref="RetryPolicy.MaxAttempts"/> attempts were made
    /// (<see cref="GiveUpReason.AttemptsExhausted"/>); else retry after the delay when the quota can pay for it
    /// (<see cref="RetryQuota.TryAcquire(RetryRules, ErrorKind, bool)"/>), or give up with
    /// <see cref="GiveUpReason.QuotaEmpty"/>. The delay is the backoff (<see cref="Backoff(RetryRules, ErrorKind, int, double, RetryPolicy)"/>);
    /// under <see cref="RetryRules.Standard2026"/> a valid <c>x-amz-retry-after</c> replaces it, held within
    /// [backoff, backoff + 5 s] (<see cref="RetryAfterHeader.Clamp"/>), and a long-polling operation whose quota is empty
    /// gives up only after that delay (<see cref="RetryDecision.GiveUp.WaitFirst"/>), never when its attempts ran out.
    /// Pure: the same arguments give the same step.
    /// </summary>
    /// <param name="rules">The rules.</param>
    /// <param name="failed">The failed attempt.</param>
    /// <param name="quota">The retry quota before the decision.</param>
    /// <param name="random01">A number in [0, 1) for the jitter; values outside are clamped, NaN is 0.</param>
    /// <param name="policy">The policy (max attempts, base delay, cap).</param>
    /// <returns>The decision, the quota after it, and the cost of the retry.</returns>
    public static RetryStep Decide(RetryRules rules, FailedAttempt failed, RetryQuota quota, double random01, RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(quota);
        ArgumentNullException.ThrowIfNull(policy);
        if (!failed.Kind.IsRetryable())
        {
            return new RetryStep(new RetryDecision.GiveUp(new GiveUpReason.NotRetryable(failed.Kind)), quota, 0);
        }

        if (failed.AttemptsMade >= policy.MaxAttempts)
        {
            return new RetryStep(new RetryDecision.GiveUp(new GiveUpReason.AttemptsExhausted(failed.AttemptsMade)), quota, 0);
        }

        TimeSpan backoff = Backoff(rules, failed.Kind, failed.AttemptsMade, random01, policy);
        TimeSpan delay = rules == RetryRules.Standard2026
            ? failed.RetryAfter.Match(Some: after => RetryAfterHeader.Clamp(backoff, after), None: () => backoff)
            : backoff;
        return quota.TryAcquire(rules, failed.Kind, failed.IsTimeout).Match(
            Some: paid => new RetryStep(new RetryDecision.RetryAfter(delay), paid.Quota, paid.Cost),
            None: () => new RetryStep(
                new RetryDecision.GiveUp(GiveUpReason.QuotaEmpty.Instance)
                {
                    WaitFirst = rules == RetryRules.Standard2026 && failed.IsLongPolling ? Some(delay) : None,
                },
                quota,
                0));
    }
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
        return Backoff(attemptsMade, random01, policy.BaseDelay, policy.MaxBackoff);
    }

    /// <summary>
    /// Decides whether to retry after a failure of the given kind: <see cref="RetryDecision.RetryAfter"/> the backoff
    /// (<see cref="Backoff(int, double, RetryPolicy)"/>) when the kind is retryable (<see cref="ErrorKindExtensions.IsRetryable"/>) and fewer than
    /// <see cref="RetryPolicy.MaxAttempts"/> attempts were made; else <see cref="RetryDecision.GiveUp"/> with
    /// <see cref="GiveUpReason.NotRetryable"/> or <see cref="GiveUpReason.AttemptsExhausted"/>. The retry quota is a
    /// separate step (<see cref="RetryQuota.TryAcquire(bool)"/>; <see cref="GiveUpReason.QuotaEmpty"/> when it cannot pay).
    /// </summary>
    /// <param name="kind">What the failure means.</param>
    /// <param name="attemptsMade">How many attempts were made, the failed one included (1 after the first).</param>
    /// <param name="random01">A number in [0, 1) for the jitter.</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The decision.</returns>
    public static RetryDecision Decide(ErrorKind kind, int attemptsMade, double random01, RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!kind.IsRetryable())
        {
            return new RetryDecision.GiveUp(new GiveUpReason.NotRetryable(kind));
        }

        return attemptsMade < policy.MaxAttempts
            ? new RetryDecision.RetryAfter(Backoff(attemptsMade, random01, policy))
            : new RetryDecision.GiveUp(new GiveUpReason.AttemptsExhausted(attemptsMade));
    }

    /// <summary>The same decision for a service error (<see cref="IOperationError.Kind"/>).</summary>
    /// <param name="error">The error.</param>
    /// <param name="attemptsMade">How many attempts were made, the failed one included.</param>
    /// <param name="random01">A number in [0, 1).</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The decision.</returns>
    public static RetryDecision Decide(IOperationError error, int attemptsMade, double random01, RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(error);
        return Decide(error.Kind, attemptsMade, random01, policy);
    }

    /// <summary>
    /// The delay of the decision with the standard mode's defaults (<see cref="RetryPolicy.Standard"/>: 3 attempts,
    /// base 1 s, cap 20 s): <see cref="RetryDecision.NextDelay"/> of <see cref="Decide(ErrorKind, int, double, RetryPolicy)"/>.
    /// </summary>
    /// <param name="kind">What the failure means.</param>
    /// <param name="attemptsMade">How many attempts were made, the failed one included.</param>
    /// <param name="random01">A number in [0, 1) for the jitter.</param>
    /// <returns>The delay before the next attempt, or none.</returns>
    public static Option<TimeSpan> Decide(ErrorKind kind, int attemptsMade, double random01) =>
        Decide(kind, attemptsMade, random01, RetryPolicy.Standard).NextDelay;

    /// <summary>
    /// The delay of the decision for a service error with the standard mode's defaults (DESIGN.md's
    /// <c>Retry.Decide(error, attempt, random01)</c>): <see cref="RetryDecision.NextDelay"/> of
    /// <see cref="Decide(IOperationError, int, double, RetryPolicy)"/>.
    /// </summary>
    /// <param name="error">The error.</param>
    /// <param name="attemptsMade">How many attempts were made, the failed one included.</param>
    /// <param name="random01">A number in [0, 1) for the jitter.</param>
    /// <returns>The delay before the next attempt, or none.</returns>
    public static Option<TimeSpan> Decide(IOperationError error, int attemptsMade, double random01) =>
        Decide(error, attemptsMade, random01, RetryPolicy.Standard).NextDelay;

    /// <summary><c>random01 * min(baseDelay * 2^(attemptsMade - 1), maxBackoff)</c>: the cap before the jitter.</summary>
    private static TimeSpan Backoff(int attemptsMade, double random01, TimeSpan baseDelay, TimeSpan maxBackoff)
    {
        double jitter = double.IsNaN(random01) ? 0 : Math.Clamp(random01, 0, 1);
        int exponent = Math.Clamp(attemptsMade - 1, 0, 62);
        double ceilingTicks = Math.Min(baseDelay.Ticks * Math.Pow(2, exponent), maxBackoff.Ticks);
        return TimeSpan.FromTicks((long)(jitter * ceilingTicks));
    }
}
