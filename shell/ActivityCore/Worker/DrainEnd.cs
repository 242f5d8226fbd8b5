using System;
using System.Threading;
using ActivityCore.Worker.Policies;
using LanguageExt;

namespace ActivityCore.Worker;

/// <summary>
/// When and why a stopping worker's drain ends: the drain timeout (its timer, started when the drain starts; a zero
/// timeout ends it at once) or the host's hurry, the first that came (<see cref="ShutdownPlan.StopCause"/>). Once it
/// ended, <see cref="Over"/> is cancelled (a report that keeps failing is not sent again) and the tasks still in hand
/// are failed with <see cref="StoppedFailure"/>. Thread-safe.
/// </summary>
internal sealed class DrainEnd(TimeSpan drainTimeout, TimeProvider time) : IDisposable
{
    private readonly object gate = new();
    private readonly CancellationTokenSource over = new();
    private Option<WorkerStopCause> cause;
    private Option<ITimer> timer;

    /// <summary>Cancelled once the drain is over.</summary>
    public CancellationToken Over => over.Token;

    /// <summary>Whether the drain is over (a cause came).</summary>
    public bool HasEnded
    {
        get
        {
            lock (gate)
            {
                return cause.IsSome;
            }
        }
    }

    /// <summary>The drain starts: it ends at once for a zero drain timeout, else when the timer fires (<paramref name="expired"/>, with its state).</summary>
    /// <param name="expired">Called once the drain timeout expired; a static callback, no closure.</param>
    /// <param name="state">Its state.</param>
    public void Start(TimerCallback expired, object state)
    {
        if (drainTimeout == TimeSpan.Zero)
        {
            End(WorkerStopCause.DrainTimeoutExpired);
            return;
        }

        var started = time.CreateTimer(expired, state, drainTimeout, Timeout.InfiniteTimeSpan);
        lock (gate)
        {
            timer = Option<ITimer>.Some(started);
        }
    }

    /// <summary>The drain ends for this cause, unless it ended already (the first cause stays).</summary>
    /// <param name="now">The cause.</param>
    public void End(WorkerStopCause now)
    {
        lock (gate)
        {
            cause = ShutdownPlan.StopCause(cause, now);
        }
    }

    /// <summary>Tells the resends that the drain is over (outside any lock: their continuations run). Idempotent.</summary>
    public void CancelResends()
    {
        try
        {
            over.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // disposed: nothing waits any more
        }
    }

    /// <summary>The failure of a task the stop fails, with the cause of the drain's end.</summary>
    /// <returns>The failure (<see cref="WorkerErrorCodes.WorkerStopped"/>).</returns>
    public TaskFailure StoppedFailure()
    {
        WorkerStopCause why;
        lock (gate)
        {
            why = cause.IfNone(WorkerStopCause.DrainTimeoutExpired);
        }

        return TaskReports.WorkerStopped(why, drainTimeout);
    }

    /// <summary>Why a handler's token is cancelled when the stop fails its task: the cause of the drain's end.</summary>
    /// <returns><see cref="TaskCancellationReason.WorkerHurried"/> when the host hurried the stop, else <see cref="TaskCancellationReason.WorkerStopped"/>.</returns>
    public TaskCancellationReason CancellationReason()
    {
        lock (gate)
        {
            return cause.IfNone(WorkerStopCause.DrainTimeoutExpired) == WorkerStopCause.HurriedByHost
                ? TaskCancellationReason.WorkerHurried
                : TaskCancellationReason.WorkerStopped;
        }
    }

    /// <summary>Frees the timer and the token.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            timer.IfSome(static t => t.Dispose());
        }

        over.Dispose();
    }
}
