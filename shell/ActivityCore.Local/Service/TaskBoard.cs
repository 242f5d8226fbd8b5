using System;
using System.Collections.Generic;
using ActivityCore.Local.Protocol;

namespace ActivityCore.Local.Service;

/// <summary>
/// The tasks and the held polls: FIFO queues and FIFO waiters per activity, the tasks in flight by
/// token, the tasks by id, the timed-out tokens, and the task/heartbeat/hold timers (all on the given
/// <see cref="TimeProvider"/>, as <see cref="LongTimer"/>s: any duration holds). Ended tasks and timed-out tokens are remembered up to
/// <paramref name="retainedEnded"/> each (the oldest are forgotten first), so that a long-running
/// endpoint does not grow with every task it ever ran. Thread-safe: every member locks the shared gate.
/// Whether the activity exists (<paramref name="activityExists"/>, the registry's, on the same gate) is checked under
/// the gate by <see cref="Enqueue"/> and <see cref="Poll"/>: a DeleteActivity removes the activity and then releases its
/// held polls, so no poll can be held, and no task queued, on an activity already deleted.
/// </summary>
internal sealed class TaskBoard(object gate, TimeProvider time, LocalCounters counters, TimeSpan holdTime, int maxPollers, int retainedEnded, Func<string, bool> activityExists) : IDisposable
{
    private readonly Dictionary<string, LinkedList<TaskRecord>> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkedList<PollWaiter>> _waiters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskRecord> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _timedOutTokens = new(StringComparer.Ordinal);
    private readonly Queue<string> _timedOutOrder = new();
    private readonly Dictionary<string, TaskRecord> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();
    private bool _disposed;

    /// <summary>Queues a task (or hands it to a held poll) and returns its handle; null when the activity does not exist.</summary>
    internal LocalTaskHandle? Enqueue(string activityArn, string input, LocalTaskOptions options)
    {
        var record = new TaskRecord(Guid.NewGuid().ToString("N"), activityArn, input, options);
        var handle = new LocalTaskHandle(record.Id, activityArn, record.Outcome.Task) { Record = record };
        record.Handle = handle;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!activityExists(activityArn))
            {
                return null;
            }

