using System;

namespace ActivityCore.Worker;

/// <summary>
/// The settings of an <see cref="ActivityWorker"/>. Each property documents its range and default;
/// <c>ActivityWorker.Create</c> checks them (<see cref="WorkerSettings.From"/>) and answers a
/// <see cref="ValidationError"/> for the first one out of range. A plain mutable settings bag, bindable from
/// configuration (<c>AddActivityWorker</c>): not thread-safe, read once when the worker is created.
/// </summary>
public sealed class ActivityWorkerOptions
{
    /// <summary>The default drain timeout: 30 s.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = WorkerOptionLimits.DefaultDrainTimeout;

    /// <summary>The default cap on orphaned handlers (<see cref="MaxOrphanedHandlers"/>): 16.</summary>
    public const int DefaultMaxOrphanedHandlers = WorkerOptionLimits.DefaultMaxOrphanedHandlers;

    /// <summary>The default heartbeat interval: 30 s.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = WorkerOptionLimits.DefaultHeartbeatInterval;

    /// <summary>The activity to poll, <c>arn:&lt;partition&gt;:states:&lt;region&gt;:&lt;account&gt;:activity:&lt;name&gt;</c>. Required.</summary>
    public string? ActivityArn { get; set; }

    /// <summary>The worker's name in the execution history, 1..80 characters. Default none (the service records none).</summary>
    public string? WorkerName { get; set; }

    /// <summary>
    /// How many long polls run at once: 1..1,000 (<see cref="WorkerOptionLimits.MinPollers"/>..<see cref="WorkerOptionLimits.MaxPollers"/>),
    /// default 4 (<see cref="WorkerOptionLimits.DefaultPollers"/>). Never more than <see cref="MaxTasksInFlight"/> are used.
    /// With autoscaling (<see cref="MaxPollers"/> above it, the default), the fewest: the pollers an idle worker keeps.
    /// </summary>
    public int Pollers { get; set; } = WorkerOptionLimits.DefaultPollers;

    /// <summary>
    /// Poller autoscaling: the most long polls run at once, 1..1,000 (<see cref="WorkerOptionLimits.MinPollers"/>..<see cref="WorkerOptionLimits.MaxPollers"/>),
    /// default 64 (<see cref="WorkerOptionLimits.DefaultMaxPollers"/>); null, or a value at or below <see cref="Pollers"/>,
    /// for a fixed count of <see cref="Pollers"/>. The worker starts <see cref="Pollers"/> polls, adds a poller for each
    /// poll that brings a task (so the pollers double with each round of polls under a backlog), and removes one for each
    /// poll that comes back empty or fails, down to <see cref="Pollers"/>. Never more than <see cref="MaxTasksInFlight"/>
    /// are used (with the defaults, 4..16 pollers), and the polls in flight never exceed the slots free of tasks.
    /// </summary>
    public int? MaxPollers { get; set; } = WorkerOptionLimits.DefaultMaxPollers;

    /// <summary>
    /// The bound on tasks in flight, polls in flight included (a poll holds a slot it hands to the task it brings):
    /// 1..100,000 (<see cref="WorkerOptionLimits.MinMaxTasksInFlight"/>..<see cref="WorkerOptionLimits.MaxMaxTasksInFlight"/>), default 16
    /// (<see cref="WorkerOptionLimits.DefaultMaxTasksInFlight"/>). No poll is started while the bound is reached, so a worker never holds more tasks than this.
    /// A task's slot is free once the task is reported, even if its handler still runs (handlers that outlive their
    /// task are bounded by <see cref="MaxOrphanedHandlers"/>).
    /// </summary>
    public int MaxTasksInFlight { get; set; } = WorkerOptionLimits.DefaultMaxTasksInFlight;

    /// <summary>
    /// The interval between heartbeats of a running task: 100 ms..1 day (<see cref="WorkerOptionLimits.MinHeartbeatInterval"/>..<see cref="WorkerOptionLimits.MaxHeartbeatInterval"/>),
    /// default 30 s (<see cref="DefaultHeartbeatInterval"/>); null for none. Pick it well
    /// below the state's <c>HeartbeatSeconds</c>. A heartbeat answered <c>TaskTimedOut</c>/<c>TaskDoesNotExist</c>
    /// cancels the task's handler and nothing is reported.
    /// </summary>
    public TimeSpan? HeartbeatInterval { get; set; } = DefaultHeartbeatInterval;

