using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Worker.Policies;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Worker;

/// <summary>
/// One task in the worker's hands, from its poll to its report: runs the handler (with its timeout and its
/// heartbeats, <see cref="HeartbeatLoop"/>), and settles the task once, whoever comes first (the handler's result, the
/// handler timeout, a heartbeat that says the task ended, the shutdown): cancels the handler if asked, reports
/// (<see cref="ReportDelivery"/>), counts the handler as an orphan if it still runs, takes the task out of the hand and
/// frees its slot. Its state (who settled, whether the handler runs) is <see cref="InFlightTask"/>'s. Disposes itself
/// at the end of <see cref="RunAsync"/> or <see cref="FailAtOnceAsync"/>.
/// </summary>
internal sealed class TaskRun(TaskRunContext context, ActivityTask task) : IRunningTask, IDisposable
{
    private readonly InFlightTask state = new(task);
    private readonly DateTimeOffset receivedAt = context.Time.GetUtcNow();
    private TaskSpan span = TaskSpan.None;

    /// <summary>The task's token.</summary>
    public TaskToken Token => task.Token;

    /// <summary>Why the handler's token was cancelled, if it was.</summary>
    public Option<TaskCancellationReason> CancellationReason => state.CancellationReason;

    /// <summary>Cancelled once the task is settled: its heartbeats stop.</summary>
    public CancellationToken HeartbeatToken => state.HeartbeatToken;