            _byId.Add(record.Id, record);
            Schedule(record);
        }

        return handle;
    }

    /// <summary>The handle of a task queued, in flight, or among the last ended ones; null otherwise.</summary>
    internal LocalTaskHandle? Find(string id)
    {
        lock (gate)
        {
            return _byId.TryGetValue(id, out var record) ? record.Handle : null;
        }
    }

    /// <summary>How many tasks are queued, in flight or remembered after their end.</summary>
    internal int Tracked
    {
        get
        {
            lock (gate)
            {
                return _byId.Count;
            }
        }
    }

    /// <summary>How many polls of an activity are held now.</summary>
    internal int HeldPolls(string activityArn)
    {
        lock (gate)
        {
            return _waiters.TryGetValue(activityArn, out var waiters) ? waiters.Count : 0;
        }
    }

    /// <summary>
    /// Answers at once with the oldest queued task, or holds a waiter until a task arrives, the hold
    /// time elapses or <see cref="Release"/> is called.
    /// </summary>
    internal ServiceError? Poll(string activityArn, out PollWaiter waiter)
    {
        waiter = new PollWaiter(activityArn);
        lock (gate)
        {
            if (_disposed)
            {
                waiter.Answer.TrySetResult(null);
                return null;
            }

            if (!activityExists(activityArn))
            {
                return ServiceError.ActivityDoesNotExist(activityArn);
            }

            if (_queues.TryGetValue(activityArn, out var queue) && queue.First is { } first)
            {
                queue.RemoveFirst();
                first.Value.QueueNode = null;
                waiter.Answer.TrySetResult(Dispatch(first.Value));
                return null;
            }

            if (holdTime <= TimeSpan.Zero)
            {
                waiter.Answer.TrySetResult(null);
                return null;
            }

            var waiters = ListOf(_waiters, activityArn);
            if (waiters.Count >= maxPollers)
            {
                return ServiceError.Client("ActivityWorkerLimitExceeded", "Activity worker limit exceeded: " + activityArn);
            }

            waiter.Node = waiters.AddLast(waiter);
            var held = waiter;
            waiter.HoldTimer = LongTimer.Start(time, holdTime, () => Release(held));
            return null;
        }
    }

    /// <summary>Answers a held poll empty (hold time elapsed, client gone); does nothing once it has an answer.</summary>
    internal void Release(PollWaiter waiter)
    {
        lock (gate)
        {
            Answer(waiter, null);
        }
    }

    /// <summary>Takes a held poll out of its list, stops its hold timer and answers it (null: empty). Under the lock.</summary>
    private static void Answer(PollWaiter waiter, Delivery? delivery)
    {
        if (waiter.Node is { } node)
        {
            node.List?.Remove(node);
            waiter.Node = null;
        }

        waiter.HoldTimer?.Dispose();
        waiter.Answer.TrySetResult(delivery);
    }

    /// <summary>Answers every held poll of an activity empty (the activity was deleted).</summary>
    internal void ReleaseAll(string activityArn)
    {
        lock (gate)
        {
            if (_waiters.Remove(activityArn, out var waiters))
            {
                while (waiters.First is { } node)
                {
                    Answer(node.Value, null);
                }
            }
        }
    }

    internal ServiceError? Succeed(string token, string output) =>
        End(token, record =>
        {
            counters.Completed();
            record.Outcome.TrySetResult(new LocalTaskSucceeded(output));
        });

    internal ServiceError? Fail(string token, string? error, string? cause) =>
        End(token, record =>
        {
            counters.Failed();
            record.Outcome.TrySetResult(new LocalTaskFailed(error, cause));
        });

    internal ServiceError? Heartbeat(string token)
    {
        lock (gate)
        {
            if (!_inFlight.TryGetValue(token, out var record))
            {
                return Unknown(token);
            }

            StartHeartbeatTimer(record);
            return null;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            _disposed = true;
            foreach (var waiters in _waiters.Values)
            {
                while (waiters.First is { } node)
                {
                    Answer(node.Value, null);
                }
            }

            _waiters.Clear();
            foreach (var record in _byId.Values)
            {
                record.TaskTimer?.Dispose();
                record.HeartbeatTimer?.Dispose();
            }
        }
    }

    private ServiceError? End(string token, Action<TaskRecord> complete)
    {
        lock (gate)
        {
            if (!_inFlight.Remove(token, out var record))
            {
                return Unknown(token);
            }

            record.State = TaskState.Ended;
            record.Token = null;
            record.TaskTimer?.Dispose();
            record.HeartbeatTimer?.Dispose();
            complete(record);
            Retire(record);
            return null;
        }
    }

    /// <summary>Remembers an ended task among the last <c>retainedEnded</c> ones, forgetting the oldest beyond. Under the lock.</summary>
    private void Retire(TaskRecord record)
    {
        _endedOrder.Enqueue(record.Id);
        while (_endedOrder.Count > retainedEnded)
        {
            _byId.Remove(_endedOrder.Dequeue());
        }
    }

    /// <summary>Remembers a timed-out token among the last <c>retainedEnded</c> ones (older ones answer TaskDoesNotExist). Under the lock.</summary>
    private void RememberTimedOut(string token)
    {
        if (_timedOutTokens.Add(token))
        {
            _timedOutOrder.Enqueue(token);
        }

        while (_timedOutOrder.Count > retainedEnded)
        {
            _timedOutTokens.Remove(_timedOutOrder.Dequeue());
        }
    }

    private ServiceError Unknown(string token) =>
        _timedOutTokens.Contains(token) ? ServiceError.TaskTimedOut() : ServiceError.TaskDoesNotExist();

    /// <summary>Queues the task, or hands it to the oldest held poll; starts its task timer.</summary>
    private void Schedule(TaskRecord record)
    {
        record.Generation++;
        record.TaskTimer?.Dispose();
        if (record.Options.TaskTimeout is { } timeout)
        {
            var generation = record.Generation;
            record.TaskTimer = LongTimer.Start(time, timeout, () => TimeOut(record, generation, LocalTimeoutKind.Task));
        }

        if (_waiters.TryGetValue(record.ActivityArn, out var waiters) && waiters.First is { } first)
        {
            Answer(first.Value, Dispatch(record));
            return;
        }

        record.State = TaskState.Queued;
        record.QueueNode = ListOf(_queues, record.ActivityArn).AddLast(record);
    }

    private Delivery Dispatch(TaskRecord record)
    {
        var token = TaskTokens.NewToken();
        record.State = TaskState.InFlight;
        record.Token = token;
        record.Deliveries++;
        _inFlight.Add(token, record);
        counters.Dispatched();
        StartHeartbeatTimer(record);
        return new Delivery(record, token);
    }

    private void StartHeartbeatTimer(TaskRecord record)
    {
        record.HeartbeatTimer?.Dispose();
        if (record.Options.HeartbeatTimeout is { } timeout)
        {
            var generation = record.Generation;
            var heartbeat = ++record.HeartbeatGeneration;
            record.HeartbeatTimer = LongTimer.Start(time, timeout, () => TimeOut(record, generation, LocalTimeoutKind.Heartbeat, heartbeat));
        }
    }

    private void TimeOut(TaskRecord record, long generation, LocalTimeoutKind kind, long heartbeat = 0)
    {
        lock (gate)
        {
            // A heartbeat restarts the timer; a callback of the timer it replaced may already be waiting for the lock.
            if (_disposed || record.State == TaskState.Ended || record.Generation != generation
                || (kind == LocalTimeoutKind.Heartbeat && record.HeartbeatGeneration != heartbeat))
            {
                return;
            }

            counters.TimedOut();
            record.HeartbeatTimer?.Dispose();
            record.HeartbeatTimer = null;
            if (record.Token is { } token)
            {
                _inFlight.Remove(token);
                RememberTimedOut(token);
                record.Token = null;
            }

            if (record.QueueNode is { } node)
            {
                node.List?.Remove(node);
                record.QueueNode = null;
            }

            if (record.Attempts < record.Options.MaxAttempts)
            {
                record.Attempts++;
                counters.Redelivered();
                Schedule(record);
                return;
            }

            record.State = TaskState.Ended;
            record.TaskTimer?.Dispose();
            record.Outcome.TrySetResult(new LocalTaskTimedOut(kind));
            Retire(record);
        }
    }

    private static LinkedList<T> ListOf<T>(Dictionary<string, LinkedList<T>> lists, string key)
    {
        if (!lists.TryGetValue(key, out var list))
        {
            list = new LinkedList<T>();
            lists.Add(key, list);
        }

        return list;
    }
}
