using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActivityCore.Worker;

/// <summary>
/// A health check (Microsoft.Extensions.Diagnostics.HealthChecks) over one or more <see cref="ActivityWorker"/>s, from
/// their <see cref="ActivityWorker.Health"/>: <see cref="WorkerHealth.Starting"/> and <see cref="WorkerHealth.Polling"/>
/// are Healthy; <see cref="WorkerHealth.Degraded"/> (polls failing, after the client's retries, for a reason that may
/// heal), <see cref="WorkerHealth.Stopping"/> and a paused worker (<see cref="ActivityWorker.IsPollingPaused"/>) are
/// Degraded; <see cref="WorkerHealth.NotStarted"/>, <see cref="WorkerHealth.Misconfigured"/>,
/// <see cref="WorkerHealth.Saturated"/> and <see cref="WorkerHealth.Stopped"/> take the registration's failure status
/// (Unhealthy by default). Over several workers the worst status wins. The result's data holds, per worker, its name,
/// health, phase, pause, polls in flight, tasks in hand, orphaned handlers and, when polls fail, the error code, kind
/// and count: never a message, a token, a key or a secret. Register it with
/// <see cref="ActivityWorkerHealthChecksBuilderExtensions.AddActivityWorker"/>, or create it over a worker of your own.
/// Thread-safe; a check only reads the workers.
/// </summary>
public sealed class ActivityWorkerHealthCheck : IHealthCheck
{
    private readonly IReadOnlyList<ActivityWorker> workers;

    /// <summary>A check over one worker.</summary>
    /// <param name="worker">The worker.</param>
    public ActivityWorkerHealthCheck(ActivityWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        workers = [worker];
    }

    /// <summary>A check over several workers: the worst status wins; the data's keys are prefixed with each worker's position (<c>0.phase</c>, <c>1.phase</c>...) when there are several. None: a failing result.</summary>
    /// <param name="workers">The workers.</param>
    public ActivityWorkerHealthCheck(IEnumerable<ActivityWorker> workers)
    {
        ArgumentNullException.ThrowIfNull(workers);
        this.workers = [.. workers];
        if (this.workers.Any(w => w is null))
        {
            throw new ArgumentException("A worker is null.", nameof(workers));
        }
    }

    /// <summary>Reads the workers' state (a snapshot) and tells their status. Completes at once.</summary>
    /// <param name="context">The check's context: its registration's failure status is used (Unhealthy without one).</param>
    /// <param name="cancellationToken">Unused: the check does not wait.</param>
    /// <returns>The result.</returns>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        HealthStatus failureStatus = context?.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        return Task.FromResult(HealthCheckVerdict.Over([.. workers.Select(WorkerSnapshot.Of)], failureStatus));
    }
}
