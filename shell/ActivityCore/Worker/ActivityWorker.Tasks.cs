using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>Running a task: the handler, its timeout, its heartbeats, and the one report.</summary>
public sealed partial class ActivityWorker
{
    private async Task RunTaskAsync(InFlightTask task)
    {
        using var span = WorkerTelemetry.Source.StartActivity("activitycore.task", ActivityKind.Consumer);
        span?.SetTag("activitycore.task.token_fingerprint", task.Task.Token.Fingerprint);
        span?.SetTag("activitycore.worker", name);
        Telemetry.Started();
        var heartbeats = Settings.HeartbeatInterval.Match(i => HeartbeatLoopAsync(task, i), () => Task.CompletedTask);
        ITimer? timeout = Settings.HandlerTimeout.MatchUnsafe(
            t => time.CreateTimer(static s => ((ActivityWorker)((object[])s!)[0]).OnHandlerTimeout((InFlightTask)((object[])s!)[1]), new object[] { this, task }, t, Timeout.InfiniteTimeSpan),
            () => (ITimer?)null);
        long started = time.GetTimestamp();
        Either<TaskFailure, TaskOutput> result;
        task.MarkHandlerRunning();
        try
        {
            result = await handler(task.Task, task.HandlerToken).ConfigureAwait(false);
            if (result.IsBottom)
            {
                result = Left(TaskFailure.Bounded("ActivityCore.InvalidResult", "The handler returned a default (bottom) Either."));
            }
        }
        catch (Exception e)
        {
            // Also an OperationCanceledException after a cancellation: the task is then settled already and this is ignored.
            string type = e.GetType().FullName ?? e.GetType().Name;
            if (!task.IsSettled)
            {
                WorkerLog.HandlerThrew(logger, task.Task.Token.Fingerprint, type);
            }

            result = Left(TaskReports.FromException(type, e.ToString()));
        }

        Telemetry.HandlerRan(time.GetElapsedTime(started));
        if (task.MarkHandlerReturned())
        {
            OnOrphanReturned(task, time.GetElapsedTime(started));
        }

        if (timeout is not null)
        {
            await timeout.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await SettleAsync(task, Some(result), cancelHandler: false).ConfigureAwait(false);
            span?.SetTag("activitycore.task.outcome", result.IsRight ? "succeeded" : "failed");
            await heartbeats.ConfigureAwait(false);

            // When the handler timeout, a heartbeat or the shutdown settled the task, its report may still be on
            // the wire (its settler frees the slot when it is done).
            await task.Settlement.ConfigureAwait(false);
        }
        finally
        {
            task.Dispose();
        }
    }

    private void OnHandlerTimeout(InFlightTask task) =>
        _ = SettleAsync(task, TaskReports.HandlerTimedOut((TimeSpan)Settings.HandlerTimeout), cancelHandler: true);

