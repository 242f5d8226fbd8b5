using System;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Worker;
using Microsoft.Extensions.Logging;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>
/// <see cref="ActivityWorker.PausePolling"/> and <see cref="ActivityWorker.ResumePolling"/> against the local endpoint:
/// no poll starts while paused, the polls in flight and the tasks in hand go on, a stop while paused is prompt.
/// </summary>
public class WorkerPausingTests
{
    /// <summary>How long the tests watch for a poll that must not come: several holds and backoffs.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(800);

    [Fact]
    public async Task No_poll_reaches_the_endpoint_while_paused_and_polls_start_again_once_resumed()
    {
        await using var f = await StartAsync();
        using var logs = new CapturingLoggerProvider();
        await using var worker = ActivityWorker.Create(f.Client, f.Options(), Echo, logs.CreateLogger("ActivityCore.ActivityWorker"))
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        await worker.StartAsync();
        await worker.WaitForFirstPollAsync(TimeSpan.FromSeconds(5));

        worker.PausePolling();
        worker.PausePolling(); // idempotent
        Assert.True(worker.IsPollingPaused);
        await WorkerShutdownTests.WaitUntil(() => worker.PollsInFlight == 0 && f.Local.HeldPolls(f.Arn) == 0); // the polls in flight end (a 200 ms hold)
        await Task.Delay(100); // the endpoint counts a poll served once its answer is written: the client may read it first
        long served = f.Counters.PollsServed;
        var queued = f.Local.EnqueueTask(f.Arn, "7");
        await Task.Delay(Quiet);
        Assert.Equal(served, f.Counters.PollsServed);
        Assert.Equal(0, f.Local.HeldPolls(f.Arn));
        Assert.Equal(0, f.Counters.TasksDispatched);
        Assert.False(queued.Outcome.IsCompleted);
        Assert.IsType<WorkerHealth.Polling>(worker.Health); // the health tells how the last poll went; the check adds the pause

        worker.ResumePolling();
        worker.ResumePolling(); // idempotent
        Assert.False(worker.IsPollingPaused);
        Assert.Equal(new LocalTaskSucceeded("7"), await Within(queued.Outcome));
        Assert.True(f.Counters.PollsServed > served);
        await worker.StopAsync();

        Assert.Single(logs.Records, r => r.EventId.Id == 140 && r.Level == LogLevel.Information);
        Assert.Single(logs.Records, r => r.EventId.Id == 141 && r.Level == LogLevel.Information);
        Assert.Contains("polling paused", logs.Records.Single(r => r.EventId.Id == 140).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_in_hand_when_paused_finishes_and_is_reported()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = f.Worker(async (t, _) =>
        {
            running.TrySetResult();
            await release.Task;
            return Output(t.Input.Json);
        });
        await worker.StartAsync();
        await running.Task.WaitAsync(TimeSpan.FromSeconds(5));

        worker.PausePolling();
        Assert.Equal(1, worker.TasksInHand);
        release.TrySetResult();

        Assert.Equal(new LocalTaskSucceeded("1"), await Within(handle.Outcome));
        await WorkerShutdownTests.WaitUntil(() => worker.TasksInHand == 0);
        Assert.True(worker.IsPollingPaused);
        await worker.StopAsync();
    }

    [Fact]
    public async Task A_poll_in_flight_when_paused_is_not_aborted_and_its_task_is_run()
    {
        await using var f = await StartAsync(hold: TimeSpan.FromSeconds(3));
        await using var worker = f.Worker(Echo, o => o.Pollers = 1);
        await worker.StartAsync();
        await WorkerShutdownTests.WaitUntil(() => f.Local.HeldPolls(f.Arn) == 1);

        worker.PausePolling();
        Assert.Equal(1, worker.PollsInFlight);
        var handle = f.Local.EnqueueTask(f.Arn, "42"); // lands on the poll held when the pause came
        Assert.Equal(new LocalTaskSucceeded("42"), await Within(handle.Outcome));

        await Task.Delay(Quiet);
        Assert.Equal(0, worker.PollsInFlight); // and no poll started after it
        Assert.Equal(0, f.Local.HeldPolls(f.Arn));
        Assert.Equal(1, f.Counters.PollsServed);
        Assert.Equal(0, f.Counters.DeliveriesLost);
        await worker.StopAsync();
    }

    [Fact]
    public async Task A_worker_paused_before_its_start_polls_only_once_resumed()
    {
        await using var f = await StartAsync();
        await using var worker = f.Worker(Echo);
        worker.PausePolling();
        await worker.StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "3");
        await Task.Delay(Quiet);
        Assert.Equal(0, f.Counters.PollsServed);
        Assert.Equal(0, f.Local.HeldPolls(f.Arn));
        Assert.IsType<WorkerHealth.Starting>(worker.Health);

        worker.ResumePolling();
        Assert.Equal(new LocalTaskSucceeded("3"), await Within(handle.Outcome));
        await worker.StopAsync();
    }

    [Fact]
    public async Task A_stop_while_paused_returns_promptly()
    {
        await using var f = await StartAsync();
        await using var worker = f.Worker(Echo, o => o.DrainTimeout = TimeSpan.FromMinutes(10));
        await worker.StartAsync();
        await worker.WaitForFirstPollAsync(TimeSpan.FromSeconds(5));
        worker.PausePolling();
        await WorkerShutdownTests.WaitUntil(() => worker.PollsInFlight == 0);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(2));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the stop took {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.IsType<WorkerHealth.Stopped>(worker.Health);
        await worker.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(2)); // the paused pollers have ended
        worker.ResumePolling(); // after the stop: no effect, no poll
        await Task.Delay(300);
        Assert.Equal(0, f.Local.HeldPolls(f.Arn));
    }
}
