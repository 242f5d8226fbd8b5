using System.Collections.Generic;
using System.Threading.Tasks;
using LanguageExt;

namespace ActivityCore.Local.Service;

/// <summary>Where a task is in its life.</summary>
internal enum TaskState
{
    Queued = 0,
    InFlight = 1,
    Ended = 2,
}

/// <summary>One enqueued task. Mutable; guarded by the board's gate.</summary>
internal sealed class TaskRecord(string id, string activityArn, string input, LocalTaskOptions options)
{
    internal string Id { get; } = id;

    internal string ActivityArn { get; } = activityArn;

    internal string Input { get; } = input;

    internal LocalTaskOptions Options { get; } = options;

    internal TaskCompletionSource<LocalTaskOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The handle given out for this task (set once, when it is enqueued).</summary>
    internal LocalTaskHandle? Handle { get; set; }

    internal TaskState State { get; set; }

    /// <summary>The token of the current delivery, while in flight.</summary>
    internal string? Token { get; set; }

    internal int Attempts { get; set; } = 1;

    internal int Deliveries { get; set; }

    /// <summary>Bumped on every (re)schedule, so a stale task timer does nothing.</summary>
    internal long Generation { get; set; }

    /// <summary>Bumped whenever the heartbeat timer is restarted, so a replaced timer whose callback already fired does nothing.</summary>
    internal long HeartbeatGeneration { get; set; }

    internal LinkedListNode<TaskRecord>? QueueNode { get; set; }

    internal LongTimer? TaskTimer { get; set; }

    internal LongTimer? HeartbeatTimer { get; set; }

    /// <summary>Takes it out of its activity's queue, if it is queued.</summary>
    internal void LeaveQueue()
    {
        QueueNode?.List?.Remove(QueueNode);
        QueueNode = null;
    }

    /// <summary>Stops its task and heartbeat timers.</summary>
    internal void StopTimers()
    {
        TaskTimer?.Dispose();
        HeartbeatTimer?.Dispose();
    }
}

/// <summary>One hand-out of a task: the task and the token of this delivery.</summary>
internal sealed record Delivery(TaskRecord Task, string Token);

/// <summary>One poll. Its answer is a delivery, or none for an empty answer.</summary>
internal sealed class PollWaiter(string activityArn)
{
    internal string ActivityArn { get; } = activityArn;

    internal TaskCompletionSource<Option<Delivery>> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal LinkedListNode<PollWaiter>? Node { get; set; }

    internal LongTimer? HoldTimer { get; set; }
}
