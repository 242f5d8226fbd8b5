using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Worker.Policies;
using LanguageExt;

namespace ActivityCore.Worker;

/// <summary>
/// The heartbeats of one running task, every <see cref="WorkerSettings.HeartbeatInterval"/> until the task is settled.
/// A failed heartbeat is counted and logged; one that says the task ended (<see cref="Heartbeats.AfterFailure"/>)
/// settles the task with no report and cancels its handler (<see cref="SendOnceAsync"/>). Best effort: nothing here fails the task otherwise.
/// </summary>
internal static class HeartbeatLoop
{
    /// <summary>Heartbeats until the task is settled.</summary>
    /// <param name="run">The task's run.</param>
    /// <param name="interval">The interval.</param>
    /// <param name="context">The client, clock, logger and counters.</param>
    /// <returns>When the heartbeats are over.</returns>
    public static async Task RunAsync(TaskRun run, TimeSpan interval, TaskRunContext context)
    {
        var token = run.HeartbeatToken;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(interval, context.Time, token).ConfigureAwait(false);
                await SendOnceAsync(run, context, token).ConfigureAwait(false); // one that says the task ended cancels the token
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
            WorkerLog.HeartbeatFailed(context.Logger, run.Token.Fingerprint, e.GetType().Name, ErrorKind.Transient, HeartbeatVerdict.KeepWorking);
        }
    }

    /// <summary>
    /// Sends one heartbeat (the loop's, or one a handler asked for with <see cref="ActivityContext.HeartbeatNowAsync"/>):
    /// a failure is counted and logged; one that says the task ended settles the task with no report and cancels its
    /// handler (<see cref="TaskCancellationReason.TaskEnded"/>).
    /// </summary>
    /// <param name="run">The task's run.</param>
    /// <param name="context">The client, clock, logger and counters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    public static async Task<Either<ActivityFailure<SendTaskHeartbeatError>, Unit>> SendOnceAsync(TaskRun run, TaskRunContext context, CancellationToken cancellationToken)
    {
        var answer = await context.Client.SendTaskHeartbeatAsync(run.Token, cancellationToken).ConfigureAwait(false);
        var verdict = answer.Match(
            (Run: run, Context: context),
            right: static (_, _) => HeartbeatVerdict.KeepWorking,
            left: static (s, failure) => Failed(s.Run, failure, s.Context));
        if (verdict == HeartbeatVerdict.StopTask)
        {
            await run.SettleAsync(Option<Either<TaskFailure, TaskOutput>>.None, Prelude.Some(TaskCancellationReason.TaskEnded)).ConfigureAwait(false);
        }

        return answer;
    }

    private static HeartbeatVerdict Failed(TaskRun run, ActivityFailure<SendTaskHeartbeatError> failure, TaskRunContext context)
    {
        context.Telemetry.HeartbeatFailed();
        var verdict = Heartbeats.AfterFailure(failure.Kind);
        WorkerLog.HeartbeatFailed(context.Logger, run.Token.Fingerprint, failure.Innermost().Summary(), failure.Kind, verdict);
        return verdict;
    }
}
