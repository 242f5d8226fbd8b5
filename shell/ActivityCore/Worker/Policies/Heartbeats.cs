using ActivityCore.Errors;

namespace ActivityCore.Worker.Policies;

/// <summary>What a worker does with a task after one of its heartbeats failed.</summary>
internal enum HeartbeatVerdict
{
    /// <summary>Keep working and keep heartbeating: the failure may be transient, and the result may still be accepted.</summary>
    KeepWorking,

    /// <summary>The task is over on the service's side (<c>TaskTimedOut</c>, <c>TaskDoesNotExist</c>, <c>InvalidToken</c>): cancel the handler and report nothing.</summary>
    StopTask,
}

/// <summary>The heartbeat decision, pure.</summary>
internal static class Heartbeats
{
    /// <summary>
    /// Decides after a failed heartbeat: <see cref="HeartbeatVerdict.StopTask"/> when the failure says the task ended
    /// (<see cref="ErrorKind.TaskEnded"/>), else <see cref="HeartbeatVerdict.KeepWorking"/> (throttling, network, and
    /// even configuration errors: the handler's result is still worth trying to report).
    /// </summary>
    /// <param name="kind">What the heartbeat's failure means.</param>
    /// <returns>The verdict.</returns>
    public static HeartbeatVerdict AfterFailure(ErrorKind kind) =>
        kind == ErrorKind.TaskEnded ? HeartbeatVerdict.StopTask : HeartbeatVerdict.KeepWorking;
}