    /// <summary>Runs the handler and reports its result (unless the task was settled otherwise first).</summary>
    /// <returns>When the task is settled and its heartbeats are over.</returns>
    public async Task RunAsync()
    {
        // The task's span is the current one of its handler, heartbeats and report (their client spans are its children).
        using var traced = span = TaskSpan.Start(context.Settings.ActivityArn, context.Worker, Token);
        context.Telemetry.Started();
        // State-passing matches (UnionMatch): a lambda over this run would be a closure and a delegate per task, even for None.
        var heartbeats = context.Settings.HeartbeatInterval.Match(
            (Run: this, Context: context),
            some: static (s, interval) => HeartbeatLoop.RunAsync(s.Run, interval, s.Context),
            none: static _ => Task.CompletedTask);
        var timeout = context.Settings.HandlerTimeout.Match(
            (Run: this, Context: context),
            some: static (s, limit) => Some(s.Context.Time.CreateTimer(static d => ((HandlerDeadline)d!).Expire(), new HandlerDeadline(s.Run, limit), limit, Timeout.InfiniteTimeSpan)),
            none: static _ => Option<ITimer>.None);
        long started = context.Time.GetTimestamp();
        state.MarkHandlerRunning();
        var result = await InvokeHandlerAsync().ConfigureAwait(false);
        context.Telemetry.HandlerRan(context.Time.GetElapsedTime(started));
        if (state.MarkHandlerReturned())
        {
            context.Orphans.Returned(Token, context.Time.GetElapsedTime(started));
        }

        await timeout.Match(Some: static t => t.DisposeAsync(), None: static () => ValueTask.CompletedTask).ConfigureAwait(false);
        try
        {
            await SettleAsync(Some(result), cancelHandler: None).ConfigureAwait(false);
            await heartbeats.ConfigureAwait(false);

            // When the handler timeout, a heartbeat or the shutdown settled the task, its report may still be on
            // the wire (its settler frees the slot when it is done).
            await state.Settlement.ConfigureAwait(false);
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Fails the task at once (it came after the tasks in hand were being failed): never dropped.</summary>
    /// <returns>When reported.</returns>
    public async Task FailAtOnceAsync()
    {
        using var traced = span = TaskSpan.Start(context.Settings.ActivityArn, context.Worker, Token);
        context.Telemetry.Started();
        await SettleAsync(context.Shutdown.StoppedFailure(), cancelHandler: None).ConfigureAwait(false);
        await state.Settlement.ConfigureAwait(false);
        Dispose();
    }

    /// <summary>Sends a heartbeat now (<see cref="ActivityContext.HeartbeatNowAsync"/>); one that says the task ended settles it as the heartbeat loop does.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Unit, or the failure.</returns>
    public Task<Either<ActivityFailure<SendTaskHeartbeatError>, Unit>> HeartbeatNowAsync(CancellationToken cancellationToken) =>
        HeartbeatLoop.SendOnceAsync(this, context, cancellationToken);

    /// <summary>Frees the task's cancellation sources (at the end of its run).</summary>
    public void Dispose() => state.Dispose();

    /// <summary>Settles the task with a failure (the handler timeout, the shutdown).</summary>
    /// <param name="failure">The failure to report.</param>
    /// <param name="cancelHandler">Why to cancel the handler's token first, or none to leave it.</param>
    /// <returns>When settled (nothing if the task was settled already).</returns>
    public Task SettleAsync(TaskFailure failure, Option<TaskCancellationReason> cancelHandler) =>
        SettleAsync(Some(Left<TaskFailure, TaskOutput>(failure)), cancelHandler);

    /// <summary>Settles the task once (the first caller wins) with a report, or with none when the task ended on the service's side.</summary>
    /// <param name="report">The report, or none.</param>
    /// <param name="cancelHandler">Why to cancel the handler's token first (the reason is set before), or none to leave it.</param>
    /// <returns>When settled.</returns>
    public async Task SettleAsync(Option<Either<TaskFailure, TaskOutput>> report, Option<TaskCancellationReason> cancelHandler)
    {
        if (!state.TrySettle())
        {
            return;
        }

        cancelHandler.IfSome(state.CancelHandler);

        span.Settled(report);

        try
        {
            await report.Match(
                (Run: this, Context: context),
                some: static (s, sent) => s.Context.Delivery.SendAsync(s.Run.Token, sent),
                none: static s =>
                {
                    s.Context.Telemetry.Abandoned();
                    return Task.CompletedTask;
                }).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // a report that throws (a disposed client) must still take the task out of the hand
        catch (Exception e)
#pragma warning restore CA1031
        {
            WorkerLog.ReportFailed(context.Logger, Token.Fingerprint, "report", e.GetType().Name, ErrorKind.Transient);
            context.Telemetry.Abandoned();
        }
        finally
        {
            // The task has ended, so has its span: an orphaned handler still running must not hold it open.
            span.Dispose();
            state.StopHeartbeats();
            if (state.OrphanIfHandlerRuns())
            {
                context.Orphans.Orphaned(Token);
            }

            context.Shutdown.TaskEnded(this);

            // The task has ended: its slot is free, whether its handler returned or not (an orphan holds none).
            context.Slots.Release();
            context.Shutdown.Evaluate();
            state.MarkSettled();
        }
    }

    private async Task<Either<TaskFailure, TaskOutput>> InvokeHandlerAsync()
    {
        try
        {
            var about = new ActivityContext(this, context.Settings.ActivityArn, context.Settings.WorkerName, receivedAt, context.Shutdown.WorkerStopping);
            var result = await context.Handler(task, about, state.HandlerToken).ConfigureAwait(false);
            return result.IsBottom
                ? Left(TaskFailure.Bounded(WorkerErrorCodes.InvalidResult, "The handler returned a default (bottom) Either."))
                : result;
        }
        catch (Exception e)
        {
            // Also an OperationCanceledException after a cancellation: the task is then settled already and this is ignored.
            string type = e.GetType().FullName ?? e.GetType().Name;
            if (!state.IsSettled)
            {
                WorkerLog.HandlerThrew(context.Logger, Token.Fingerprint, type);
            }

            return Left(TaskReports.FromException(type, e.ToString()));
        }
    }

    /// <summary>The handler timeout's timer state: the run and its timeout, no closure.</summary>
    private sealed record HandlerDeadline(TaskRun Run, TimeSpan Timeout)
    {
        public void Expire() => _ = Run.SettleAsync(TaskReports.HandlerTimedOut(Timeout), Some(TaskCancellationReason.HandlerTimeout));
    }
}
