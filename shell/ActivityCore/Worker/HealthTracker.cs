using System;
using System.Threading.Tasks;
using ActivityCore.Errors;

namespace ActivityCore.Worker;

/// <summary>
/// The poll health of a worker (<see cref="WorkerHealth.Starting"/>, <see cref="WorkerHealth.Polling"/>,
/// <see cref="WorkerHealth.Degraded"/>, <see cref="WorkerHealth.Misconfigured"/>), moved by each poll's outcome as
/// <see cref="HealthRules"/> says, and the first verdict (<see cref="FirstVerdict"/>), which the worker publishes
/// (<see cref="Publish"/>) once it has logged the change, so that whoever awaits the verdict finds its line written. Thread-safe.
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
    /// <returns>The poll health before (to tell a recovery) and after (to <see cref="Publish"/>).</returns>
    public (WorkerHealth Before, WorkerHealth After) OnAnswered() =>
        Move(static (current, now) => HealthRules.AfterAnswer(current, now), time.GetUtcNow());

    /// <summary>A poll failed.</summary>
    /// <param name="failure">The failure.</param>
    /// <returns>The poll health before (to tell a state entered) and after (to <see cref="Publish"/>).</returns>
    public (WorkerHealth Before, WorkerHealth After) OnFailed(ActivityFailure<GetActivityTaskError> failure) =>
        Move(static (current, state) => HealthRules.AfterFailure(current, state.Failure, state.Now), (Failure: failure, Now: time.GetUtcNow()));

    /// <summary>Ends the wait for a first verdict with this poll health if it is one (<see cref="HealthRules.IsVerdict"/>) and none came yet.</summary>
    /// <param name="after">The poll health a move led to.</param>
    public void Publish(WorkerHealth after)
    {
        if (HealthRules.IsVerdict(after))
        {
            firstVerdict.TrySetResult(after);
        }
    }

    /// <summary>Ends the wait for a first verdict with this health (the worker is stopping) if none came yet.</summary>
    /// <param name="health">The health to answer.</param>
    public void Conclude(WorkerHealth health) => firstVerdict.TrySetResult(health);

    // The rule is a static lambda and its inputs a state argument: no closure is allocated per poll.
    private (WorkerHealth Before, WorkerHealth After) Move<TState>(Func<WorkerHealth, TState, WorkerHealth> next, TState state)
    {
        lock (gate)
        {
            WorkerHealth before = polls;
            polls = next(polls, state);
            return (before, polls);
        }
    }
}
