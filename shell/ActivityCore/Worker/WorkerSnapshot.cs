namespace ActivityCore.Worker;

/// <summary>One worker as a health check sees it: its health, whether it is paused, and its counts (a snapshot).</summary>
/// <param name="Name">The worker's name (<see cref="ActivityWorkerOptions.WorkerName"/>), "-" for none.</param>
/// <param name="Health">The worker's health.</param>
/// <param name="Paused">Whether polling is paused.</param>
/// <param name="Phase">The worker's phase.</param>
/// <param name="PollsInFlight">Polls in flight.</param>
/// <param name="TasksInHand">Tasks in hand.</param>
/// <param name="OrphanedHandlers">Orphaned handlers.</param>
internal sealed record WorkerSnapshot(string Name, WorkerHealth Health, bool Paused, WorkerPhase Phase, int PollsInFlight, int TasksInHand, int OrphanedHandlers)
{
    /// <summary>Reads a worker's public state.</summary>
    /// <param name="worker">The worker.</param>
    /// <returns>Its snapshot.</returns>
    public static WorkerSnapshot Of(ActivityWorker worker) => new(
        worker.Settings.WorkerName.Match(w => w.Value, () => "-"),
        worker.Health,
        worker.IsPollingPaused,
        worker.Phase,
        worker.PollsInFlight,
        worker.TasksInHand,
        worker.OrphanedHandlers);
}
