using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using LanguageExt;

namespace ActivityCore.Worker;

/// <summary>
/// What a handler knows about the task it runs and the worker running it: the task token's fingerprint (the one the
/// logs use, never the token), the activity, the worker's name, when the task was received, whether the worker is
/// stopping, why the handler's token was cancelled, and a heartbeat on demand. One per task; thread-safe.
/// </summary>
/// <remarks>
/// Not to be confused with <c>System.Diagnostics.ActivityContext</c> (tracing): a file that uses both aliases one.
/// </remarks>
public sealed class ActivityContext
{
    private readonly IRunningTask task;

    internal ActivityContext(IRunningTask task, ActivityArn activityArn, Option<WorkerName> workerName, DateTimeOffset receivedAt, CancellationToken workerStopping)
    {
        this.task = task;
        ActivityArn = activityArn;
        WorkerName = workerName;
        ReceivedAt = receivedAt;
        WorkerStopping = workerStopping;
    }

    /// <summary>The task token's fingerprint, as the worker's logs and traces write it (never the token itself).</summary>
    public string TokenFingerprint => task.Token.Fingerprint;

    /// <summary>The activity the task came from.</summary>
    public ActivityArn ActivityArn { get; }

    /// <summary>The worker's name (<see cref="ActivityWorkerOptions.WorkerName"/>), if it has one.</summary>
    public Option<WorkerName> WorkerName { get; }

    /// <summary>When the poll brought the task, on the worker's <see cref="ActivityWorkerOptions.TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>
    /// Cancelled once the worker is asked to stop. Separate from the handler's own token: the worker lets a task in hand
    /// finish within the drain timeout, so a handler may use this one to finish early (checkpoint and return), while
    /// its own token is cancelled only when the task is given up (<see cref="CancellationReason"/>).
    /// </summary>
    public CancellationToken WorkerStopping { get; }

    /// <summary>Why the worker cancelled the handler's token; none while it has not. Set before the token is cancelled.</summary>
    public Option<TaskCancellationReason> CancellationReason => task.CancellationReason;

    /// <summary>
    /// Sends a heartbeat for the task now (besides the worker's automatic ones, <see cref="ActivityWorkerOptions.HeartbeatInterval"/>).
    /// A heartbeat that says the task ended (TaskTimedOut, TaskDoesNotExist) ends the task as an automatic one does:
    /// nothing is reported and the handler's token is cancelled (<see cref="TaskCancellationReason.TaskEnded"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Unit, or why the heartbeat failed.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<Either<ActivityFailure<SendTaskHeartbeatError>, Unit>> HeartbeatNowAsync(CancellationToken cancellationToken = default) =>
        task.HeartbeatNowAsync(cancellationToken);

    /// <summary>Returns the fingerprint and the activity, never the token.</summary>
    /// <returns>A description.</returns>
    public override string ToString() => $"ActivityContext(Task = {TokenFingerprint}, Activity = {ActivityArn})";
}
