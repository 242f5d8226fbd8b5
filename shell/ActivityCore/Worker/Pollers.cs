using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Worker.Policies;
using LanguageExt;

namespace ActivityCore.Worker;

/// <summary>
/// The poll loops: each takes a slot (<see cref="TaskSlots"/>), polls (never cancelled: an aborted long poll can strand
/// a task until its timeout), hands the slot to the task it brings (a <see cref="TaskRun"/>), pauses after an empty poll
/// answered at once (<see cref="PollPacing"/>) and backs off after a failure (<see cref="PollBackoff"/>). While polling
/// is paused (<see cref="PollGate"/>) no poll starts. A stop ends the waits, never a poll in flight. The number of loops
/// follows <see cref="PollerScaling"/> between <see cref="WorkerSettings.Pollers"/> and <see cref="WorkerSettings.MaxPollers"/>:
/// a poll that brings a task starts a loop more, a loop whose poll came back empty or failed may end.
/// </summary>
internal sealed class Pollers(TaskRunContext context, PollHealth health) : IDisposable
{
    private readonly CancellationTokenSource stopPolling = new();
    private readonly PollGate gate = new();
    private readonly List<Task> lateReports = [];
    private readonly TaskCompletionSource loopsEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object scaling = new();
    private int target;
    private int running;
    private int alive;
    private int nextIndex;
    private int instantEmptySeen;
    private ExceptionDispatchInfo? loopFault;

    private WorkerSettings Settings => context.Settings;

    /// <summary>The poll loops running (between <see cref="WorkerSettings.Pollers"/> and <see cref="WorkerSettings.MaxPollers"/> while the worker runs).</summary>
    public int Running => Volatile.Read(ref alive);

    /// <summary>Starts <see cref="WorkerSettings.Pollers"/> loops.</summary>
    public void Start()
    {
        lock (scaling)
        {
            target = Settings.Pollers;
            running = Settings.Pollers;
        }

        Spawn(Settings.Pollers);
    }

    /// <summary>Whether polling is paused (<see cref="Pause"/>).</summary>
    public bool IsPaused => gate.IsPaused;

    /// <summary>No new poll starts until <see cref="Resume"/>; the polls in flight and the tasks in hand go on. Idempotent.</summary>
    public void Pause()
    {
        if (gate.Pause())
        {
            WorkerLog.PollingPaused(context.Logger, context.Worker, context.Shutdown.PollsInFlight, context.Shutdown.TasksInHand);
        }
    }

    /// <summary>Polls start again. Idempotent.</summary>
    public void Resume()
    {
        if (gate.Resume())
        {
            WorkerLog.PollingResumed(context.Logger, context.Worker);
        }
    }

    /// <summary>No poll is started any more; the waits for a slot, the gate, a pause or a backoff end.</summary>
    /// <returns>When the waits were told.</returns>
    public Task StopStartingAsync() => stopPolling.CancelAsync();

    /// <summary>Completes when the loops have ended and the tasks they failed at once are reported.</summary>
    /// <returns>When done.</returns>
    public async Task WhenDoneAsync()
    {
        if (Volatile.Read(ref alive) > 0)
        {
            await loopsEnded.Task.ConfigureAwait(false);
        }

        Volatile.Read(ref loopFault)?.Throw(); // a loop that died of an exception outside its call is not silent

        Task[] late;
        lock (lateReports)
        {
            late = [.. lateReports];
        }

        await Task.WhenAll(late).ConfigureAwait(false);
    }

    /// <summary>Frees the stop's token.</summary>
    public void Dispose() => stopPolling.Dispose();

