using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Worker.Policies;

namespace ActivityCore.Worker;

/// <summary>
/// The shutdown interpreter: the worker's phase, its polls in flight and its tasks in hand, moved on as
/// <see cref="ShutdownPlan"/> says, and what each phase entered does: start the drain (<see cref="DrainEnd"/>: its
/// timeout, the stop cause, <see cref="DrainOver"/> after which a report that keeps failing is not sent again), fail
/// the tasks left, complete. Thread-safe: one lock guards the phase and the counts together.
/// </summary>
internal sealed class WorkerShutdown(TimeSpan drainTimeout, TimeProvider time) : IWorkerCounts, IDisposable
{
    private readonly DrainEnd drain = new(drainTimeout, time);
    private readonly object gate = new();
    private readonly System.Collections.Generic.HashSet<TaskRun> inHand = [];
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource stopping = new();
    private WorkerPhase phase = WorkerPhase.Created;
    private int pollsInFlight;

    /// <summary>Where the worker is in its life.</summary>
    public WorkerPhase Phase
    {
        get
        {
            lock (gate)
            {
                return phase;
            }
        }
    }

    /// <summary>Polls started and not answered yet.</summary>
    public int PollsInFlight => Volatile.Read(ref pollsInFlight);

    /// <summary>Tasks received and not yet reported.</summary>
    public int TasksInHand
    {
        get
        {
            lock (gate)
            {
                return inHand.Count;
            }
        }
    }

    /// <summary>Completes when the worker reaches <see cref="WorkerPhase.Stopped"/>.</summary>
    public Task Completion => stopped.Task;

    /// <summary>Cancelled once a stop is asked (<see cref="ActivityContext.WorkerStopping"/>).</summary>
    public CancellationToken WorkerStopping => stopping.Token;

    /// <summary>Cancelled once the drain is over (its timeout expired, or the host hurried the stop).</summary>
    public CancellationToken DrainOver => drain.Over;

    /// <summary>Starts the worker once: <paramref name="starting"/> runs under the lock, as the phase becomes <see cref="WorkerPhase.Running"/>.</summary>
    /// <param name="starting">Starts the pollers.</param>
    /// <exception cref="InvalidOperationException">The worker was started or stopped already.</exception>
    public void Start(Action starting)
    {
        lock (gate)
        {
            if (phase != WorkerPhase.Created)
            {
                throw new InvalidOperationException($"The worker cannot start: it is {phase}.");
            }

            phase = WorkerPhase.Running;
            starting();
        }
    }

    /// <summary>Counts a poll in flight if a poll may start now (<see cref="ShutdownPlan.MayStartPoll"/>).</summary>
    /// <returns>Whether the poll may start.</returns>
    public bool TryBeginPoll()
    {
        lock (gate)
        {
            if (!ShutdownPlan.MayStartPoll(phase, slotsFree: true))
            {
                return false;
            }

            pollsInFlight++;
            return true;
        }
    }

    /// <summary>A poll ended without a task (the caller frees its slot, then <see cref="Evaluate"/>s).</summary>
    public void PollEnded()
    {
        lock (gate)
        {
            pollsInFlight--;
        }
    }

    /// <summary>
    /// A poll brought a task: in the same lock as the poll's end, so that the plan never sees "no poll, no task" in
    /// between, the task goes into the hand (unless the worker has stopped) and gets its fate.
    /// </summary>
    /// <param name="run">The task's run.</param>
    /// <returns>Run it, or fail it at once (<see cref="ShutdownPlan.FateOfReceivedTask"/>).</returns>
    public ReceivedTaskFate TaskReceived(TaskRun run)
    {
        lock (gate)
        {
            pollsInFlight--;
            if (phase != WorkerPhase.Stopped)
            {
                inHand.Add(run);
            }

            return ShutdownPlan.FateOfReceivedTask(phase);
        }
    }

    /// <summary>A task was settled: out of the hand (the caller frees its slot, then <see cref="Evaluate"/>s).</summary>
    /// <param name="run">The task's run.</param>
    public void TaskEnded(TaskRun run)
    {
        lock (gate)
        {
            inHand.Remove(run);
        }
    }

    /// <summary>A stop was asked: no poll starts any more (<see cref="ShutdownPlan.OnStopRequested"/>).</summary>
    /// <returns>The polls in flight and the tasks in hand at that moment.</returns>
    public (int Polls, int Tasks) RequestStop()
    {
        (int Polls, int Tasks) counts;
        lock (gate)
        {
            phase = ShutdownPlan.OnStopRequested(phase);
            counts = (pollsInFlight, inHand.Count);
        }

        SafeCancel(stopping); // outside the lock: the handlers' callbacks run
        return counts;
    }

    /// <summary>The drain is over, for the first cause that came (<see cref="ShutdownPlan.StopCause"/>): the tasks still in hand are failed.</summary>
    /// <param name="cause">Why.</param>
    public void Hurry(WorkerStopCause cause)
    {
        drain.End(cause);
        Evaluate();
    }

    /// <summary>The failure of a task the stop fails, with the cause of the drain's end.</summary>
    /// <returns>The failure (<see cref="WorkerErrorCodes.WorkerStopped"/>).</returns>
    public TaskFailure StoppedFailure() => drain.StoppedFailure();

    /// <summary>Moves the phase on as <see cref="ShutdownPlan.Next"/> says, and acts on the phases entered.</summary>
    public void Evaluate()
    {
        List<TaskRun>? toFail = null;
        bool drainEnded;
        lock (gate)
        {
            for (var next = Next(); next != phase; next = Next())
            {
                phase = next;
                switch (phase)
                {
                    case WorkerPhase.Draining:
                        drain.Start(static s => ((WorkerShutdown)s!).Hurry(WorkerStopCause.DrainTimeoutExpired), this);
                        break;
                    case WorkerPhase.FailingRemaining:
                        toFail = [.. inHand];
                        break;
                    case WorkerPhase.Stopped:
                        stopped.TrySetResult();
                        break;
                    default:
                        break;
                }
            }

            drainEnded = drain.HasEnded;
        }

        if (drainEnded)
        {
            drain.CancelResends();
        }

        if (toFail is not null)
        {
            var failure = StoppedFailure();
            var reason = LanguageExt.Prelude.Some(drain.CancellationReason());
            foreach (var run in toFail)
            {
                _ = run.SettleAsync(failure, reason);
            }
        }
    }

    /// <summary>Frees the drain timer and the drain's token (the stopping token stays usable: handlers may outlive the worker).</summary>
    public void Dispose() => drain.Dispose();

    private static void SafeCancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (AggregateException)
        {
            // a callback a handler registered threw: the handler's problem, not the stop's
        }
    }

    private WorkerPhase Next() => ShutdownPlan.Next(phase, pollsInFlight, inHand.Count, drainExpired: drain.HasEnded);
}
