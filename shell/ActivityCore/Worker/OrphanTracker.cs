using System;
using System.Threading;
using System.Threading.Tasks;

namespace ActivityCore.Worker;

/// <summary>
/// The handlers still running after their task ended (reported by the handler timeout, the shutdown, or ended on the
/// service's side): orphans. A task's slot is freed when its task is reported, so an orphan holds no slot; this counts
/// them and holds the pollers back while <see cref="Cap"/> of them run (<see cref="WhenBelowCapAsync"/>), so that
/// handlers that ignore their cancellation token cannot pile up without bound. Thread-safe.
/// </summary>
internal sealed class OrphanTracker(int cap, TimeProvider time)
{
    private readonly object gate = new();
    private int count;
    private DateTimeOffset capReachedAt;
    private TaskCompletionSource? belowCap;

    /// <summary>The cap (<see cref="ActivityWorkerOptions.MaxOrphanedHandlers"/>).</summary>
    public int Cap { get; } = cap;

    /// <summary>Orphans now.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return count;
            }
        }
    }

    /// <summary>When the count reached the cap, while it is there; none below it.</summary>
    public DateTimeOffset? AtCapSince
    {
        get
        {
            lock (gate)
            {
                return belowCap is null ? null : capReachedAt;
            }
        }
    }

    /// <summary>A handler outlived its task.</summary>
    /// <returns>The count now, and whether this orphan made it reach the cap.</returns>
    public (int Count, bool ReachedCap) Add()
    {
        lock (gate)
        {
            count++;
            bool reached = count >= Cap && belowCap is null;
            if (reached)
            {
                capReachedAt = time.GetUtcNow();
                belowCap = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return (count, reached);
        }
    }

    /// <summary>An orphan returned at last.</summary>
    /// <returns>The count now, and whether it is below the cap again (the pollers go on).</returns>
    public (int Count, bool BelowCapAgain) Remove()
    {
        TaskCompletionSource? release = null;
        int now;
        lock (gate)
        {
            now = --count;
            if (count < Cap && belowCap is not null)
            {
                release = belowCap;
                belowCap = null;
            }
        }

        release?.TrySetResult();
        return (now, release is not null);
    }

    /// <summary>Completes at once below the cap; at the cap, when an orphan returns (or when cancelled: it then throws).</summary>
    /// <param name="cancellationToken">Ends the wait (the worker is stopping).</param>
    /// <returns>When a new task may be taken.</returns>
    public Task WhenBelowCapAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return belowCap is null ? Task.CompletedTask : belowCap.Task.WaitAsync(cancellationToken);
        }
    }
}
