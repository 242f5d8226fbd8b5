using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Local.Service;
using ActivityCore.Worker;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Shell.Worker;

public class WorkerShutdownTests
{
    [Fact]
    public async Task Stop_lets_running_handlers_finish_within_the_drain_timeout()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = f.Worker(async (t, token) =>
        {
            running.TrySetResult();
            await Task.Delay(400, token);
            return Output(t.Input.Json);
        });
        await worker.StartAsync();
        await Within(running.Task.ContinueWith(_ => 0, TaskScheduler.Default));
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(new LocalTaskSucceeded("1"), await Within(handle.Outcome, 0.1)); // reported before StopAsync returned
        Assert.Equal(0, worker.PollsInFlight);
        Assert.Equal(0, f.Counters.DeliveriesLost);
    }

    [Fact]
    public async Task Stop_fails_the_tasks_left_after_the_drain_timeout_and_cancels_their_handlers()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = f.Worker(async (t, token) =>
        {
            await using var r = token.Register(() => cancelled.TrySetResult());
            running.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return Output(t.Input.Json);
        }, o => o.DrainTimeout = TimeSpan.FromMilliseconds(300));
        await worker.StartAsync();
        await Within(running.Task.ContinueWith(_ => 0, TaskScheduler.Default));
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
        var failed = Assert.IsType<LocalTaskFailed>(await Within(handle.Outcome, 0.1));
        Assert.Equal(WorkerErrorCodes.WorkerStopped, failed.Error);
        Assert.Equal("The worker stopped and its handler did not finish within the drain timeout (300 ms).", failed.Cause);
        await Within(cancelled.Task.ContinueWith(_ => 0, TaskScheduler.Default), 1);
    }

    [Fact]
    public async Task Stop_never_aborts_a_held_poll_and_runs_the_task_it_brings()
    {
        await using var f = await StartAsync(hold: TimeSpan.FromSeconds(2.5));
        await using var worker = f.Worker(Echo, o => o.Pollers = 2);
        await worker.StartAsync();
        await WaitUntil(() => f.Local.HeldPolls(f.Arn) == 2);
        var stop = worker.StopAsync();
        Assert.False(stop.IsCompleted); // waits for the held polls
        Assert.Equal(WorkerPhase.ClosingPolls, worker.Phase);
        var handle = f.Local.EnqueueTask(f.Arn, "42"); // lands on a poll held during the stop
        Assert.Equal(new LocalTaskSucceeded("42"), await Within(handle.Outcome));
        await stop.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(0, f.Counters.DeliveriesLost);
        Assert.Equal(1, f.Counters.TasksDispatched);
        Assert.Equal(2, f.Counters.PollsServed); // both held polls were answered, neither aborted
    }

    [Fact]
    public async Task A_hurried_stop_fails_the_tasks_in_hand_at_once_and_a_late_task_too()
    {
        await using var f = await StartAsync(hold: TimeSpan.FromSeconds(1.5));
        var first = f.Local.EnqueueTask(f.Arn, "1");
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = f.Worker(async (t, token) =>
        {
            running.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return Output(t.Input.Json);
        }, o => { o.Pollers = 2; o.DrainTimeout = TimeSpan.FromMinutes(10); });
        await worker.StartAsync();
        await Within(running.Task.ContinueWith(_ => 0, TaskScheduler.Default));
        await WaitUntil(() => f.Local.HeldPolls(f.Arn) >= 1);
        using (var hurry = new CancellationTokenSource())
        {
            await hurry.CancelAsync();
            await worker.StopAsync(hurry.Token).WaitAsync(TimeSpan.FromSeconds(3));
        }

        Assert.Equal(WorkerErrorCodes.WorkerStopped, Assert.IsType<LocalTaskFailed>(await Within(first.Outcome, 0.1)).Error);
        var late = f.Local.EnqueueTask(f.Arn, "2"); // a poll still held brings it after the stop: failed at once, never dropped
        Assert.Equal(WorkerErrorCodes.WorkerStopped, Assert.IsType<LocalTaskFailed>(await Within(late.Outcome)).Error);
        await worker.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(0, f.Counters.DeliveriesLost);
        Assert.Equal(2, f.Counters.TasksFailed);
    }

    [Fact]
    public async Task A_drain_timeout_of_zero_fails_the_tasks_in_hand_as_soon_as_the_polls_are_in()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = f.Worker(async (t, token) =>
        {
            running.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return Output(t.Input.Json);
        }, o => o.DrainTimeout = TimeSpan.Zero);
        await worker.StartAsync();
        await Within(running.Task.ContinueWith(_ => 0, TaskScheduler.Default));
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(2));
        Assert.Equal(WorkerErrorCodes.WorkerStopped, Assert.IsType<LocalTaskFailed>(await Within(handle.Outcome, 0.1)).Error);
    }

    [Fact]
    public async Task The_drain_timeout_runs_on_the_worker_s_TimeProvider()
    {
        await using var f = await StartAsync();
        var fake = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = f.Worker(async (t, token) =>
        {
            running.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return Output(t.Input.Json);
        }, o => { o.DrainTimeout = TimeSpan.FromMinutes(10); o.TimeProvider = fake; });
        await worker.StartAsync();
        await Within(running.Task.ContinueWith(_ => 0, TaskScheduler.Default));
        var stop = worker.StopAsync();
        await WaitUntil(() => worker.Phase == WorkerPhase.Draining);
        fake.Advance(TimeSpan.FromMinutes(9));
        await Task.Delay(100);
        Assert.Equal(WorkerPhase.Draining, worker.Phase); // ten fake minutes are not over
        fake.Advance(TimeSpan.FromMinutes(1));
        await stop.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(WorkerErrorCodes.WorkerStopped, Assert.IsType<LocalTaskFailed>(await Within(handle.Outcome, 0.1)).Error);
    }

    internal static async Task WaitUntil(Func<bool> condition, double seconds = 5)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(10);
        }
    }
}