    private void Spawn(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Interlocked.Increment(ref alive);
            int index = Interlocked.Increment(ref nextIndex) - 1;
            _ = Task.Run(() => RunLoopAsync(index));
        }
    }

    private async Task RunLoopAsync(int index)
    {
        try
        {
            await LoopAsync(index).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref loopFault, ExceptionDispatchInfo.Capture(e), null); // the first one, raised by WhenDoneAsync
        }
        finally
        {
            // Scaling never ends the last loop (at least one poller), so the count reaches zero only when polling is over.
            if (Interlocked.Decrement(ref alive) == 0)
            {
                loopsEnded.TrySetResult();
            }
        }
    }

    /// <summary>After a poll: the pollers wanted (<see cref="PollerScaling"/>); starts the loops missing.</summary>
    /// <returns>False when this loop is one too many and ends.</returns>
    private bool Rescale(PollOutcome outcome)
    {
        if (!Settings.ScalesPollers)
        {
            return true;
        }

        int add;
        lock (scaling)
        {
            int freeSlots = Settings.MaxTasksInFlight - context.Shutdown.TasksInHand;
            target = PollerScaling.Next(target, outcome, Settings.Pollers, Settings.MaxPollers, freeSlots);
            if (running > target)
            {
                running--;
                return false;
            }

            add = stopPolling.IsCancellationRequested ? 0 : target - running;
            running += add;
        }

        Spawn(add);
        return true;
    }

    private async Task LoopAsync(int index)
    {
        int failures = 0;
        while (await gate.WhenOpenAsync(stopPolling.Token).ConfigureAwait(false)
            && await context.Slots.TakeAsync(stopPolling.Token).ConfigureAwait(false))
        {
            var admission = gate.TryBegin(context.Shutdown.TryBeginPoll);
            if (admission != PollAdmission.Began)
            {
                context.Slots.Release();
                if (admission == PollAdmission.Paused)
                {
                    continue; // paused between the wait and the slot: wait again, holding no slot
                }

                return;
            }

            // The try covers the call only: the bookkeeping below must run exactly once per poll.
            Either<ActivityFailure<GetActivityTaskError>, Option<ActivityTask>> answer;
            long began = context.Time.GetTimestamp();
            try
            {
                // Never cancelled: an aborted long poll can strand a task until its timeout. A stop starts no retry of it.
                answer = await context.Client.GetActivityTaskAsync(Settings.ActivityArn, Settings.WorkerName, CancellationToken.None, stopPolling.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // A disposed client or a bug below us: never crash the worker; back off like a failed poll.
                WorkerLog.PollerFault(context.Logger, index, e.GetType().Name, e);
                answer = new ActivityFailure<GetActivityTaskError>.NetworkFailure(e.GetType().Name, "the client threw");
            }

            var (wait, outcome) = answer.Match(
                Right: received => (Answered(received, context.Time.GetElapsedTime(began), ref failures), received.IsSome ? PollOutcome.Task : PollOutcome.Empty),
                Left: failure => (Failed(failure, ref failures), PollOutcome.Failed));
            if (!Rescale(outcome))
            {
                return; // one poller too many: it ends, holding no slot (the poll's slot was freed or handed to its task)
            }

            if (!await wait.Match(Some: WaitAsync, None: static () => Task.FromResult(true)).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <returns>False when the stop ended the wait.</returns>
    private async Task<bool> WaitAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, context.Time, stopPolling.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private Option<TimeSpan> Answered(Option<ActivityTask> received, TimeSpan answeredIn, ref int failures)
    {
        failures = 0;
        context.Telemetry.Poll(empty: received.IsNone);
        health.Answered();
        return received.Match(Some: TaskReceived, None: () => Empty(answeredIn));
    }

    /// <summary>An empty answer frees the slot, and is paced when it came back at once (<see cref="PollPacing"/>).</summary>
    private Option<TimeSpan> Empty(TimeSpan answeredIn)
    {
        EndPollWithoutTask();
        var pause = PollPacing.AfterEmptyPoll(answeredIn, Settings.Randomizer());
        if (pause.IsSome && Interlocked.Exchange(ref instantEmptySeen, 1) == 0)
        {
            WorkerLog.InstantEmptyPoll(context.Logger, context.Worker, (long)answeredIn.TotalMilliseconds, (long)PollPacing.MinPause.TotalMilliseconds, (long)PollPacing.MaxPause.TotalMilliseconds);
        }

        return pause;
    }

    /// <summary>A task: run, or failed at once when the tasks in hand are being failed (<see cref="ShutdownPlan.FateOfReceivedTask"/>).</summary>
    private Option<TimeSpan> TaskReceived(ActivityTask task)
    {
        var run = new TaskRun(context, task);
        var fate = context.Shutdown.TaskReceived(run);
        if (context.Logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug)) // the fingerprint hashes the whole token: only when logged
        {
            WorkerLog.TaskReceived(context.Logger, task.Token.Fingerprint);
        }

        if (fate == ReceivedTaskFate.Run)
        {
            _ = Task.Run(run.RunAsync);
        }
        else
        {
            var failing = run.FailAtOnceAsync();
            lock (lateReports)
            {
                lateReports.Add(failing);
            }
        }

        context.Shutdown.Evaluate();
        return Option<TimeSpan>.None;
    }

    private Option<TimeSpan> Failed(ActivityFailure<GetActivityTaskError> failure, ref int failures)
    {
        EndPollWithoutTask();
        context.Telemetry.PollFailed();
        failures = failures == int.MaxValue ? failures : failures + 1;
        var delay = PollBackoff.Delay(failure.Kind, failures, Settings.Randomizer(), Settings.PollBackoff);
        int inARow = health.Failed(failure, delay);
        health.LogFailedPoll(failure, delay, inARow, stopping: context.Shutdown.Phase != WorkerPhase.Running);
        return delay;
    }

    /// <summary>A poll ended without bringing a task: its slot is free again.</summary>
    private void EndPollWithoutTask()
    {
        context.Shutdown.PollEnded();
        context.Slots.Release();
        context.Shutdown.Evaluate();
    }
}
