using System;

namespace ActivityCore.Local;

/// <summary>
/// The timeouts of one enqueued task, as a state machine's Task state sets them, and whether the worker may use its
/// execution's KMS key. Immutable.
/// </summary>
public sealed record LocalTaskOptions
{
    /// <summary>
    /// The task timeout (the state's <c>TimeoutSeconds</c>), counted from the moment the task is
    /// enqueued (or re-enqueued), waiting time included. Zero or more, of any length (the service allows up to
    /// 99,999,999 s). Null (default): no timeout.
    /// </summary>
    public TimeSpan? TaskTimeout { get; init; }

    /// <summary>
    /// The heartbeat timeout (the state's <c>HeartbeatSeconds</c>), counted from the moment the
    /// task is handed to a worker and restarted by every <c>SendTaskHeartbeat</c>. Zero or more, of any length. Null
    /// (default): none.
    /// </summary>
    public TimeSpan? HeartbeatTimeout { get; init; }

    /// <summary>
    /// How many times the task may be scheduled: after a timeout, a task with attempts left is
    /// queued again with a new token (a state machine's <c>Retry</c> on <c>States.Timeout</c>) and
    /// counted as redelivered. Default 1: no redelivery. Must be 1 or more.
    /// </summary>
    public int MaxAttempts { get; init; } = 1;

    /// <summary>
    /// The KMS fault of a task: its execution is encrypted with a customer-managed KMS key the caller may not use. A
    /// SendTaskSuccess, and a SendTaskFailure with an error or a cause, answer <c>KmsAccessDeniedException</c> (400); a
    /// SendTaskFailure with neither needs no KMS permission and fails the task, as the service documents. Heartbeats carry
    /// no data and are served. Default false.
    /// </summary>
    public bool KmsAccessDenied { get; init; }
}
