using System;
using System.Collections.Generic;
using System.Linq;
using ActivityCore.Errors;
using ActivityCore.Worker;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>The health check's pure mapping (<see cref="HealthCheckVerdict"/>): each health to a status, the pause, the worst of several, and data without secrets.</summary>
public class HealthCheckVerdictTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    private static readonly ActivityFailure<GetActivityTaskError> Unavailable =
        new ActivityFailure<GetActivityTaskError>.RetriesExhausted(3, new ActivityFailure<GetActivityTaskError>.ServiceError(
            new GetActivityTaskError.UnknownOperationError("ServiceUnavailable", Some("message-secret")) { StatusCode = 503 }, 503, Some("request-1")));

    private static readonly ActivityFailure<GetActivityTaskError> Missing =
        new ActivityFailure<GetActivityTaskError>.ServiceError(new GetActivityTaskError.ActivityDoesNotExist(Some("activity message-secret")), 400, None);

    /// <summary>Every case of <see cref="WorkerHealth"/>, and its status with Unhealthy as the failure status.</summary>
    public static TheoryData<WorkerHealth, HealthStatus> EveryCase() => new()
    {
        { new WorkerHealth.NotStarted(), HealthStatus.Unhealthy },
        { new WorkerHealth.Starting(T0), HealthStatus.Healthy },
        { new WorkerHealth.Polling(T0), HealthStatus.Healthy },
        { new WorkerHealth.Degraded(Unavailable, T0, 2), HealthStatus.Degraded },
        { new WorkerHealth.Misconfigured(Missing, T0, 1), HealthStatus.Unhealthy },
        { new WorkerHealth.Saturated(4, 3, T0), HealthStatus.Unhealthy },
        { new WorkerHealth.Stopping(WorkerPhase.Draining), HealthStatus.Degraded },
        { new WorkerHealth.Stopped(), HealthStatus.Unhealthy },
    };

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void Each_health_has_its_status_and_a_pause_makes_it_at_best_Degraded(WorkerHealth health, HealthStatus expected)
    {
        var (status, description) = HealthCheckVerdict.Of(health, paused: false, HealthStatus.Unhealthy);
        Assert.Equal(expected, status);
        Assert.DoesNotContain("paused", description, StringComparison.Ordinal);

        var (pausedStatus, pausedDescription) = HealthCheckVerdict.Of(health, paused: true, HealthStatus.Unhealthy);
        Assert.Equal(expected == HealthStatus.Healthy ? HealthStatus.Degraded : expected, pausedStatus);
        Assert.EndsWith("; paused: no new poll starts until polling is resumed", pausedDescription, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void The_failing_states_take_the_registration_s_failure_status(WorkerHealth health, HealthStatus expected)
    {
        var (status, _) = HealthCheckVerdict.Of(health, paused: false, HealthStatus.Degraded);
        Assert.Equal(expected == HealthStatus.Unhealthy ? HealthStatus.Degraded : expected, status);
    }

    [Fact]
    public void The_error_code_looks_through_retries_and_never_quotes_a_message()
    {
        Assert.Equal("ServiceUnavailable", HealthCheckVerdict.ErrorCode(Unavailable));
        Assert.Equal("ActivityDoesNotExist", HealthCheckVerdict.ErrorCode(Missing));
        Assert.Equal("Timeout", HealthCheckVerdict.ErrorCode(new ActivityFailure<GetActivityTaskError>.Timeout(TimeSpan.FromSeconds(65))));
        Assert.Equal("HttpRequestException", HealthCheckVerdict.ErrorCode(new ActivityFailure<GetActivityTaskError>.NetworkFailure("HttpRequestException", "message-secret")));
        Assert.Equal("CredentialsUnavailable", HealthCheckVerdict.ErrorCode(new ActivityFailure<GetActivityTaskError>.ClientFailure(ClientFailureReason.CredentialsUnavailable, "message-secret")));
    }

    [Fact]
    public void One_worker_s_data_has_its_counts_and_its_failure_s_code_and_no_message()
    {
        var result = HealthCheckVerdict.Over([new WorkerSnapshot("w1", new WorkerHealth.Degraded(Unavailable, T0, 5), false, WorkerPhase.Running, 2, 3, 1)], HealthStatus.Unhealthy);
        Assert.Equal(HealthStatus.Degraded, result.Status);
        Assert.Equal("polls failing (ServiceUnavailable, 5 in a row), retrying with backoff", result.Description);
        Assert.Equal(
            new Dictionary<string, object>
            {
                ["worker"] = "w1",
                ["health"] = "Degraded",
                ["phase"] = "Running",
                ["pollingPaused"] = false,
                ["pollsInFlight"] = 2,
                ["tasksInHand"] = 3,
                ["orphanedHandlers"] = 1,
                ["errorCode"] = "ServiceUnavailable",
                ["errorKind"] = "Transient",
                ["consecutiveFailures"] = 5,
            }.OrderBy(p => p.Key, StringComparer.Ordinal),
            result.Data.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Several_workers_give_the_worst_status_and_each_worker_s_data_under_its_position()
    {
        var result = HealthCheckVerdict.Over(
            [
                new WorkerSnapshot("a", new WorkerHealth.Polling(T0), false, WorkerPhase.Running, 1, 0, 0),
                new WorkerSnapshot("b", new WorkerHealth.Saturated(3, 3, T0), false, WorkerPhase.Running, 0, 0, 3),
            ],
            HealthStatus.Unhealthy);
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("worker 0 (a): polls are answered; worker 1 (b): 3 orphaned handlers reached the cap (3): no new task is taken", result.Description);
        Assert.Equal(2, result.Data["workers"]);
        Assert.Equal("Polling", result.Data["0.health"]);
        Assert.Equal("Saturated", result.Data["1.health"]);
        Assert.Equal(3, result.Data["1.maxOrphanedHandlers"]);
        Assert.Equal(HealthStatus.Unhealthy, HealthCheckVerdict.Over([], HealthStatus.Unhealthy).Status);
    }

    [Property]
    public Property The_status_over_several_workers_is_the_worst_of_theirs_and_no_text_quotes_a_message()
    {
        var healths = Gen.Elements(EveryCase().Select(row => (WorkerHealth)row[0]).ToArray());
        var snapshot = from h in healths
                       from paused in ArbMap.Default.GeneratorFor<bool>()
                       select new WorkerSnapshot("w", h, paused, WorkerPhase.Running, 0, 0, 0);
        return Prop.ForAll(Gen.NonEmptyListOf(snapshot).Select(s => s.ToArray()).ToArbitrary(), workers =>
        {
            var result = HealthCheckVerdict.Over(workers, HealthStatus.Unhealthy);
            var each = workers.Select(w => HealthCheckVerdict.Of(w.Health, w.Paused, HealthStatus.Unhealthy).Status).ToList();
            var texts = result.Data.Values.Select(v => v.ToString() ?? string.Empty).Append(result.Description ?? string.Empty);
            return result.Status == each.Min() && !texts.Any(t => t.Contains("message-secret", StringComparison.Ordinal));
        });
    }
}
