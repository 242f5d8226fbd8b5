using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Worker;
using LanguageExt;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Worker;

public class WorkerBasicsTests
{
    [Fact]
    public async Task Runs_every_task_and_reports_its_output()
    {
        await using var f = await StartAsync();
        var handles = Enumerable.Range(0, 50).Select(i => f.Local.EnqueueTask(f.Arn, $$"""{"n":{{i}}}""")).ToArray();
        await using var worker = f.Worker(Echo);
        await worker.StartAsync();
        var outcomes = await Within(Task.WhenAll(handles.Select(h => h.Outcome)));
        for (int i = 0; i < handles.Length; i++)
        {
            Assert.Equal(new LocalTaskSucceeded($$"""{"n":{{i}}}"""), outcomes[i]);
        }

        await worker.StopAsync();
        Assert.Equal(WorkerPhase.Stopped, worker.Phase);
        Assert.Equal(50, f.Counters.TasksDispatched);
        Assert.Equal(50, f.Counters.TasksCompleted);
        Assert.Equal(0, f.Counters.DeliveriesLost);
    }

    [Fact]
    public async Task A_Left_is_reported_with_SendTaskFailure()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "{}");
        await using var worker = f.Worker((_, _) => Task.FromResult(Left<TaskFailure, TaskOutput>(TaskFailure.Bounded("Bad.Input", "no"))));
        await worker.StartAsync();
        Assert.Equal(new LocalTaskFailed("Bad.Input", "no"), await Within(handle.Outcome));
    }

    [Fact]
    public async Task A_handler_that_throws_fails_its_task_with_the_exception_type_and_a_bounded_cause()
    {
        await using var f = await StartAsync();
        var small = f.Local.EnqueueTask(f.Arn, "1");
        var huge = f.Local.EnqueueTask(f.Arn, "2");
        var after = f.Local.EnqueueTask(f.Arn, "3");
        await using var worker = f.Worker((task, _) => task.Input.Json switch
        {
            "1" => throw new InvalidOperationException("boom"),
            "2" => throw new ArgumentException(new string('x', 100_000)),
            _ => Echo(task, default),
        }, o => o.Pollers = 1);
        await worker.StartAsync();
        var first = Assert.IsType<LocalTaskFailed>(await Within(small.Outcome));
        Assert.Equal("System.InvalidOperationException", first.Error);
        Assert.Contains("boom", first.Cause, StringComparison.Ordinal);
        var second = Assert.IsType<LocalTaskFailed>(await Within(huge.Outcome));
        Assert.Equal("System.ArgumentException", second.Error);
        Assert.Equal(TaskFailure.MaxCauseLength, second.Cause!.Length);
        Assert.Equal(new LocalTaskSucceeded("3"), await Within(after.Outcome)); // the worker lives on
    }

    [Fact]
    public async Task A_handler_that_throws_synchronously_or_returns_bottom_fails_its_task()
    {
        await using var f = await StartAsync();
        var sync = f.Local.EnqueueTask(f.Arn, "1");
        var bottom = f.Local.EnqueueTask(f.Arn, "2");
        await using var worker = f.Worker((task, _) => task.Input.Json == "1"
            ? throw new FormatException("sync")
            : Task.FromResult(default(Either<TaskFailure, TaskOutput>)));
        await worker.StartAsync();
        Assert.Equal("System.FormatException", Assert.IsType<LocalTaskFailed>(await Within(sync.Outcome)).Error);
        Assert.Equal("ActivityCore.InvalidResult", Assert.IsType<LocalTaskFailed>(await Within(bottom.Outcome)).Error);
    }

    [Fact]
    public async Task The_handler_timeout_cancels_the_handler_and_fails_the_task_at_once()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "{}");
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = f.Worker(async (task, token) =>
        {
            await using var _ = token.Register(() => cancelled.TrySetResult(true));
            await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            return Output("1");
        }, o => o.HandlerTimeout = TimeSpan.FromMilliseconds(200));
        await worker.StartAsync();
        var outcome = Assert.IsType<LocalTaskFailed>(await Within(handle.Outcome));
        Assert.Equal(WorkerErrorCodes.HandlerTimeout, outcome.Error);
        Assert.True(await Within(cancelled.Task));
    }

    [Fact]
    public async Task No_more_tasks_than_the_bound_are_in_flight()
    {
        await using var f = await StartAsync();
        var handles = Enumerable.Range(0, 30).Select(i => f.Local.EnqueueTask(f.Arn, "0")).ToArray();
        int running = 0, most = 0;
        await using var worker = f.Worker(async (task, token) =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(20, token);
            Interlocked.Decrement(ref running);
            return Output("0");
        }, o => { o.Pollers = 10; o.MaxTasksInFlight = 3; });
        Assert.Equal(3, worker.Settings.Pollers);
        await worker.StartAsync();
        await Within(Task.WhenAll(handles.Select(h => h.Outcome)));
        Assert.InRange(most, 1, 3);
        Assert.Equal(30, f.Counters.TasksCompleted);
    }

    [Fact]
    public async Task A_worker_starts_once()
    {
        await using var f = await StartAsync();
        await using var worker = f.Worker(Echo);
        await worker.StartAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => worker.StartAsync());
        await worker.StopAsync();
        await worker.StopAsync(); // idempotent
        await Assert.ThrowsAsync<InvalidOperationException>(() => worker.StartAsync());
    }

    [Fact]
    public async Task Stopping_a_worker_never_started_completes_at_once()
    {
        await using var f = await StartAsync();
        await using var worker = f.Worker(Echo);
        await Within(worker.StopAsync().ContinueWith(_ => true, TaskScheduler.Default), 1);
        Assert.Equal(WorkerPhase.Stopped, worker.Phase);
        Assert.Equal(0, f.Counters.PollsServed);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (int seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