    private async Task HeartbeatLoopAsync(InFlightTask task, TimeSpan interval)
    {
        var token = task.HeartbeatToken;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(interval, time, token).ConfigureAwait(false);
                var answer = await client.SendTaskHeartbeatAsync(task.Task.Token, token).ConfigureAwait(false);
                if (answer.IsLeft)
                {
                    var failure = answer.Match(Right: static _ => throw new UnreachableException(), Left: static f => f);
                    Telemetry.HeartbeatFailed();
                    var verdict = Heartbeats.AfterFailure(failure.Kind);
                    WorkerLog.HeartbeatFailed(logger, task.Task.Token.Fingerprint, failure.Innermost().Summary(), failure.Kind, verdict);
                    if (verdict == HeartbeatVerdict.StopTask)
                    {
                        await SettleAsync(task, None, cancelHandler: true).ConfigureAwait(false);
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the task was settled
        }
#pragma warning disable CA1031 // heartbeats are best effort: whatever goes wrong, the handler and its report go on
        catch (Exception e)
#pragma warning restore CA1031
        {
            // e.g. the client was disposed under a running task: stop heartbeating, the report will say more
            WorkerLog.HeartbeatFailed(logger, task.Task.Token.Fingerprint, e.GetType().Name, ErrorKind.Transient, HeartbeatVerdict.KeepWorking);
        }
    }

    private Task SettleAsync(InFlightTask task, TaskFailure failure, bool cancelHandler) =>
        SettleAsync(task, Some(Left<TaskFailure, TaskOutput>(failure)), cancelHandler);

    /// <summary>
    /// Settles a task once (the first caller wins): cancels its handler if asked, reports, stops its heartbeats, counts
    /// its handler as an orphan if it still runs, takes it out of the hand and frees its slot.
    /// </summary>
    private async Task SettleAsync(InFlightTask task, Option<Either<TaskFailure, TaskOutput>> report, bool cancelHandler)
    {
        if (!task.TrySettle())
        {
            return;
        }

        if (cancelHandler)
        {
            task.CancelHandler();
        }

        try
        {
            if (report.IsSome)
            {
                await SendReportAsync(task, (Either<TaskFailure, TaskOutput>)report).ConfigureAwait(false);
            }
            else
            {
                Telemetry.Abandoned();
            }
        }
#pragma warning disable CA1031 // a report that throws (a disposed client) must still take the task out of the hand
        catch (Exception e)
#pragma warning restore CA1031
        {
            WorkerLog.ReportFailed(logger, task.Task.Token.Fingerprint, "report", e.GetType().Name, ErrorKind.Transient);
            Telemetry.Abandoned();
        }
        finally
        {
            task.StopHeartbeats();
            if (task.OrphanIfHandlerRuns())
            {
                OnOrphaned(task);
            }

            lock (gate)
            {
                inHand.Remove(task);
            }

            // The task has ended: its slot is free, whether its handler returned or not (an orphan holds none).
            slots.Release();
            Evaluate();
            task.MarkSettled();
        }
    }

    /// <summary>
    /// Sends SendTaskSuccess or SendTaskFailure (never cancelled: the client's timeouts bound each send). A send the
    /// client gave up on after a failure that may heal is sent again (<see cref="DeliverAsync"/>).
    /// </summary>
    private async Task SendReportAsync(InFlightTask task, Either<TaskFailure, TaskOutput> report)
    {
        var token = task.Task.Token;
        var failure = report.MatchUnsafe(Right: static _ => (TaskFailure?)null, Left: static f => f);
        if (failure is null)
        {
            var output = report.Match(Right: static o => o, Left: static _ => throw new UnreachableException());
            var refused = await DeliverAsync(token, "SendTaskSuccess", () => client.SendTaskSuccessAsync(token, output, CancellationToken.None)).ConfigureAwait(false);
            if (refused is null)
            {
                Telemetry.Succeeded();
                return;
            }

            var message = refused.Innermost() is ActivityFailure<SendTaskSuccessError>.ServiceError se ? se.Error.Message : None;
            var instead = TaskReports.AfterSuccessRefused(refused.Kind, message);
            if (instead.IsNone)
            {
                LogNotDelivered(token, "SendTaskSuccess", refused.Innermost().Summary(), refused.Kind);
                Telemetry.Abandoned();
                return;
            }

            failure = (TaskFailure)instead;
        }

        var problem = await DeliverAsync(token, "SendTaskFailure", () => client.SendTaskFailureAsync(token, failure, CancellationToken.None)).ConfigureAwait(false);
        if (problem is null)
        {
            Telemetry.Failed();
            if (failure.Error.Exists(static e => e.StartsWith("ActivityCore.", StringComparison.Ordinal)))
            {
                WorkerLog.FailedByWorker(logger, token.Fingerprint, failure.Error.IfNone(string.Empty));
            }
        }
        else
        {
            LogNotDelivered(token, "SendTaskFailure", problem.Innermost().Summary(), problem.Kind);
            Telemetry.Abandoned();
        }
    }

    /// <summary>
    /// Logs a report that will not be delivered: when the service says the task is over (<see cref="ErrorKind.TaskEnded"/>),
    /// that the task had already ended (most often an earlier attempt was applied and only its answer lost); otherwise
    /// that the task is left to its timeout.
    /// </summary>
    private void LogNotDelivered(TaskToken token, string operation, string failure, ErrorKind kind)
    {
        if (kind == ErrorKind.TaskEnded)
        {
            WorkerLog.ReportFoundTaskEnded(logger, token.Fingerprint, operation, failure);
        }
        else
        {
            WorkerLog.ReportFailed(logger, token.Fingerprint, operation, failure, kind);
        }
    }

    /// <summary>
    /// Sends a report until it is delivered (null), or answers the failure that ends the trying: one that will not heal
    /// (<see cref="TaskReports.ResendAfter"/>: the task ended, a rejection, a configuration error), or any failure once
    /// the stop's drain is over (<see cref="GiveUpResends"/>). Between sends it waits the poll backoff.
    /// </summary>
    private async Task<ActivityFailure<TError>?> DeliverAsync<TError>(
        TaskToken token, string operation, Func<Task<Either<ActivityFailure<TError>, Unit>>> send)
        where TError : IOperationError
    {
        for (int failures = 1; ; failures++)
        {
            var answer = await send().ConfigureAwait(false);
            var problem = answer.MatchUnsafe(Right: static _ => null, Left: static f => f);
            var resend = problem is null ? None : TaskReports.ResendAfter(problem.Kind, failures, Settings.Randomizer(), Settings.PollBackoff);
            if (problem is null || resend.IsNone || resendsOver.IsCancellationRequested)
            {
                return problem;
            }

            var delay = (TimeSpan)resend;
            WorkerLog.ReportResending(logger, token.Fingerprint, operation, problem.Innermost().Summary(), problem.Kind, failures, (long)delay.TotalMilliseconds);
            Telemetry.ReportResent();
            try
            {
                await Task.Delay(delay, time, resendsOver.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return problem;
            }
        }
    }
}
