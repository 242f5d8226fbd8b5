using System;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;
using Microsoft.Extensions.Logging;

namespace ActivityCore;

/// <summary>The pollers: each takes a slot, polls (never cancelled), hands the slot to the task it brings, backs off after failures.</summary>
public sealed partial class ActivityWorker
{
    private int instantEmptySeen;

    private async Task PollLoopAsync(int index)
    {
        int failures = 0;
        while (true)
        {
            try
            {
                await slots.WaitAsync(stopPolling.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // At the orphans' cap no task is taken until an orphan returns (OrphanTracker).
                await orphans.WhenBelowCapAsync(stopPolling.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                slots.Release();
                return;
            }

            lock (gate)
            {
                if (!ShutdownPlan.MayStartPoll(phase, slotsFree: true))
                {
                    slots.Release();
                    return;
                }

                pollsInFlight++;
            }

            // The try covers the call only: the bookkeeping below must run exactly once per poll.
            Either<ActivityFailure<GetActivityTaskError>, Option<ActivityTask>> answer;
            long began = time.GetTimestamp();
            try
            {
                // Never cancelled: an aborted long poll can strand a task until its timeout. A stop starts no retry of it.
                answer = await client.GetActivityTaskAsync(Settings.ActivityArn, Settings.WorkerName, CancellationToken.None, stopPolling.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A disposed client or a bug below us: never crash the worker; back off like a failed poll.
                WorkerLog.PollerFault(logger, index, e.GetType().Name, e);
                answer = new ActivityFailure<GetActivityTaskError>.NetworkFailure(e.GetType().Name, "the client threw");
            }

            Option<TimeSpan> backoff = answer.Match(
                Right: received => OnPollAnswered(received, time.GetElapsedTime(began), ref failures),
                Left: failure => OnPollFailed(failure, ref failures));

            if (backoff.IsSome)
            {
                try
                {
                    await Task.Delay((TimeSpan)backoff, time, stopPolling.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>A poll answered: a task is run; an empty answer frees the slot, and is paced when it came back at once (<see cref="PollPacing"/>).</summary>
    private Option<TimeSpan> OnPollAnswered(Option<ActivityTask> received, TimeSpan answeredIn, ref int failures)
    {
        failures = 0;
        Telemetry.Poll(empty: received.IsNone);
        OnPollAnsweredHealth();
        if (received.IsNone)
        {
            EndPollWithoutTask();
            var pause = PollPacing.AfterEmptyPoll(answeredIn, Settings.Randomizer());
            if (pause.IsSome && Interlocked.Exchange(ref instantEmptySeen, 1) == 0)
            {
                WorkerLog.InstantEmptyPoll(logger, name, (long)answeredIn.TotalMilliseconds, (long)PollPacing.MinPause.TotalMilliseconds, (long)PollPacing.MaxPause.TotalMilliseconds);
            }

            return pause;
        }

        var task = new InFlightTask((ActivityTask)received);
        ReceivedTaskFate fate;
        bool tracked;
        lock (gate)
        {
            // In the same lock as the poll's end, so that the plan never sees "no poll, no task" in between.
            pollsInFlight--;
            fate = ShutdownPlan.FateOfReceivedTask(phase);
            tracked = phase != WorkerPhase.Stopped;
            if (tracked)
            {
                inHand.Add(task);
            }
        }

        WorkerLog.TaskReceived(logger, task.Task.Token.Fingerprint);
        if (fate == ReceivedTaskFate.Run)
        {
            _ = Task.Run(() => RunTaskAsync(task));
        }
        else
        {
            var failing = FailAtOnceAsync(task);
            lock (gate)
            {
                lateReports.Add(failing);
            }
        }

        Evaluate();
        return Option<TimeSpan>.None;
    }

    private Option<TimeSpan> OnPollFailed(ActivityFailure<GetActivityTaskError> failure, ref int failures)
    {
        EndPollWithoutTask();
        Telemetry.PollFailed();
        failures = failures == int.MaxValue ? failures : failures + 1;
        var delay = PollBackoff.Delay(failure.Kind, failures, Settings.Randomizer(), Settings.PollBackoff);
        int inARow = OnPollFailedHealth(failure, delay);
        bool stopping;
        lock (gate)
        {
            stopping = phase != WorkerPhase.Running;
        }

        LogLevel level = PollFailureLog.LevelFor(inARow);
        if (logger.IsEnabled(level))
        {
            string summary = failure.Innermost().Summary();
            if (stopping)
            {
                WorkerLog.PollFailedWhileStopping(logger, level, summary, failure.Kind, inARow);
            }
            else
            {
                WorkerLog.PollFailed(logger, level, summary, failure.Kind, inARow, (long)delay.TotalMilliseconds);
            }
        }

        return delay;
    }

    /// <summary>A poll ended without bringing a task: its slot is free again.</summary>
    private void EndPollWithoutTask()
    {
        lock (gate)
        {
            pollsInFlight--;
        }

        slots.Release();
        Evaluate();
    }

    private async Task FailAtOnceAsync(InFlightTask task)
    {
        Telemetry.Started();
        await SettleAsync(task, StoppedFailure(), cancelHandler: false).ConfigureAwait(false);
        await task.Settlement.ConfigureAwait(false);
        task.Dispose();
    }
}
