using System.Threading;

namespace ActivityCore.Local;

/// <summary>
/// What a <see cref="LocalStepFunctions"/> endpoint has done since it started. Thread-safe; each
/// property is read atomically (the set of them is not one snapshot).
/// </summary>
public sealed class LocalCounters
{
    private long _pollsServed;
    private long _pollsAnsweredEmpty;
    private long _tasksDispatched;
    private long _tasksCompleted;
    private long _tasksFailed;
    private long _tasksTimedOut;
    private long _tasksRedelivered;
    private long _deliveriesLost;

    /// <summary><c>GetActivityTask</c> calls answered 200 (with a task or empty).</summary>
    public long PollsServed => Interlocked.Read(ref _pollsServed);

    /// <summary><c>GetActivityTask</c> calls answered 200 with no task (hold time elapsed, or activity deleted).</summary>
    public long PollsAnsweredEmpty => Interlocked.Read(ref _pollsAnsweredEmpty);

    /// <summary>Tasks handed to a poll (each delivery counts; including those whose answer was then lost).</summary>
    public long TasksDispatched => Interlocked.Read(ref _tasksDispatched);

    /// <summary>Tasks ended by <c>SendTaskSuccess</c>.</summary>
    public long TasksCompleted => Interlocked.Read(ref _tasksCompleted);

    /// <summary>Tasks ended by <c>SendTaskFailure</c>.</summary>
    public long TasksFailed => Interlocked.Read(ref _tasksFailed);

    /// <summary>Task or heartbeat timeouts that fired (each delivery counts, redelivered or not).</summary>
    public long TasksTimedOut => Interlocked.Read(ref _tasksTimedOut);

    /// <summary>Timed-out tasks queued again because they had deliveries left.</summary>
    public long TasksRedelivered => Interlocked.Read(ref _tasksRedelivered);

    /// <summary>
    /// Tasks dispatched to a poll whose answer could not be written (connection dropped, client
    /// gone, injected drop or truncation). Such a task stays in flight until it times out.
    /// </summary>
    public long DeliveriesLost => Interlocked.Read(ref _deliveriesLost);

    internal void PollServed(bool empty)
    {
        Interlocked.Increment(ref _pollsServed);
        if (empty)
        {
            Interlocked.Increment(ref _pollsAnsweredEmpty);
        }
    }

    internal void Dispatched() => Interlocked.Increment(ref _tasksDispatched);

    internal void Completed() => Interlocked.Increment(ref _tasksCompleted);

    internal void Failed() => Interlocked.Increment(ref _tasksFailed);

    internal void TimedOut() => Interlocked.Increment(ref _tasksTimedOut);

    internal void Redelivered() => Interlocked.Increment(ref _tasksRedelivered);

    internal void DeliveryLost() => Interlocked.Increment(ref _deliveriesLost);

    /// <inheritdoc/>
    public override string ToString() =>
        $"polls {PollsServed} (empty {PollsAnsweredEmpty}), dispatched {TasksDispatched}, completed {TasksCompleted}, " +
        $"failed {TasksFailed}, timed out {TasksTimedOut}, redelivered {TasksRedelivered}, lost {DeliveriesLost}";
}
