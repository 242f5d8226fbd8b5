using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ActivityCore.Errors;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ActivityCore.Worker;

/// <summary>
/// The health check's decisions, pure: a <see cref="WorkerHealth"/> (and the pause) to a status and a description,
/// several workers to one result (the worst wins), and the data a result carries: counts, the phase and an error code,
/// never a message, a token, a key or a secret.
/// </summary>
internal static class HealthCheckVerdict
{
    /// <summary>What a paused worker's description ends with.</summary>
    public const string PausedDescription = "paused: no new poll starts until polling is resumed";

    /// <summary>A worker's status and description: failing states take <paramref name="failureStatus"/>; a pause makes a healthy worker Degraded.</summary>
    /// <param name="health">The worker's health.</param>
    /// <param name="paused">Whether polling is paused.</param>
    /// <param name="failureStatus">The status of a failing worker (the registration's).</param>
    /// <returns>The status and a description for a person.</returns>
    public static (HealthStatus Status, string Description) Of(WorkerHealth health, bool paused, HealthStatus failureStatus)
    {
        ArgumentNullException.ThrowIfNull(health);
        var (status, description) = health.Match(
            notStarted: _ => (failureStatus, "not started"),
            starting: _ => (HealthStatus.Healthy, "started, waiting for the first poll's answer"),
            polling: _ => (HealthStatus.Healthy, "polls are answered"),
            degraded: d => (HealthStatus.Degraded, $"polls failing ({ErrorCode(d.LastFailure)}, {d.ConsecutiveFailures} in a row), retrying with backoff"),
            misconfigured: m => (failureStatus, $"cannot poll ({ErrorCode(m.LastFailure)}): {m.Advice}"),
            saturated: s => (failureStatus, $"{s.OrphanedHandlers} orphaned handlers reached the cap ({s.Cap}): no new task is taken"),
            stopping: s => (HealthStatus.Degraded, $"stopping ({s.Phase})"),
            stopped: _ => (failureStatus, "stopped"));
        return paused
            ? (Worst(status, HealthStatus.Degraded), description + "; " + PausedDescription)
            : (status, description);
    }

    /// <summary>The result over several workers: the worst status, every worker's description, the data of each.</summary>
    /// <param name="workers">The workers (none: a failing result).</param>
    /// <param name="failureStatus">The status of a failing worker.</param>
    /// <returns>The result.</returns>
    public static HealthCheckResult Over(IReadOnlyList<WorkerSnapshot> workers, HealthStatus failureStatus)
    {
        ArgumentNullException.ThrowIfNull(workers);
        if (workers.Count == 0)
        {
            return new HealthCheckResult(failureStatus, "no activity worker is registered");
        }

        var verdicts = workers.Select(w => Of(w.Health, w.Paused, failureStatus)).ToList();
        var status = verdicts.Aggregate(HealthStatus.Healthy, static (worst, v) => Worst(worst, v.Status));
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        if (workers.Count == 1)
        {
            AddData(data, string.Empty, workers[0]);
            return new HealthCheckResult(status, verdicts[0].Description, data: data);
        }

        data["workers"] = workers.Count;
        for (int i = 0; i < workers.Count; i++)
        {
            AddData(data, i.ToString(CultureInfo.InvariantCulture) + ".", workers[i]);
        }

        string description = string.Join("; ", verdicts.Select((v, i) => $"worker {i} ({workers[i].Name}): {v.Description}"));
        return new HealthCheckResult(status, description, data: data);
    }

    /// <summary>The code of a poll's failure, looked at through retries: the service's error code, <c>Timeout</c>, the network exception's type, or the client's reason. Never a message.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The code.</returns>
    public static string ErrorCode(ActivityFailure<GetActivityTaskError> failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return failure.Innermost().Match(
            serviceError: static e => e.Error.Code,
            timeout: static _ => "Timeout",
            networkFailure: static n => n.ExceptionType,
            clientFailure: static c => c.Reason.ToString(),
            retriesExhausted: static r => ErrorCode(r.Last));
    }

    private static HealthStatus Worst(HealthStatus a, HealthStatus b) => (HealthStatus)Math.Min((int)a, (int)b);

    private static void AddData(Dictionary<string, object> data, string prefix, WorkerSnapshot worker)
    {
        data[prefix + "worker"] = worker.Name;
        data[prefix + "health"] = worker.Health.GetType().Name;
        data[prefix + "phase"] = worker.Phase.ToString();
        data[prefix + "pollingPaused"] = worker.Paused;
        data[prefix + "pollsInFlight"] = worker.PollsInFlight;
        data[prefix + "tasksInHand"] = worker.TasksInHand;
        data[prefix + "orphanedHandlers"] = worker.OrphanedHandlers;
        worker.Health.Match(
            notStarted: static _ => Unit(),
            starting: static _ => Unit(),
            polling: static _ => Unit(),
            degraded: d => AddFailure(data, prefix, d.LastFailure, d.ConsecutiveFailures),
            misconfigured: m => AddFailure(data, prefix, m.LastFailure, m.ConsecutiveFailures),
            saturated: s => AddCap(data, prefix, s.Cap),
            stopping: static _ => Unit(),
            stopped: static _ => Unit());
    }

    private static LanguageExt.Unit AddFailure(Dictionary<string, object> data, string prefix, ActivityFailure<GetActivityTaskError> failure, int consecutive)
    {
        data[prefix + "errorCode"] = ErrorCode(failure);
        data[prefix + "errorKind"] = failure.Kind.ToString();
        data[prefix + "consecutiveFailures"] = consecutive;
        return Unit();
    }

    private static LanguageExt.Unit AddCap(Dictionary<string, object> data, string prefix, int cap)
    {
        data[prefix + "maxOrphanedHandlers"] = cap;
        return Unit();
    }

    private static LanguageExt.Unit Unit() => LanguageExt.Unit.Default;
}
