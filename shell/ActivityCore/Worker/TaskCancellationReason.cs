namespace ActivityCore.Worker;

/// <summary>
/// Why the worker cancelled a handler's token (<see cref="ActivityContext.CancellationReason"/>). The reason is set
/// before the token is cancelled, so a handler that sees its token cancelled by the worker can read it. The first
/// reason stays: a task is cancelled once.
/// </summary>
public enum TaskCancellationReason
{
    /// <summary>The handler ran past <see cref="ActivityWorkerOptions.HandlerTimeout"/>; the task is failed with <see cref="WorkerErrorCodes.HandlerTimeout"/>.</summary>
    HandlerTimeout,

    /// <summary>A heartbeat said the task ended on the service's side (TaskTimedOut, TaskDoesNotExist): nothing is reported.</summary>
    TaskEnded,

    /// <summary>The worker stopped and the drain timeout expired before the handler finished; the task is failed with <see cref="WorkerErrorCodes.WorkerStopped"/>.</summary>
    WorkerStopped,

    /// <summary>The host hurried the worker's stop (its shutdown timeout) before the handler finished; the task is failed with <see cref="WorkerErrorCodes.WorkerStopped"/>.</summary>
    WorkerHurried,
}
