using System;
using System.Collections.Generic;
using ActivityCore.Local.Protocol;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Service;

/// <summary>
/// The life of the tasks: queued (FIFO per activity), handed to a poll (held FIFO per activity until a task arrives),
/// in flight by token, ended by a report or a timeout, and the task/heartbeat/hold timers (all on the given
/// <see cref="TimeProvider"/>, as <see cref="LongTimer"/>s: any duration holds). Ended tasks and timed-out tokens are
/// remembered up to <paramref name="retainedEnded"/> each (<see cref="TaskIndex"/>, <see cref="InFlightTokens"/>); the tokens
/// of tasks closed by a report answer <paramref name="closedAnswer"/>. A report that carries data (an output, an error or a
/// cause) for a task enqueued with <see cref="LocalTaskOptions.KmsAccessDenied"/> answers <c>KmsAccessDeniedException</c>.
/// Thread-safe: every member locks the shared gate. Whether the activity exists (<paramref name="activityExists"/>, the
/// registry's, on the same gate) is checked under the gate by <see cref="Enqueue"/> and <see cref="Poll"/>: a
/// DeleteActivity removes the activity and then releases its held polls, so no poll can be held, and no task queued,
/// on an activity already deleted.
/// </summary>
internal sealed class TaskBoard(
    object gate, TimeProvider time, LocalCounters counters, TimeSpan holdTime, int maxPollers, int retainedEnded, Func<string, bool> activityExists,
    LocalClosedTaskAnswer closedAnswer = LocalClosedTaskAnswer.TaskDoesNotExist)
    : IDisposable
{
    private readonly ActivityLines<TaskRecord> queues = new();
    private readonly HeldPolls held = new(gate, time, holdTime, maxPollers);
    private readonly InFlightTokens inFlight = new(retainedEnded, closedAnswer);
    private readonly TaskIndex tasks = new(retainedEnded);
    private bool disposed;

    /// <summary>Queues a task (or hands it to a held poll) and returns its handle; none when the activity does not exist.</summary>
    internal Option<LocalTaskHandle> Enqueue(string activityArn, string input, LocalTaskOptions options)
    {
        var record = new TaskRecord(Guid.NewGuid().ToString("N"), activityArn, input, options);
        var handle = new LocalTaskHandle(record.Id, activityArn, record.Outcome.Task) { Record = record };
        record.Handle = handle;
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (!activityExists(activityArn))
            {
                return None;
            }

            this.tasks.Add(record);
            Schedule(record);
        }

        return handle;
    }

    /// <summary>The handle of a task queued, in flight, or among the last ended ones; none otherwise.</summary>
    internal Option<LocalTaskHandle> Find(string id)
    {
        lock (gate)
        {
            return this.tasks.Find(id).Bind(static record => Optional(record.Handle));
        }
    }

    /// <summary>How many tasks are queued, in flight or remembered after their end.</summary>
    internal int Tracked
    {
        get
        {
            lock (gate)
            {
                return this.tasks.Count;
            }
        }
    }

    /// <summary>How many polls of an activity are held now.</summary>
    internal int HeldPolls(string activityArn)
    {
        lock (gate)
        {
            return this.held.Count(activityArn);
        }
    }

    /// <summary>
    /// A poll: its waiter is answered at once with the oldest queued task (or empty, when the board is stopped or holds
    /// no poll), or held (<see cref="HeldPolls"/>). An error when the activity does not exist or holds as many polls as
    /// it may.
    /// </summary>
    internal Either<ServiceError, PollWaiter> Poll(string activityArn)
    {
        var waiter = new PollWaiter(activityArn);
        lock (gate)
        {
            if (disposed)
            {
                return Answered(waiter, None);
            }

            if (!activityExists(activityArn))
            {
                return ServiceError.ActivityDoesNotExist(activityArn);
            }

            return queues.TakeFirst(activityArn).Match(
                Some: queued => Answered(waiter, Dispatch(queued)),
                None: () => this.held.Holds
                    ? this.held.Hold(waiter).ToEither(waiter).Swap()
                    : Answered(waiter, None));
        }
    }

    /// <summary>Answers a held poll empty (hold time elapsed, client gone); does nothing once it has an answer.</summary>
    internal void Release(PollWaiter waiter) => this.held.Release(waiter);

    /// <summary>Answers every held poll of an activity empty (the activity was deleted).</summary>
    internal void ReleaseAll(string activityArn) => this.held.ReleaseAll(activityArn);

    /// <summary>Ends a task in flight as succeeded; the error when the token is not in flight, or its task denies KMS.</summary>
    internal Option<ServiceError> Succeed(string token, string output) =>
        End(token, carriesData: true, record =>
        {
            counters.Completed();
            record.Outcome.TrySetResult(new LocalTaskSucceeded(output));
        });

    /// <summary>Ends a task in flight as failed; the error when the token is not in flight, or its task denies KMS and the failure has an error or a cause.</summary>
    internal Option<ServiceError> Fail(string token, TaskFailure failure) =>
        End(token, carriesData: !failure.IsEmpty, record =>
        {
            counters.Failed();
            record.Outcome.TrySetResult(LocalTaskFailed.Of(failure));
        });

    /// <summary>Restarts the heartbeat timer of a task in flight; the error when the token is not in flight.</summary>
    internal Option<ServiceError> Heartbeat(string token)
    {
        lock (gate)
        {
            return inFlight.Find(token).Match(
                Right: record =>
                {
                    StartHeartbeatTimer(record);
                    return Option<ServiceError>.None;
                },
                Left: static error => Some(error));
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            this.held.ReleaseEvery();
            foreach (var record in this.tasks.All)
            {
                record.StopTimers();
            }
        }
    }

    /// <summary>A poll answered at once.</summary>
    private static Either<ServiceError, PollWaiter> Answered(PollWaiter waiter, Option<Delivery> delivery)
    {
        waiter.Answer.TrySetResult(delivery);
        return waiter;
    }

    private Option<ServiceError> End(string token, bool carriesData, Action<TaskRecord> complete)
    {
        lock (gate)
        {
            // The execution's key encrypts the data a report carries: a task whose key the caller may not use refuses it.
            if (carriesData && inFlight.Find(token).Exists(static record => record.Options.KmsAccessDenied))
            {
                return ServiceError.KmsAccessDenied();
            }

            return inFlight.Take(token).Match(
                Right: record =>
                {
                    record.State = TaskState.Ended;
                    record.Token = null;
                    record.StopTimers();
                    complete(record);
                    this.tasks.Retire(record);
                    return Option<ServiceError>.None;
                },
                Left: static error => Some(error));
        }
    }

    /// <summary>Queues the task, or hands it to the oldest held poll; starts its task timer. Under the gate.</summary>
    private void Schedule(TaskRecord record)
    {
        record.Generation++;
        record.TaskTimer?.Dispose();
        if (record.Options.TaskTimeout is { } timeout)
        {
            var generation = record.Generation;
            record.TaskTimer = LongTimer.Start(time, timeout, () => TimeOut(record, generation, LocalTimeoutKind.Task));
        }

        this.held.Oldest(record.ActivityArn).Match(
            Some: held => Service.HeldPolls.Answer(held, Dispatch(record)),
            None: () =>
            {
                record.State = TaskState.Queued;
                record.QueueNode = queues.Append(record.ActivityArn, record);
            });
    }

    /// <summary>Hands a task out under a new token. Under the gate.</summary>
    private Delivery Dispatch(TaskRecord record)
    {
        var token = TaskTokens.NewToken();
        record.LeaveQueue();
        record.State = TaskState.InFlight;
        record.Token = token;
        record.Deliveries++;
        inFlight.Add(token, record);
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
            if (disposed || record.State == TaskState.Ended || record.Generation != generation
                || (kind == LocalTimeoutKind.Heartbeat && record.HeartbeatGeneration != heartbeat))
            {
                return;
            }

            counters.TimedOut();
            record.HeartbeatTimer?.Dispose();
            record.HeartbeatTimer = null;
            if (record.Token is { } token)
            {
                inFlight.TimeOut(token);
                record.Token = null;
            }

            record.LeaveQueue();

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
            this.tasks.Retire(record);
        }
    }
}
