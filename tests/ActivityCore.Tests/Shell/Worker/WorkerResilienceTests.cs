using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Shell.Worker;

public class WorkerResilienceTests
{
    [Theory]
    [InlineData("ThrottlingException", 400)]
    [InlineData("ActivityWorkerLimitExceeded", 400)]
    [InlineData("ServiceUnavailable", 503)]
    public async Task Failed_polls_back_off_and_the_worker_goes_on(string code, int status)
    {
        await using var f = await StartAsync(maxAttempts: 1);
        f.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.Error(status, code), times: 5);
        var handle = f.Local.EnqueueTask(f.Arn, "7");
        await using var worker = f.Worker(Echo, o => o.Pollers = 1);
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();
        Assert.Equal(new LocalTaskSucceeded("7"), await Within(handle.Outcome));
        await worker.StopAsync(); // the worker counts a report once its answer is in, just after the endpoint's outcome
        Assert.Equal(5, meter[WorkerTelemetry.FailedPolls]);
        Assert.Equal(1, meter[WorkerTelemetry.TasksStarted]);
        Assert.Equal(1, meter[WorkerTelemetry.TasksSucceeded]);
    }

    [Fact]
    public async Task Dropped_connections_are_polls_that_failed_not_a_crashed_worker()
    {
        await using var f = await StartAsync(maxAttempts: 1);
        f.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.DropBeforeDispatch, times: 3);
        var handle = f.Local.EnqueueTask(f.Arn, "8");
        await using var worker = f.Worker(Echo, o => o.Pollers = 1);
        await worker.StartAsync();
        Assert.Equal(new LocalTaskSucceeded("8"), await Within(handle.Outcome));
    }

    [Fact]
    public async Task A_missing_activity_backs_off_and_stops_promptly()
    {
        await using var f = await StartAsync(maxAttempts: 1);
        await using var worker = f.Worker(Echo, o =>
        {
            o.ActivityArn = "arn:aws:states:us-east-1:123456789012:activity:missing";
            o.PollBackoffMax = TimeSpan.FromSeconds(20);
            o.Pollers = 2;
        });
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();
        await Task.Delay(300);
        Assert.InRange(meter[WorkerTelemetry.FailedPolls], 1, 6); // waits up to the cap at once, not a hot loop
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(2)); // a backoff delay is cut short by the stop
    }

    [Fact]
    public async Task Heartbeats_keep_a_long_task_alive()
    {
        await using var f = await StartAsync();
        var warmUp = f.Local.EnqueueTask(f.Arn, "0");
        await using var worker = f.Worker(async (t, token) =>
        {
            await Task.Delay(t.Input.Json == "0" ? 0 : 5000, token); // two and a half heartbeat timeouts
            return Output(t.Input.Json);
        }, o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(150));
        await worker.StartAsync();
        await Within(warmUp.Outcome); // a cold client's first answer can take a second on a loaded machine: the timeout counts from dispatch
        var handle = f.Local.EnqueueTask(f.Arn, "9", new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromSeconds(2) }); // 13 heartbeats per timeout: room for a loaded machine
        Assert.Equal(new LocalTaskSucceeded("9"), await Within(handle.Outcome, 15));
        Assert.Equal(0, f.Counters.TasksTimedOut);
    }

    [Fact]
    public async Task A_heartbeat_answered_TaskTimedOut_cancels_the_handler_and_reports_nothing()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "{}", new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromMilliseconds(200) });
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = f.Worker(async (_, token) =>
        {
            await using var registration = token.Register(() => cancelled.TrySetResult(true));
            await Task.Delay(TimeSpan.FromSeconds(10), token);
            return Output("1");
        }, o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(600));
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();
        Assert.Equal(new LocalTaskTimedOut(LocalTimeoutKind.Heartbeat), await Within(handle.Outcome));
        Assert.True(await Within(cancelled.Task));
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(1, meter[WorkerTelemetry.HeartbeatFailures]);
        Assert.Equal(1, meter[WorkerTelemetry.TasksAbandoned]);
        Assert.Equal(0, meter[WorkerTelemetry.TasksFailed]);
        Assert.Equal(0, f.Counters.TasksFailed);
    }

    [Fact]
    public async Task Telemetry_counts_polls_tasks_and_handler_durations()
    {
        await using var f = await StartAsync();
        var ok = f.Local.EnqueueTask(f.Arn, "1");
        var bad = f.Local.EnqueueTask(f.Arn, "2");
        await using var worker = f.Worker((t, c) => t.Input.Json == "2" ? throw new InvalidOperationException() : Echo(t, c), o => o.Pollers = 1);
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();
        await Within(Task.WhenAll(ok.Outcome, bad.Outcome));
        await Task.Delay(300); // one empty poll at least (hold 200 ms)
        await worker.StopAsync();
        Assert.Equal(1, meter[WorkerTelemetry.TasksSucceeded]);
        Assert.Equal(1, meter[WorkerTelemetry.TasksFailed]);
        Assert.Equal(2, meter[WorkerTelemetry.TasksStarted]);
        Assert.Equal(2, meter.Count(WorkerTelemetry.HandlerDuration));
        Assert.True(meter[WorkerTelemetry.EmptyPolls] >= 1);
        Assert.Equal(f.Counters.PollsServed, meter[WorkerTelemetry.Polls]);
        Assert.Equal(f.Counters.PollsAnsweredEmpty, meter[WorkerTelemetry.EmptyPolls]);
    }
}