    /// <summary>
    /// How long a handler may run: 1 ms..7 days (<see cref="WorkerOptionLimits.MinHandlerTimeout"/>..<see cref="WorkerOptionLimits.MaxHandlerTimeout"/>);
    /// null (the default) for no limit. At the limit the handler's token is
    /// cancelled and the task is failed with <see cref="WorkerErrorCodes.HandlerTimeout"/> at once.
    /// </summary>
    public TimeSpan? HandlerTimeout { get; set; }

    /// <summary>
    /// The cap on orphaned handlers: 1..100,000 (<see cref="WorkerOptionLimits.MinMaxOrphanedHandlers"/>..<see cref="WorkerOptionLimits.MaxMaxOrphanedHandlers"/>),
    /// default 16 (<see cref="DefaultMaxOrphanedHandlers"/>). A handler still running after its task ended (failed by the
    /// handler timeout or the shutdown, or ended on the service's side) is an orphan: it ignores its cancellation token.
    /// Its task's slot is free all the same. When the orphans reach the cap, the worker takes no new task (starts no
    /// poll) until one of them returns, logs it at Error, and says so in <see cref="ActivityWorker.Health"/>
    /// (<see cref="WorkerHealth.Saturated"/>), so such handlers never pile up without bound.
    /// </summary>
    public int MaxOrphanedHandlers { get; set; } = DefaultMaxOrphanedHandlers;

    /// <summary>
    /// How long a stopping worker lets the tasks in hand finish once no poll is in flight: 0..1 hour
    /// (<see cref="WorkerOptionLimits.MinDrainTimeout"/>..<see cref="WorkerOptionLimits.MaxDrainTimeout"/>), default 30 s (<see cref="DefaultDrainTimeout"/>).
    /// Then the handlers' tokens are cancelled and the tasks left are failed with <see cref="WorkerErrorCodes.WorkerStopped"/>.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = DefaultDrainTimeout;

    /// <summary>
    /// The base of the backoff after a failed poll: 0..20 s (<see cref="WorkerOptionLimits.MinPollBackoffBase"/>..<see cref="WorkerOptionLimits.MaxPollBackoffBase"/>),
    /// default 1 s (<see cref="WorkerOptionLimits.DefaultPollBackoffBase"/>) (delay <c>random(0,1) * min(base * 2^(n-1), max)</c>
    /// after <c>n</c> failures in a row). The same backoff paces a report sent again after the client gave up on it
    /// after a failure that may heal (throttling, transient errors).
    /// </summary>
    public TimeSpan PollBackoffBase { get; set; } = WorkerOptionLimits.DefaultPollBackoffBase;

    /// <summary>
    /// The cap of the backoff after a failed poll: <see cref="PollBackoffBase"/>..5 min (<see cref="WorkerOptionLimits.MaxPollBackoffMax"/>),
    /// default 20 s (<see cref="WorkerOptionLimits.DefaultPollBackoffMax"/>). A failure that will
    /// not heal by itself (a configuration error such as no credentials, a wrong secret or <c>ActivityDoesNotExist</c>,
    /// or a rejection such as <c>AccessDeniedException</c>) waits the whole cap at once, and the worker reports it in
    /// <see cref="ActivityWorker.Health"/> (<see cref="WorkerHealth.Misconfigured"/>) while it keeps trying.
    /// </summary>
    public TimeSpan PollBackoffMax { get; set; } = WorkerOptionLimits.DefaultPollBackoffMax;

    /// <summary>The clock (heartbeats, timeouts, backoff, durations). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The source of randomness for the jitter: returns a number in [0, 1) (values outside are clamped, NaN counts as 0).
    /// The worker draws one for each pause after an empty poll answered at once (200 ms + the number * 200 ms), each
    /// backoff after a failed poll that may heal (the number * <c>min(</c><see cref="PollBackoffBase"/><c> * 2^(n-1), </c><see cref="PollBackoffMax"/><c>)</c>
    /// after <c>n</c> failures in a row) and each report sent again. Default <see cref="DefaultRandomizer.NextDouble"/>
    /// (the thread-safe shared generator). Tests may pin it: <c>() =&gt; 0.5</c> gives exactly half of each backoff.
    /// Called from several threads at once. Required.
    /// </summary>
    public Func<double> Randomizer { get; set; } = DefaultRandomizer.NextDouble;
}
