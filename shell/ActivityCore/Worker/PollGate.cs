using System;
using System.Threading;
using System.Threading.Tasks;

namespace ActivityCore.Worker;

/// <summary>What <see cref="PollGate.TryBegin"/> decided for a poller.</summary>
internal enum PollAdmission
{
    /// <summary>The poll began (it is counted in flight).</summary>
    Began,

    /// <summary>Polling is paused: no poll began; wait for the gate to open again.</summary>
    Paused,

    /// <summary>The worker refused the poll (it is stopping): no poll began, none will.</summary>
    Refused,
}

/// <summary>
/// Whether the pollers may start polls (<see cref="ActivityWorker.PausePolling"/>,
/// <see cref="ActivityWorker.ResumePolling"/>). A poller waits for the gate to be open (<see cref="WhenOpenAsync"/>:
/// a stop ends the wait), then begins its poll through <see cref="TryBegin"/>, which checks the gate and counts the poll
/// in flight under one lock: once <see cref="Pause"/> has returned, no poll begins until <see cref="Resume"/>, and every
/// poll that began before is counted in flight. Polls in flight are never touched. Starts open; idempotent; thread-safe.
/// </summary>
internal sealed class PollGate
{
    private readonly object gate = new();
    private TaskCompletionSource? reopened;

    /// <summary>Whether polling is paused.</summary>
    public bool IsPaused
    {
        get
        {
            lock (gate)
            {
                return reopened is not null;
            }
        }
    }

    /// <summary>Closes the gate: no poll begins until <see cref="Resume"/>.</summary>
    /// <returns>True if it was open (the state changed), false if it was closed already.</returns>
    public bool Pause()
    {
        lock (gate)
        {
            if (reopened is not null)
            {
                return false;
            }

            reopened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return true;
        }
    }

    /// <summary>Opens the gate: the waiting pollers go on.</summary>
    /// <returns>True if it was closed (the state changed), false if it was open already.</returns>
    public bool Resume()
    {
        TaskCompletionSource? release;
        lock (gate)
        {
            release = reopened;
            reopened = null;
        }

        release?.TrySetResult();
        return release is not null;
    }

    /// <summary>Completes at once while open; while closed, when it opens, or with false when <paramref name="stopping"/> fires.</summary>
    /// <param name="stopping">Ends the wait (the worker stops starting polls).</param>
    /// <returns>True when open; false when the stop came first.</returns>
    public async Task<bool> WhenOpenAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Task? closed;
            lock (gate)
            {
                closed = reopened?.Task;
            }

            if (closed is null)
            {
                return true;
            }

            try
            {
                await closed.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Begins a poll if the gate is open and the worker lets it (<paramref name="begin"/>, run under the gate's lock).</summary>
    /// <param name="begin">Counts the poll in flight if the worker may start one (<see cref="WorkerShutdown.TryBeginPoll"/>).</param>
    /// <returns>Whether the poll began, and if not, why.</returns>
    public PollAdmission TryBegin(Func<bool> begin)
    {
        ArgumentNullException.ThrowIfNull(begin);
        lock (gate)
        {
            if (reopened is not null)
            {
                return PollAdmission.Paused;
            }

            return begin() ? PollAdmission.Began : PollAdmission.Refused;
        }
    }
}
