namespace ActivityCore;

/// <summary>Orphans: handlers still running after their task ended (<see cref="OrphanTracker"/>).</summary>
public sealed partial class ActivityWorker
{
    /// <summary>
    /// Handlers still running after their task ended (an orphan: its task was reported by the handler timeout or the
    /// shutdown, or ended on the service's side, and the handler ignores its cancellation token). An orphan holds no
    /// slot. When they reach <see cref="WorkerSettings.MaxOrphanedHandlers"/>, the worker takes no new task until one
    /// returns (<see cref="Health"/> is then <see cref="WorkerHealth.Saturated"/>). Also the gauge
    /// <see cref="WorkerTelemetry.OrphanedHandlers"/>.
    /// </summary>
    public int OrphanedHandlers => orphans.Count;

    private void OnOrphaned(InFlightTask task)
    {
        var (count, reachedCap) = orphans.Add();
        Telemetry.Orphaned(+1);
        WorkerLog.HandlerOrphaned(logger, task.Task.Token.Fingerprint, count, orphans.Cap);
        if (reachedCap)
        {
            WorkerLog.OrphanCapReached(logger, name, count, orphans.Cap);
        }
    }

    private void OnOrphanReturned(InFlightTask task, System.TimeSpan ran)
    {
        var (count, belowCapAgain) = orphans.Remove();
        Telemetry.Orphaned(-1);
        WorkerLog.OrphanReturned(logger, task.Task.Token.Fingerprint, (long)ran.TotalMilliseconds, count);
        if (belowCapAgain)
        {
            WorkerLog.OrphansBelowCap(logger, name, count, orphans.Cap);
        }
    }
}
