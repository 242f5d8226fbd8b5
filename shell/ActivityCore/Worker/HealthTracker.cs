using System;
using System.Threading.Tasks;

namespace ActivityCore;

/// <summary>
/// The poll health of a worker (<see cref="WorkerHealth.Starting"/>, <see cref="WorkerHealth.Polling"/>,
/// <see cref="WorkerHealth.Degraded"/>, <see cref="WorkerHealth.Misconfigured"/>), moved by each poll's outcome as
/// <see cref="HealthRules"/> says, and the first verdict (<see cref="FirstVerdict"/>). Thread-safe.
/// </summary>
internal sealed class HealthTracker(TimeProvider time)
{
    private readonly object gate = new();
    private readonly TaskCompletionSource<WorkerHealth> firstVerdict = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WorkerHealth polls = new WorkerHealth.NotStarted();

    /// <summary>The poll health now.</summary>
    public WorkerHealth Polls
    {
        get
        {
            lock (gate)
            {
                return polls;
            }
        }
    }

    /// <summary>Completes with the first poll health that is a verdict (<see cref="HealthRules.IsVerdict"/>), or with what <see cref="Conclude"/> gives.</summary>
    public Task<WorkerHealth> FirstVerdict => firstVerdict.Task;

    /// <summary>The worker started: <see cref="WorkerHealth.Starting"/>.</summary>
    public void OnStarted()
    {
        lock (gate)
        {
            polls = new WorkerHealth.Starting(time.GetUtcNow());
        }
    }

    /// <summary>A poll was answered.</summary>
    /// <returns>The poll health before (to tell a recovery).</returns>
    public WorkerHealth OnAnswered() => Move(current => HealthRules.AfterAnswer(current, time.GetUtcNow()));

    /// <summary>A poll failed.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The poll health before (to tell a state entered).</returns>
    public WorkerHealth OnFailed(ActivityFailure<GetActivityTaskError> failure) =>
        Move(current => HealthRules.AfterFailure(current, failure, time.GetUtcNow()));

    /// <summary>Ends the wait for a first verdict with this health (the worker is stopping) if none came yet.</summary>
    /// <param name="health">The health to answer.</param>
    public void Conclude(WorkerHealth health) => firstVerdict.TrySetResult(health);

    private WorkerHealth Move(Func<WorkerHealth, WorkerHealth> next)
    {
        WorkerHealth before;
        WorkerHealth after;
        lock (gate)
        {
            before = polls;
            after = polls = next(polls);
        }

        if (HealthRules.IsVerdict(after))
        {
            firstVerdict.TrySetResult(after);
        }

        return before;
    }
}
