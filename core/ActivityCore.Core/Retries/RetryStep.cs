namespace ActivityCore.Retries;

/// <summary>
/// What the retry decision came to: the decision, the quota after it (less the retry's cost when it retries, else as it
/// was) and that cost (0 when it does not retry; the client gives it back when the retry succeeds). Immutable.
/// </summary>
/// <param name="Decision">Retry after a delay, or give up (<see cref="RetryDecision.GiveUp.WaitFirst"/> says whether to wait first).</param>
/// <param name="Quota">The quota after the decision.</param>
/// <param name="Cost">The tokens the retry took, or 0.</param>
public sealed record RetryStep(RetryDecision Decision, RetryQuota Quota, int Cost);
