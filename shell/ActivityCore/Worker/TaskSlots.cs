using System;
using System.Threading;
using System.Threading.Tasks;

namespace ActivityCore.Worker;

/// <summary>
/// The worker's capacity: <see cref="WorkerSettings.MaxTasksInFlight"/> slots, each held by a poll in flight and handed
/// to the task it brings, freed when that task is settled (an orphaned handler holds none); and, at the orphans' cap,
/// no slot is handed out until an orphan returns (<see cref="OrphanTracker.WhenBelowCapAsync"/>). Thread-safe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Never disposed, as before the split: a settling task may free its slot just after the worker completed, and no wait handle is ever made.")]
internal sealed class TaskSlots(int max, OrphanTracker orphans)
{
    private readonly SemaphoreSlim slots = new(max, max);

    /// <summary>Waits for a free slot and for the orphans to be below their cap, and takes the slot.</summary>
    /// <param name="stopping">Ends the wait (the worker stops starting polls).</param>
    /// <returns>True with a slot taken; false when <paramref name="stopping"/> fired first (no slot held).</returns>
    public async Task<bool> TakeAsync(CancellationToken stopping)
    {
        try
        {
            await slots.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        try
        {
            await orphans.WhenBelowCapAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            slots.Release();
            return false;
        }

        return true;
    }

    /// <summary>Frees a slot: a poll ended without a task, a poll may not start, or a task was settled.</summary>
    public void Release() => slots.Release();
}
