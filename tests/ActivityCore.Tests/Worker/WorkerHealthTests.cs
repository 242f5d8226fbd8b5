using System;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Local;
using Microsoft.Extensions.Logging;
using Xunit;
using static ActivityCore.Tests.Worker.WorkerFixture;

namespace ActivityCore.Tests.Worker;

/// <summary>The worker's public health through its life: before the start, through failures that heal, and at the stop.</summary>
public class WorkerHealthTests
{
    [Fact]
    public async Task A_worker_is_NotStarted_then_a_stop_before_any_poll_ends_the_wait_for_a_verdict()
    {
        await using var f = await StartAsync();
        await using var worker = f.Worker(Echo);
        Assert.IsType<WorkerHealth.NotStarted>(worker.Health);
        var waiting = worker.WaitForFirstPollAsync(System.Threading.Timeout.InfiniteTimeSpan);
        Assert.False(waiting.IsCompleted);

        await worker.StopAsync();

        Assert.IsType<WorkerHealth.Stopping>(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.IsType<WorkerHealth.Stopped>(worker.Health);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => worker.WaitForFirstPollAsync(TimeSpan.FromSeconds(-2)));
    }

    [Fact]
    public async Task Failures_that_may_heal_are_Degraded_and_the_worker_says_when_polls_are_answered_again()
    {
        await using var f = await StartAsync(maxAttempts: 1);
        f.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.ServiceUnavailable, times: 6);
        using var logs = new CapturingLoggerProvider();
        await using var worker = ActivityWorker.Create(f.Client, f.Options(o => o.Pollers = 1), Echo, logs.CreateLogger("ActivityCore.ActivityWorker"))
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        await worker.StartAsync();

        await WorkerShutdownTests.WaitUntil(() => worker.Health is WorkerHealth.Degraded { ConsecutiveFailures: >= 2 });
        var degraded = (WorkerHealth.Degraded)worker.Health;
        Assert.Equal("ServiceUnavailable", Assert.IsType<ActivityFailure<GetActivityTaskError>.ServiceError>(degraded.LastFailure.Innermost()).Error.Code);

        var verdict = await worker.WaitForFirstPollAsync(TimeSpan.FromSeconds(5));
        Assert.IsType<WorkerHealth.Polling>(verdict);
        Assert.Equal(0, f.Local.Faults.Pending(LocalOperation.GetActivityTask));
        var recovered = Assert.Single(logs.Records, r => r.EventId.Id == 118);
        Assert.Contains("after 6 failed polls", recovered.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Records, r => r.Level >= LogLevel.Error); // failures that may heal are Warnings
        await worker.StopAsync();
    }
}
