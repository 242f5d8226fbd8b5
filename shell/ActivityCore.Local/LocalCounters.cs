using System.Threading;

namespace ActivityCore.Local;

/// <summary>
/// What a <see cref="LocalStepFunctions"/> endpoint has done since it started. Thread-safe; each
/// property is read atomically (the set of them is not one snapshot).
/// </summary>
public sealed class LocalCounters
{
    private long pollsServed;
    private long pollsAnsweredEmpty;
    private long tasksDispatched;
    private long tasksCompleted;
    private long tasksFailed;
    private long tasksTimedOut;
    private long tasksRedelivered;
    private long deliveriesLost;

    /// <summary><c>GetActivityTask</c> calls answered 200 (with a task or empty).</summary>
    public long PollsServed => Interlocked.Read(ref pollsServed);

    /// <summary><c>GetActivityTask</c> calls answered 200 with no task (hold time elapsed, or activity deleted).</summary>
    public long PollsAnsweredEmpty => Interlocked.Read(ref pollsAnsweredEmpty);

    /// <summary>Tasks handed to a poll (each delivery counts; including those whose answer was then lost).</summary>
    public long TasksDispatched => Interlocked.Read(ref tasksDispatched);

    /// <summary>Tasks ended by <c>SendTaskSuccess</c>.</summary>
    public long TasksCompleted => Interlocked.Read(ref tasksCompleted);

    /// <summary>Tasks ended by <c>SendTaskFailure</c>.</summary>
    public long TasksFailed => Interlocked.Read(ref tasksFailed);

    /// <summary>Task or heartbeat timeouts that fired (each delivery counts, redelivered or not).</summary>
    public long TasksTimedOut => Interlocked.Read(ref tasksTimedOut);

    /// <summary>Timed-out tasks queued again because they had deliveries left.</summary>
    public long TasksRedelivered => Interlocked.Read(ref tasksRedelivered);

    /// <summary>
    /// Tasks dispatched to a poll whose answer could not be written (connection dropped, client
    /// gone, injected drop or truncation). Such a task stays in flight until it times out.
    /// </summary>
    public long DeliveriesLost => Interlocked.Read(ref deliveriesLost);

    internal void PollServed(bool empty)
    {
        Interlocked.Increment(ref pollsServed);
        if (empty)
        {
            Interlocked.Increment(ref pollsAnsweredEmpty);
        }
    }

    internal void Dispatched() => Interlocked.Increment(ref tasksDispatched);

    internal void Completed() => Interlocked.Increment(ref tasksCompleted);

    internal void Failed() => Interlocked.Increment(ref tasksFailed);

    internal void TimedOut() => Interlocked.Increment(ref tasksTimedOut);

    internal void Redelivered() => Interlocked.Increment(ref tasksRedelivered);

    internal void DeliveryLost() => Interlocked.Increment(ref deliveriesLost);

    /// <inheritdoc/>
    public override string ToString() =>
        $"polls {PollsServed} (empty {PollsAnsweredEmpty}), dispatched {TasksDispatched}, completed {TasksCompleted}, " +
        $"failed {TasksFailed}, timed out {TasksTimedOut}, redelivered {TasksRedelivered}, lost {DeliveriesLost}";
}
