using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local.Protocol;
using ActivityCore.Operations;
using ActivityCore.Worker;
using ActivityCore.Worker.Policies;
using FsCheck.Xunit;
using LanguageExt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>The worker's pure pacing and health decisions (<see cref="PollPacing"/>, <see cref="HealthRules"/>), the orphans' tracker and the new option.</summary>
public class WorkerHealthPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    private static readonly ActivityFailure<GetActivityTaskError> Network = new ActivityFailure<GetActivityTaskError>.NetworkFailure("HttpRequestException", "Connection refused");
    private static readonly ActivityFailure<GetActivityTaskError> NoCredentials = new ActivityFailure<GetActivityTaskError>.ClientFailure(ClientFailureReason.CredentialsUnavailable, "none found");
    private static readonly ActivityFailure<GetActivityTaskError> Missing = new ActivityFailure<GetActivityTaskError>.ServiceError(new GetActivityTaskError.ActivityDoesNotExist(None), 400, None);

    [Property]
    public bool An_instant_empty_answer_is_followed_by_a_pause_in_the_documented_range_and_a_held_one_by_none(ushort millis, double random01)
    {
        var answeredIn = TimeSpan.FromMilliseconds(millis % 300);
        var pause = PollPacing.AfterEmptyPoll(answeredIn, random01);
        return answeredIn < PollPacing.InstantThreshold
            ? pause.Exists(p => p >= PollPacing.MinPause && p < PollPacing.MaxPause)
            : pause.IsNone;
    }

    [Theory]
    [InlineData(0.0, 200.0)]
    [InlineData(0.5, 300.0)]
    [InlineData(double.NaN, 200.0)]
    [InlineData(-3.0, 200.0)]
    public void The_pause_is_uniform_between_200_and_400_ms(double random01, double expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), PollPacing.AfterEmptyPoll(TimeSpan.Zero, random01).IfNone(TimeSpan.MaxValue));

    [Fact]
    public void The_pause_never_reaches_its_bound_and_the_threshold_is_exclusive()
    {
        Assert.True(PollPacing.AfterEmptyPoll(TimeSpan.FromMilliseconds(99), 1.0).Exists(p => p < PollPacing.MaxPause));
        Assert.True(PollPacing.AfterEmptyPoll(TimeSpan.FromMilliseconds(-5), 0).IsSome); // a clock that went back: instant
        Assert.True(PollPacing.AfterEmptyPoll(PollPacing.InstantThreshold, 0).IsNone);
        Assert.True(PollPacing.AfterEmptyPoll(TimeSpan.FromSeconds(60), 0).IsNone);
    }

    [Theory]
    [InlineData(ErrorKind.Configuration, true)]
    [InlineData(ErrorKind.Rejected, true)]
    [InlineData(ErrorKind.Transient, false)]
    [InlineData(ErrorKind.Throttling, false)]
    [InlineData(ErrorKind.ClockSkew, false)]
    [InlineData(ErrorKind.ExpiredCredentials, false)]
    [InlineData(ErrorKind.TaskEnded, false)]
    public void Only_failures_that_will_not_heal_mean_misconfigured(ErrorKind kind, bool misconfigured) =>
        Assert.Equal(misconfigured, HealthRules.IsMisconfiguration(kind));

    [Fact]
    public void Access_denied_and_wrong_keys_mean_misconfigured_throttling_does_not()
    {
        Assert.IsType<WorkerHealth.Misconfigured>(HealthRules.AfterFailure(new WorkerHealth.Starting(T0), Service("AccessDeniedException", 400), T0));
        Assert.IsType<WorkerHealth.Misconfigured>(HealthRules.AfterFailure(new WorkerHealth.Starting(T0), Service("UnrecognizedClientException", 403), T0));
        Assert.IsType<WorkerHealth.Misconfigured>(HealthRules.AfterFailure(new WorkerHealth.Starting(T0), Service("InvalidSignatureException", 403), T0));
        Assert.IsType<WorkerHealth.Degraded>(HealthRules.AfterFailure(new WorkerHealth.Starting(T0), Service("ThrottlingException", 400), T0));
    }

    [Fact]
    public void A_streak_of_failures_keeps_its_start_and_counts_across_kinds_and_an_answer_ends_it()
    {
        WorkerHealth h = new WorkerHealth.Polling(T0);
        h = HealthRules.AfterFailure(h, Network, T0.AddSeconds(1));
        Assert.Equal(new WorkerHealth.Degraded(Network, T0.AddSeconds(1), 1), h);
        h = HealthRules.AfterFailure(h, NoCredentials, T0.AddSeconds(2));
        Assert.Equal(new WorkerHealth.Misconfigured(NoCredentials, T0.AddSeconds(1), 2), h);
        h = HealthRules.AfterFailure(h, Missing, T0.AddSeconds(3));
        Assert.Equal(new WorkerHealth.Misconfigured(Missing, T0.AddSeconds(1), 3), h);
        h = HealthRules.AfterFailure(h, Network, T0.AddSeconds(4));
        Assert.Equal(new WorkerHealth.Degraded(Network, T0.AddSeconds(1), 4), h);
        h = HealthRules.AfterAnswer(h, T0.AddSeconds(5));
        Assert.Equal(new WorkerHealth.Polling(T0.AddSeconds(5)), h);
        Assert.Same(h, HealthRules.AfterAnswer(h, T0.AddSeconds(6))); // polling since the first answer
        Assert.Equal(new WorkerHealth.Degraded(Network, T0.AddSeconds(7), 1), HealthRules.AfterFailure(h, Network, T0.AddSeconds(7)));
    }

    [Fact]
    public void Only_an_answer_or_a_misconfiguration_is_a_first_verdict()
    {
        Assert.True(HealthRules.IsVerdict(new WorkerHealth.Polling(T0)));
        Assert.True(HealthRules.IsVerdict(new WorkerHealth.Misconfigured(Missing, T0, 1)));
        Assert.False(HealthRules.IsVerdict(new WorkerHealth.Degraded(Network, T0, 1)));
        Assert.False(HealthRules.IsVerdict(new WorkerHealth.Starting(T0)));
    }

    public static TheoryData<WorkerPhase, DateTimeOffset?, Type> Precedence() => new()
    {
        { WorkerPhase.Created, T0, typeof(WorkerHealth.NotStarted) },
        { WorkerPhase.Running, null, typeof(WorkerHealth.Misconfigured) },
        { WorkerPhase.Running, T0, typeof(WorkerHealth.Saturated) },
        { WorkerPhase.ClosingPolls, T0, typeof(WorkerHealth.Stopping) },
        { WorkerPhase.Draining, null, typeof(WorkerHealth.Stopping) },
        { WorkerPhase.FailingRemaining, null, typeof(WorkerHealth.Stopping) },
        { WorkerPhase.Stopped, T0, typeof(WorkerHealth.Stopped) },
    };

    [Theory]
    [MemberData(nameof(Precedence))]
    public void The_phase_comes_first_then_the_orphans_cap_then_the_polls(WorkerPhase phase, DateTimeOffset? capReachedAt, Type expected)
    {
        var health = HealthRules.Compose(phase, new WorkerHealth.Misconfigured(Missing, T0, 3), 5, 4, capReachedAt);
        Assert.IsType(expected, health);
        if (health is WorkerHealth.Saturated s)
        {
            Assert.Equal(new WorkerHealth.Saturated(5, 4, T0), s);
        }
    }

    [Fact]
    public async Task The_orphans_tracker_holds_the_pollers_at_the_cap_and_lets_them_go_below_it()
    {
        var clock = new FakeTimeProvider(T0);
        var orphans = new OrphanTracker(2, clock);
        Assert.True(orphans.WhenBelowCapAsync(CancellationToken.None).IsCompleted);
        Assert.Equal((1, false), orphans.Add());
        Assert.Null(orphans.AtCapSince);
        Assert.Equal((2, true), orphans.Add());
        Assert.Equal((3, false), orphans.Add()); // reached once, not again
        Assert.Equal(T0, orphans.AtCapSince);
        var waiting = orphans.WhenBelowCapAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        Assert.Equal((2, false), orphans.Remove());
        Assert.False(waiting.IsCompleted);
        Assert.Equal((1, true), orphans.Remove());
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Null(orphans.AtCapSince);
        Assert.Equal(1, orphans.Count);

        orphans.Add();
        using var stop = new CancellationTokenSource();
        var cancelled = orphans.WhenBelowCapAsync(stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void MaxOrphanedHandlers_out_of_range_is_a_validation_error(int cap)
    {
        var error = WorkerSettings.From(new ActivityWorkerOptions { ActivityArn = "arn:aws:states:us-east-1:123456789012:activity:a", MaxOrphanedHandlers = cap })
            .Match(Right: _ => throw new InvalidOperationException("accepted"), Left: e => e);
        Assert.Equal("MaxOrphanedHandlers", error.Field);
    }

    [Fact]
    public void MaxOrphanedHandlers_defaults_to_16_and_binds_from_configuration()
    {
        Assert.Equal(16, new ActivityWorkerOptions().MaxOrphanedHandlers);
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MaxOrphanedHandlers"] = "3" }).Build();
        var bound = WorkerConfiguration.Bind(section, new ActivityWorkerOptions()).Match(Right: o => o, Left: e => throw new InvalidOperationException(e.ToString()));
        Assert.Equal(3, bound.MaxOrphanedHandlers);
    }

    [Theory]
    [InlineData("InvalidSignatureException", "secret access key does not match")]
    [InlineData("SignatureDoesNotMatch", "secret access key does not match")]
    [InlineData("UnrecognizedClientException", "does not know these credentials")]
    [InlineData("InvalidClientTokenId", "does not know these credentials")]
    [InlineData("ActivityDoesNotExist", "create-activity")]
    [InlineData("InvalidArn", "arn:<partition>:states:")]
    [InlineData("AccessDeniedException", "states:GetActivityTask")]
    [InlineData("KmsAccessDeniedException", "KMS key")]
    [InlineData("SomethingElse", "refused the poll (SomethingElse)")]
    public void The_advice_names_the_fix_for_each_configuration_failure(string code, string advice)
    {
        var failure = new ActivityFailure<GetActivityTaskError>.RetriesExhausted(1, Service(code, 400));
        var health = new WorkerHealth.Misconfigured(failure, T0, 1);
        Assert.Contains(advice, health.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void The_advice_for_missing_credentials_names_the_variables_and_never_quotes_a_message()
    {
        Assert.StartsWith("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile", new WorkerHealth.Misconfigured(NoCredentials, T0, 1).Advice, StringComparison.Ordinal);
        var quoting = new ActivityFailure<GetActivityTaskError>.ServiceError(new GetActivityTaskError.UnknownOperationError("InvalidSignatureException", Some("canonical request quoting SECRETVALUE")), 403, None);
        Assert.DoesNotContain("SECRETVALUE", new WorkerHealth.Misconfigured(quoting, T0, 1).Advice, StringComparison.Ordinal);
    }

    private static ActivityFailure<GetActivityTaskError> Service(string code, int status) =>
        new ActivityFailure<GetActivityTaskError>.ServiceError(new GetActivityTaskError.UnknownOperationError(code, None) { StatusCode = status }, status, None);
}
