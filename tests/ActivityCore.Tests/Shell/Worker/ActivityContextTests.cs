using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Worker;
using LanguageExt;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>What a handler learns from its <see cref="ActivityContext"/>: the task, the worker, why it was cancelled, a heartbeat on demand.</summary>
public class ActivityContextTests
{
    [Fact]
    public async Task The_context_names_the_activity_the_worker_and_when_the_task_was_received_on_the_workers_clock()
    {
        var start = new DateTimeOffset(2031, 2, 3, 4, 5, 6, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        var seen = new TaskCompletionSource<ActivityContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = ActivityWorker.Create(f.Client, f.Options(o => o.TimeProvider = clock), (int? _, ActivityContext context, CancellationToken _) =>
        {
            seen.TrySetResult(context);
            return Task.FromResult<int?>(1);
        }, TestJson.Default.NullableInt32, TestJson.Default.NullableInt32).OrThrow();
        await worker.StartAsync();

        var context = await Within(seen.Task);
        Assert.Equal(start, context.ReceivedAt);
        Assert.Equal(f.Arn, context.ActivityArn.Value);
        Assert.Equal(Some("test-worker"), context.WorkerName.Map(w => w.Value));
        Assert.Matches("^[0-9a-f]+$|^#?[0-9A-Za-z+/=_-]+$", context.TokenFingerprint);
        Assert.Equal(Option<TaskCancellationReason>.None, context.CancellationReason);
        Assert.False(context.WorkerStopping.IsCancellationRequested);
        Assert.Equal(new LocalTaskSucceeded("1"), await Within(handle.Outcome));
    }

    [Fact]
    public async Task The_handler_timeout_cancels_with_the_reason_HandlerTimeout()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        var probe = new CancellationProbe();
        await using var worker = probe.Worker(f, o => o.HandlerTimeout = TimeSpan.FromMilliseconds(100));
        await worker.StartAsync();

        Assert.Equal(Some(TaskCancellationReason.HandlerTimeout), await Within(probe.Reason.Task));
        Assert.Equal(WorkerErrorCodes.HandlerTimeout, Assert.IsType<LocalTaskFailed>(await Within(handle.Outcome)).Error);
    }

    [Fact]
    public async Task A_heartbeat_that_says_the_task_ended_cancels_with_the_reason_TaskEnded()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "1", new LocalTaskOptions { TaskTimeout = TimeSpan.FromMilliseconds(300) });
        var probe = new CancellationProbe();
        await using var worker = probe.Worker(f, o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(100));
        await worker.StartAsync();

        Assert.IsType<LocalTaskTimedOut>(await Within(handle.Outcome));
        Assert.Equal(Some(TaskCancellationReason.TaskEnded), await Within(probe.Reason.Task));
    }

    [Fact]
    public async Task HeartbeatNowAsync_sends_a_heartbeat_and_one_that_says_the_task_ended_cancels_the_task()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "1", new LocalTaskOptions { TaskTimeout = TimeSpan.FromMilliseconds(500) });
        var seen = new TaskCompletionSource<(bool First, bool Second, bool Cancelled, Option<TaskCancellationReason> Reason)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = ActivityWorker.Create(f.Client, f.Options(), async (int? _, ActivityContext context, CancellationToken cancellationToken) =>
        {
            var first = await context.HeartbeatNowAsync(CancellationToken.None);
            await handle.Outcome; // the task times out on the service's side
            var second = await context.HeartbeatNowAsync(CancellationToken.None);
            seen.TrySetResult((first.IsRight, second.IsRight, cancellationToken.IsCancellationRequested, context.CancellationReason));
            return (int?)1;
        }, TestJson.Default.NullableInt32, TestJson.Default.NullableInt32).OrThrow();
        await worker.StartAsync();

        var (firstSent, secondSent, cancelled, reason) = await Within(seen.Task);
        Assert.True(firstSent);
        Assert.False(secondSent);
        Assert.True(cancelled);
        Assert.Equal(Some(TaskCancellationReason.TaskEnded), reason);
        Assert.IsType<LocalTaskTimedOut>(await handle.Outcome);
    }

    [Fact]
    public async Task A_stop_cancels_WorkerStopping_first_then_the_handler_with_the_reason_WorkerStopped_at_the_end_of_the_drain()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        var probe = new CancellationProbe();
        await using var worker = probe.Worker(f, o => o.DrainTimeout = TimeSpan.FromMilliseconds(200));
        await worker.StartAsync();
        await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await worker.StopAsync();

        Assert.Equal(Some(TaskCancellationReason.WorkerStopped), await Within(probe.Reason.Task));
        Assert.True(await Within(probe.StoppingSeenBeforeCancellation.Task));
        Assert.Equal(WorkerErrorCodes.WorkerStopped, Assert.IsType<LocalTaskFailed>(await Within(handle.Outcome)).Error);
    }

    [Fact]
    public async Task A_hurried_stop_cancels_the_handler_with_the_reason_WorkerHurried()
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        var probe = new CancellationProbe();
        await using var worker = probe.Worker(f, o => o.DrainTimeout = TimeSpan.FromSeconds(30));
        await worker.StartAsync();
        await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await Within(worker.StopAsync(new CancellationToken(canceled: true)).ContinueWith(_ => true, TaskScheduler.Default));

        Assert.Equal(Some(TaskCancellationReason.WorkerHurried), await Within(probe.Reason.Task));
        Assert.Equal(WorkerErrorCodes.WorkerStopped, Assert.IsType<LocalTaskFailed>(await Within(handle.Outcome)).Error);
    }

    /// <summary>A handler that waits for the worker to stop, then for its own token, and tells what it saw.</summary>
    private sealed class CancellationProbe
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<Option<TaskCancellationReason>> Reason { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Whether <see cref="ActivityContext.WorkerStopping"/> was cancelled while the handler's own token was not yet.</summary>
        public TaskCompletionSource<bool> StoppingSeenBeforeCancellation { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ActivityWorker Worker(WorkerFixture f, Action<ActivityWorkerOptions> configure) =>
            ActivityWorker.Create(f.Client, f.Options(configure), HandleAsync, TestJson.Default.NullableInt32, TestJson.Default.NullableInt32).OrThrow();

        private async Task<int?> HandleAsync(int? input, ActivityContext context, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.WorkerStopping).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (context.WorkerStopping.IsCancellationRequested)
            {
                StoppingSeenBeforeCancellation.TrySetResult(!cancellationToken.IsCancellationRequested);
            }
            catch (OperationCanceledException)
            {
                Reason.TrySetResult(context.CancellationReason);
                throw;
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Reason.TrySetResult(context.CancellationReason);
                throw;
            }

            return input;
        }
    }
}
