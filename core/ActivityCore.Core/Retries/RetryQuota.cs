using System;
using ActivityCore.Errors;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Retries;

/// <summary>
/// The standard retry mode's retry quota, a token bucket, as an immutable value: a retry takes
/// <see cref="RetryCost"/> tokens (<see cref="TimeoutRetryCost"/> after a timeout or a connection error), or under the
/// 2026 rules <see cref="TransientRetryCost2026"/> (<see cref="ThrottlingRetryCost2026"/> after throttling); a success
/// gives back what its last retry took, or <see cref="NoRetryIncrement"/> when it needed no retry; the bucket never
/// holds more than its capacity. When it cannot pay for a retry, the call is not retried. The caller threads the
/// value through (the shell keeps one per client). Thread-safe (immutable).
/// </summary>
public sealed record RetryQuota
{
    /// <summary>The tokens of a full bucket: 500.</summary>
    public const int InitialTokens = 500;

    /// <summary>The cost of a retry: 5.</summary>
    public const int RetryCost = 5;

    /// <summary>The cost of a retry after a timeout or a connection error: 10.</summary>
    public const int TimeoutRetryCost = 10;

    /// <summary>The cost of a retry after a non-throttling error under <see cref="RetryRules.Standard2026"/>, a timeout included: 14.</summary>
    public const int TransientRetryCost2026 = 14;

    /// <summary>The cost of a retry after throttling under <see cref="RetryRules.Standard2026"/>: 5.</summary>
    public const int ThrottlingRetryCost2026 = 5;

    /// <summary>What a success that needed no retry puts back: 1.</summary>
    public const int NoRetryIncrement = 1;

    /// <summary>A full bucket of <see cref="InitialTokens"/>.</summary>
    public static readonly RetryQuota Full = new(InitialTokens, InitialTokens);

    private RetryQuota(int available, int capacity)
    {
        Available = available;
        Capacity = capacity;
    }

    /// <summary>The tokens left.</summary>
    public int Available { get; }

    /// <summary>The most tokens the bucket holds.</summary>
    public int Capacity { get; }

    /// <summary>A full bucket of the given capacity (0..100,000; clamped).</summary>
    /// <param name="capacity">The capacity.</param>
    /// <returns>The bucket.</returns>
    public static RetryQuota WithCapacity(int capacity)
    {
        int c = Math.Clamp(capacity, 0, 100_000);
        return new RetryQuota(c, c);
    }

    /// <summary>The cost of a retry after a failure: <see cref="TimeoutRetryCost"/> for a timeout or connection error, else <see cref="RetryCost"/>.</summary>
    /// <param name="isTimeout">Whether the failure was a timeout or a connection error.</param>
    /// <returns>The cost.</returns>
    public static int CostOf(bool isTimeout) => isTimeout ? TimeoutRetryCost : RetryCost;

    /// <summary>
    /// The cost of a retry under the given rules: <see cref="CostOf(bool)"/> under <see cref="RetryRules.Standard"/>;
    /// under <see cref="RetryRules.Standard2026"/> <see cref="ThrottlingRetryCost2026"/> after throttling, else
    /// <see cref="TransientRetryCost2026"/> (a timeout is no longer a special case).
    /// </summary>
    /// <param name="rules">The rules.</param>
    /// <param name="kind">What the failure means.</param>
    /// <param name="isTimeout">Whether the failure was a timeout or a connection error.</param>
    /// <returns>The cost.</returns>
    public static int CostOf(RetryRules rules, ErrorKind kind, bool isTimeout) => rules switch
    {
        RetryRules.Standard2026 => kind == ErrorKind.Throttling ? ThrottlingRetryCost2026 : TransientRetryCost2026,
        _ => CostOf(isTimeout),
    };

    /// <summary>Takes the tokens for one retry under the given rules (<see cref="CostOf(RetryRules, ErrorKind, bool)"/>), if there are enough.</summary>
    /// <param name="rules">The rules.</param>
    /// <param name="kind">What the failure means.</param>
    /// <param name="isTimeout">Whether the failure was a timeout or a connection error.</param>
    /// <returns>The bucket after paying and the amount paid, or none when the quota is exhausted.</returns>
    public Option<(RetryQuota Quota, int Cost)> TryAcquire(RetryRules rules, ErrorKind kind, bool isTimeout)
    {
        int cost = CostOf(rules, kind, isTimeout);
        return cost <= Available ? Some((new RetryQuota(Available - cost, Capacity), cost)) : None;
    }

    /// <summary>Takes the tokens for one retry, if there are enough.</summary>
    /// <param name="isTimeout">Whether the failure was a timeout or a connection error.</param>
    /// <returns>The bucket after paying and the amount paid, or none when the quota is exhausted.</returns>
    public Option<(RetryQuota Quota, int Cost)> TryAcquire(bool isTimeout)
    {
        int cost = CostOf(isTimeout);
        return cost <= Available ? Some((new RetryQuota(Available - cost, Capacity), cost)) : None;
    }

    /// <summary>The bucket after a success: <paramref name="lastRetryCost"/> back when the success came on a retry, else <see cref="NoRetryIncrement"/>.</summary>
    /// <param name="lastRetryCost">What the last retry of the call took, or 0 when the call needed no retry.</param>
    /// <returns>The bucket, never above its capacity.</returns>
    public RetryQuota OnSuccess(int lastRetryCost)
    {
        int refund = lastRetryCost > 0 ? lastRetryCost : NoRetryIncrement;
        return Available >= Capacity ? this : new RetryQuota((int)Math.Min((long)Available + refund, Capacity), Capacity);
    }
}
