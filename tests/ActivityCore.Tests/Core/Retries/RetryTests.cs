using System;
using ActivityCore.Errors;
using ActivityCore.Retries;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;

namespace ActivityCore.Tests.Core.Retries;

public class RetryTests
{
    private static readonly RetryPolicy Policy = RetryPolicy.Standard;

    [Theory]
    [InlineData(ErrorKind.Throttling, true)]
    [InlineData(ErrorKind.Transient, true)]
    [InlineData(ErrorKind.ClockSkew, true)]
    [InlineData(ErrorKind.ExpiredCredentials, true)]
    [InlineData(ErrorKind.Rejected, false)]
    [InlineData(ErrorKind.TaskEnded, false)]
    [InlineData(ErrorKind.Configuration, false)]
    public void Retryable_kinds(ErrorKind kind, bool retryable)
    {
        Assert.Equal(retryable, kind.IsRetryable());
        Assert.Equal(retryable, Retry.Decide(kind, 1, 0.5, Policy).NextDelay.IsSome);
        Assert.Equal(retryable, Retry.Decide(kind, 1, 0.5).IsSome);
    }

    [Fact]
    public void No_retry_once_max_attempts_are_made()
    {
        Assert.Equal(new RetryDecision.RetryAfter(TimeSpan.FromSeconds(1)), Retry.Decide(ErrorKind.Transient, 2, 0.5, Policy));
        Assert.Equal(new RetryDecision.GiveUp(new GiveUpReason.AttemptsExhausted(3)), Retry.Decide(ErrorKind.Transient, 3, 0.5, Policy));
    }

    [Theory]
    [InlineData(1, 1.0, 1_000)]
    [InlineData(2, 1.0, 2_000)]
    [InlineData(3, 1.0, 4_000)]
    [InlineData(5, 1.0, 16_000)]
    [InlineData(6, 1.0, 20_000)]
    [InlineData(40, 1.0, 20_000)]
    [InlineData(3, 0.5, 2_000)]
    [InlineData(3, 0.0, 0)]
    public void Backoff_is_jitter_times_capped_exponential(int attemptsMade, double random01, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Retry.Backoff(attemptsMade, random01, Policy));

    [Property]
    public bool Backoff_is_within_zero_and_the_cap(int attemptsMade, NormalFloat random)
    {
        var delay = Retry.Backoff(attemptsMade, random.Get, Policy);
        return delay >= TimeSpan.Zero && delay <= TimeSpan.FromSeconds(20);
    }

    [Property]
    public bool Backoff_grows_with_attempts_for_the_same_jitter(PositiveInt attempt, NormalFloat random)
    {
        double r = Math.Abs(random.Get) % 1;
        return Retry.Backoff(attempt.Get, r, Policy) <= Retry.Backoff(attempt.Get + 1, r, Policy);
    }

    [Fact]
    public void Service_error_decision_uses_its_kind()
    {
        var throttled = new GetActivityTaskError.UnknownOperationError("ThrottlingException", Prelude.None);
        Assert.Equal(new RetryDecision.RetryAfter(TimeSpan.FromMilliseconds(100)), Retry.Decide(throttled, 1, 0.1, Policy));
        Assert.Equal(
            new RetryDecision.GiveUp(new GiveUpReason.NotRetryable(ErrorKind.Configuration)),
            Retry.Decide(new GetActivityTaskError.InvalidArn(Prelude.None), 1, 0.1, Policy));
    }

    [Fact]
    public void The_short_form_uses_the_standard_policy()
    {
        Assert.Equal(Retry.Decide(ErrorKind.Throttling, 2, 0.25, Policy).NextDelay, Retry.Decide(ErrorKind.Throttling, 2, 0.25));
        Assert.Equal(Prelude.Some(TimeSpan.FromMilliseconds(500)), Retry.Decide(ErrorKind.Throttling, 2, 0.25));
        Assert.True(Retry.Decide(new GetActivityTaskError.KmsThrottlingException(Prelude.None), 3, 0.25).IsNone);
    }

    [Fact]
    public void Policy_ranges_are_checked()
    {
        Assert.True(RetryPolicy.Create(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20)).IsLeft);
        Assert.True(RetryPolicy.Create(21, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20)).IsLeft);
        Assert.True(RetryPolicy.Create(3, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(20)).IsLeft);
        Assert.True(RetryPolicy.Create(3, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)).IsLeft);
        Assert.True(RetryPolicy.Create(1, TimeSpan.Zero, TimeSpan.Zero).IsRight);
    }

    [Fact]
    public void Quota_costs_5_per_retry_10_after_a_timeout_and_refunds_on_success()
    {
        var full = RetryQuota.Full;
        var (afterRetry, cost) = ((RetryQuota, int))full.TryAcquire(isTimeout: false);
        Assert.Equal((495, 5), (afterRetry.Available, cost));
        var (afterTimeout, timeoutCost) = ((RetryQuota, int))afterRetry.TryAcquire(isTimeout: true);
        Assert.Equal((485, 10), (afterTimeout.Available, timeoutCost));
        Assert.Equal(495, afterTimeout.OnSuccess(lastRetryCost: 10).Available);
        Assert.Equal(486, afterTimeout.OnSuccess(lastRetryCost: 0).Available);
        Assert.Equal(500, full.OnSuccess(0).Available);
    }

    [Fact]
    public void Quota_refuses_a_retry_it_cannot_pay_for()
    {
        var quota = RetryQuota.WithCapacity(12);
        var (left, _) = ((RetryQuota, int))quota.TryAcquire(isTimeout: true);
        Assert.Equal(2, left.Available);
        Assert.True(left.TryAcquire(isTimeout: false).IsNone);
    }

    [Property]
    public bool Quota_never_goes_below_zero_nor_above_capacity(bool[] failures)
    {
        var quota = RetryQuota.WithCapacity(50);
        foreach (bool timeout in failures ?? [])
        {
            quota = quota.TryAcquire(timeout).Match(Some: p => p.Quota, None: () => quota.OnSuccess(0));
            if (quota.Available < 0 || quota.Available > quota.Capacity)
            {
                return false;
            }
        }

        return true;
    }
}
