using System;
using Microsoft.Extensions.Logging;

namespace ActivityCore.Worker;

/// <summary>
/// Handlers that outlive their task (orphans), as the worker tells of them: the count and the cap are
/// <see cref="OrphanTracker"/>'s; this adds the gauge (<see cref="WorkerTelemetry.OrphanedHandlers"/>) and the log lines.
/// </summary>
internal sealed class HandlerOrphans(OrphanTracker tracker, WorkerTelemetry telemetry, ILogger logger, string worker)
{
    /// <summary>The count and the cap.</summary>
    public OrphanTracker Tracker => tracker;

    /// <summary>A task ended while its handler still runs.</summary>
    /// <param name="token">The task's token (only its fingerprint is logged).</param>
    public void Orphaned(TaskToken token)
    {
        var (count, reachedCap) = tracker.Add();
        telemetry.Orphaned(+1);
        WorkerLog.HandlerOrphaned(logger, token.Fingerprint, count, tracker.Cap);
        if (reachedCap)
        {
            WorkerLog.OrphanCapReached(logger, worker, count, tracker.Cap);
        }
    }

    /// <summary>An orphaned handler returned at last.</summary>
    /// <param name="token">The task's token.</param>
    /// <param name="ran">How long the handler ran.</param>
    public void Returned(TaskToken token, TimeSpan ran)
    {
        var (count, belowCapAgain) = tracker.Remove();
        telemetry.Orphaned(-1);
        WorkerLog.OrphanReturned(logger, token.Fingerprint, (long)ran.TotalMilliseconds, count);
        if (belowCapAgain)
        {
            WorkerLog.OrphansBelowCap(logger, worker, count, tracker.Cap);
        }
    }
}
