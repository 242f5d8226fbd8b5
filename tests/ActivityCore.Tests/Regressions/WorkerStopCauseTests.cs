using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Local.Service;
using ActivityCore.Tests.Shell.Worker;
using ActivityCore.Worker;
using ActivityCore.Worker.Policies;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Regressions;

/// <summary>
/// A task failed by a hurried stop (the host cancelled StopAsync's token, as the CLI does on a second SIGINT) said
/// that the 30 s drain timeout had expired, though the hurry failed it after half a second.
/// </summary>
public class WorkerStopCauseTests
{
    [Fact]
    public async Task A_task_failed_by_a_hurried_stop_says_the_host_hurried_not_that_the_drain_timeout_expired()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = f.Worker(async (t, token) =>
        {
            running.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(60), token);
            return Output(t.Input.Json);
        }, o => { o.Pollers = 1; o.DrainTimeout = TimeSpan.FromSeconds(30); });
        await worker.StartAsync();
        await Within(running.Task.ContinueWith(_ => 0, TaskScheduler.Default));
        using var hurry = new CancellationTokenSource();
        var stop = worker.StopAsync(hurry.Token);
        await WorkerShutdownTests.WaitUntil(() => worker.Phase == WorkerPhase.Draining);
        await hurry.CancelAsync(); // the second SIGINT
        await stop.WaitAsync(TimeSpan.FromSeconds(5));

        var failed = Assert.IsType<LocalTaskFailed>(await Within(handle.Outcome, 0.1));
        Assert.Equal(WorkerErrorCodes.WorkerStopped, failed.Error);
        Assert.Equal("The worker was stopped in a hurry by its host before the handler finished.", failed.Cause);
    }

    [Fact]
    public async Task A_task_that_arrives_after_a_hurried_stop_says_the_host_hurried()
    {
        await using var f = await StartAsync(hold: TimeSpan.FromSeconds(1.5));
        var worker = f.Worker(Echo, o => { o.Pollers = 1; o.DrainTimeout = TimeSpan.FromMinutes(10); });
        await worker.StartAsync();
        await WorkerShutdownTests.WaitUntil(() => f.Local.HeldPolls(f.Arn) >= 1);
        using (var hurry = new CancellationTokenSource())
        {
            await hurry.CancelAsync();
            await worker.StopAsync(hurry.Token).WaitAsync(TimeSpan.FromSeconds(3));
        }

        var late = f.Local.EnqueueTask(f.Arn, "2"); // the held poll brings it after the stop: failed at once
        var failed = Assert.IsType<LocalTaskFailed>(await Within(late.Outcome));
        Assert.Equal("The worker was stopped in a hurry by its host before the handler finished.", failed.Cause);
        await worker.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(3));
    }

    [Theory]
    [InlineData((int)WorkerStopCause.DrainTimeoutExpired, "The worker stopped and its handler did not finish within the drain timeout (30 s).")]
    [InlineData((int)WorkerStopCause.HurriedByHost, "The worker was stopped in a hurry by its host before the handler finished.")]
    public void The_cause_says_why_the_stop_failed_the_task(int why, string cause)
    {
        // The cause is internal to the worker: the theory passes it as a number.
        var failure = TaskReports.WorkerStopped((WorkerStopCause)why, TimeSpan.FromSeconds(30));
        Assert.Equal(WorkerErrorCodes.WorkerStopped, failure.Error);
        Assert.Equal(LanguageExt.Prelude.Some(cause), failure.Cause);
    }

    [Fact]
    public void The_first_reason_the_drain_ended_is_kept()
    {
        Assert.Equal(WorkerStopCause.HurriedByHost, ShutdownPlan.StopCause(LanguageExt.Prelude.None, WorkerStopCause.HurriedByHost));
        Assert.Equal(WorkerStopCause.DrainTimeoutExpired, ShutdownPlan.StopCause(LanguageExt.Prelude.Some(WorkerStopCause.DrainTimeoutExpired), WorkerStopCause.HurriedByHost));
        Assert.Equal(WorkerStopCause.HurriedByHost, ShutdownPlan.StopCause(LanguageExt.Prelude.Some(WorkerStopCause.HurriedByHost), WorkerStopCause.DrainTimeoutExpired));
    }
}
