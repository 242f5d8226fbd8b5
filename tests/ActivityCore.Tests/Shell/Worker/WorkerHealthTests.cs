using System;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local;
using ActivityCore.Local.Protocol;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Shell.Worker;

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
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow); // the worker's backoff waits for the test: no state is passed by unseen
        await using var worker = ActivityWorker.Create(f.Client, f.Options(o => { o.Pollers = 1; o.TimeProvider = clock; }), Echo, logs.CreateLogger("ActivityCore.ActivityWorker"))
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        var verdict = worker.WaitForFirstPollAsync(System.Threading.Timeout.InfiniteTimeSpan);
        await worker.StartAsync();

        await AdvanceUntilAsync(clock, () => worker.Health is WorkerHealth.Degraded { ConsecutiveFailures: >= 2 });
        var degraded = (WorkerHealth.Degraded)worker.Health;
        Assert.Equal("ServiceUnavailable", Assert.IsType<ActivityFailure<GetActivityTaskError>.ServiceError>(degraded.LastFailure.Innermost()).Error.Code);
        Assert.False(verdict.IsCompleted); // failures that may heal are no verdict

        await AdvanceUntilAsync(clock, () => verdict.IsCompleted);
        Assert.IsType<WorkerHealth.Polling>(await verdict);
        Assert.Equal(0, f.Local.Faults.Pending(LocalOperation.GetActivityTask));
        var recovered = Assert.Single(logs.Records, r => r.EventId.Id == 118); // written before the verdict is answered
        Assert.Contains("after 6 failed polls", recovered.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Records, r => r.Level >= LogLevel.Error); // failures that may heal are Warnings
        await worker.StopAsync();
    }

    /// <summary>Moves the worker's clock past one backoff step (at most 100 ms here) at a time until the condition holds (30 s real deadline).</summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, Func<bool> condition)
    {
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "condition not met within 30 s");
            await Task.Delay(20);
            if (!condition())
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
            }
        }
    }
}
