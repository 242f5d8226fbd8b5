using System.Threading.Tasks;
using ActivityCore.Local.Service;

namespace ActivityCore.Local;

/// <summary>
/// A task enqueued with <see cref="LocalStepFunctions.EnqueueTask"/>. Thread-safe.
/// </summary>
public sealed class LocalTaskHandle
{
    internal LocalTaskHandle(string id, string activityArn, Task<LocalTaskOutcome> outcome)
    {
        Id = id;
        ActivityArn = activityArn;
        Outcome = outcome;
    }

    /// <summary>An id for this task (not its token), also usable with <c>GET /_local/tasks/{id}</c>.</summary>
    public string Id { get; }

    /// <summary>The ARN of the activity the task was enqueued on.</summary>
    public string ActivityArn { get; }

    /// <summary>
    /// Completes, never faults, when the task ends: success, failure, or (last delivery) timed out.
    /// Stays pending while the task is queued or in flight, and when the endpoint is disposed first.
    /// </summary>
    public Task<LocalTaskOutcome> Outcome { get; }

    /// <summary>How many times the task has been handed to a worker so far.</summary>
    public int Deliveries => Record?.Deliveries ?? 0;

    internal Service.TaskRecord? Record { get; set; }

    /// <inheritdoc/>
    public override string ToString() => $"LocalTaskHandle {{ Id = {Id}, ActivityArn = {ActivityArn} }}";
}
