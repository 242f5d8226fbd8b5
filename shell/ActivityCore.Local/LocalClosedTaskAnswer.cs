namespace ActivityCore.Local;

/// <summary>
/// What a report (SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat) answers when its token's task was already closed
/// by an earlier report (<see cref="LocalStepFunctionsOptions.ClosedTaskAnswer"/>). A token whose task timed out answers
/// <c>TaskTimedOut</c> either way.
/// </summary>
public enum LocalClosedTaskAnswer
{
    /// <summary><c>TaskDoesNotExist</c> (the default).</summary>
    TaskDoesNotExist = 0,

    /// <summary>
    /// <c>TaskTimedOut</c>, as the service also answers: its API reference documents TaskTimedOut for a token whose task
    /// "has already been closed", and a retried SendTaskSuccess has been seen answering it after its first attempt
    /// succeeded (boto3 issue 4044). For testing that a worker does not take it for a task that timed out.
    /// </summary>
    TaskTimedOut = 1,
}
