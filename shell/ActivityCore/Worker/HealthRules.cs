using System;
using ActivityCore.Errors;

namespace ActivityCore.Worker;

/// <summary>
/// The worker's health decisions, pure: how a poll's outcome moves the poll health, which failures mean a bad set-up,
/// and how the phase and the orphans' cap take precedence. No clock: the time is a parameter.
/// </summary>
internal static class HealthRules
{
    /// <summary>
    /// Whether a poll's failure will not heal by itself, so the worker is <see cref="WorkerHealth.Misconfigured"/>:
    /// <see cref="ErrorKind.Configuration"/> (credentials, signature, unknown activity or ARN, KMS) and
    /// <see cref="ErrorKind.Rejected"/> (e.g. <c>AccessDeniedException</c>: a poll's request never changes, so it is
    /// refused again until the set-up changes). Every other kind may heal (<see cref="WorkerHealth.Degraded"/>).
    /// </summary>
    /// <param name="kind">The failure's kind.</param>
    /// <returns>True for a set-up problem.</returns>
    public static bool IsMisconfiguration(ErrorKind kind) => kind is ErrorKind.Configuration or ErrorKind.Rejected;

    /// <summary>The poll health once a poll was answered: <see cref="WorkerHealth.Polling"/>, since now unless it was already.</summary>
    /// <param name="current">The poll health before.</param>
    /// <param name="now">The time of the answer.</param>
    /// <returns>The poll health after.</returns>
    public static WorkerHealth AfterAnswer(WorkerHealth current, DateTimeOffset now) =>
        current as WorkerHealth.Polling ?? new WorkerHealth.Polling(now);

    /// <summary>
    /// The poll health once a poll failed: <see cref="WorkerHealth.Misconfigured"/> or <see cref="WorkerHealth.Degraded"/>
    /// by the failure's kind, carrying the failure; the streak (its start and count) goes on from a failing health and
    /// starts at this failure otherwise.
    /// </summary>
    /// <param name="current">The poll health before.</param>
    /// <param name="failure">The poll's failure.</param>
    /// <param name="now">The time of the failure.</param>
    /// <returns>The poll health after.</returns>
    public static WorkerHealth AfterFailure(WorkerHealth current, ActivityFailure<GetActivityTaskError> failure, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var (since, count) = current switch
        {
            WorkerHealth.Degraded d => (d.Since, d.ConsecutiveFailures),
            WorkerHealth.Misconfigured m => (m.Since, m.ConsecutiveFailures),
            _ => (now, 0),
        };
        int failures = count == int.MaxValue ? count : count + 1;
        return IsMisconfiguration(failure.Kind)
            ? new WorkerHealth.Misconfigured(failure, since, failures)
            : new WorkerHealth.Degraded(failure, since, failures);
    }

    /// <summary>Whether a poll health is a verdict for <see cref="ActivityWorker.WaitForFirstPollAsync"/>: answered, or a bad set-up.</summary>
    /// <param name="pollHealth">The poll health.</param>
    /// <returns>True for <see cref="WorkerHealth.Polling"/> and <see cref="WorkerHealth.Misconfigured"/>.</returns>
    public static bool IsVerdict(WorkerHealth pollHealth) => pollHealth is WorkerHealth.Polling or WorkerHealth.Misconfigured;

    /// <summary>
    /// The public health: the phase first (not started, stopping, stopped), then the orphans' cap while running,
    /// then the poll health.
    /// </summary>
    /// <param name="phase">The worker's phase.</param>
    /// <param name="pollHealth">The poll health (<see cref="WorkerHealth.Starting"/>, <see cref="WorkerHealth.Polling"/>, <see cref="WorkerHealth.Degraded"/>, <see cref="WorkerHealth.Misconfigured"/>).</param>
    /// <param name="orphans">Orphaned handlers now.</param>
    /// <param name="cap">The orphans' cap.</param>
    /// <param name="capReachedAt">When the orphans reached the cap, if they are at it.</param>
    /// <returns>The health.</returns>
    public static WorkerHealth Compose(WorkerPhase phase, WorkerHealth pollHealth, int orphans, int cap, DateTimeOffset? capReachedAt) => phase switch
    {
        WorkerPhase.Created => new WorkerHealth.NotStarted(),
        WorkerPhase.Stopped => new WorkerHealth.Stopped(),
        WorkerPhase.Running when capReachedAt is { } since => new WorkerHealth.Saturated(orphans, cap, since),
        WorkerPhase.Running => pollHealth,
        _ => new WorkerHealth.Stopping(phase),
    };
}
