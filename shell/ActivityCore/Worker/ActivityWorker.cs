using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActivityCore;

/// <summary>
/// An activity worker: <see cref="WorkerSettings.Pollers"/> long polls at once, at most
/// <see cref="WorkerSettings.MaxTasksInFlight"/> tasks and polls in flight, a handler per task, automatic heartbeats,
/// and a graceful shutdown that never drops a task it was given: <see cref="StopAsync"/> stops starting polls, lets
/// the polls in flight finish (never aborts one), lets the tasks in hand finish within the drain timeout and fails the
/// rest with SendTaskFailure (<see cref="WorkerErrorCodes.WorkerStopped"/>). The policy decisions are the core's
/// (<see cref="ShutdownPlan"/>, <see cref="PollBackoff"/>, <see cref="Heartbeats"/>, <see cref="TaskReports"/>).
/// A handler that throws fails its task (the exception's type as error, its text bounded as cause), never the worker.
/// A report the client gave up on after a failure that may heal (a 5xx or throttling storm longer than the client's
/// retries, the endpoint unreachable) is sent again after the poll backoff until it is delivered, the service says the
/// task ended, or the stop's drain is over (<see cref="TaskReports.ResendAfter"/>): the task keeps its slot meanwhile.
/// A reported task frees its slot even if its handler still runs (an orphan: <see cref="OrphanedHandlers"/>, capped by
/// <see cref="WorkerSettings.MaxOrphanedHandlers"/>). An empty poll answered at once is followed by a short pause
/// (200..400 ms after an empty answer within 100 ms). Whether the worker works, and why not, is <see cref="Health"/>.
/// Thread-safe. Also an <see cref="IHostedService"/>. Does not own the <see cref="ActivityClient"/>.
/// </summary>
public sealed partial class ActivityWorker : IAsyncDisposable, IHostedService
{
    private readonly ActivityClient client;
    private readonly Func<ActivityTask, CancellationToken, Task<Either<TaskFailure, TaskOutput>>> handler;
    private readonly ILogger logger;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim slots;
    private readonly CancellationTokenSource stopPolling = new();
    private readonly CancellationTokenSource resendsOver = new();
    private readonly object gate = new();
    private readonly System.Collections.Generic.HashSet<InFlightTask> inHand = [];
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string name;
    private readonly string endpoint;
    private WorkerPhase phase = WorkerPhase.Created;
    private int pollsInFlight;
    private Option<WorkerStopCause> stopCause;
    private ITimer? drainTimer;
    private readonly List<Task> lateReports = [];
    private Task[] pollers = [];
    private Task? stopping;
    private int disposed;
    private readonly OrphanTracker orphans;
    private readonly HealthTracker health;

    private ActivityWorker(
        ActivityClient client,
        WorkerSettings settings,
        Func<ActivityTask, CancellationToken, Task<Either<TaskFailure, TaskOutput>>> handler,
        ILogger? logger)
    {
        this.client = client;
        Settings = settings;
        this.handler = handler;
        this.logger = logger ?? NullLogger.Instance;
        time = settings.TimeProvider;
        name = settings.WorkerName.Match(w => w.Value, () => "-");
        endpoint = $"{client.Endpoint.Host}:{client.Endpoint.Port}";
        slots = new SemaphoreSlim(settings.MaxTasksInFlight, settings.MaxTasksInFlight);
        Telemetry = new WorkerTelemetry(name);
        orphans = new OrphanTracker(settings.MaxOrphanedHandlers, time);
        health = new HealthTracker(time);
    }

    /// <summary>The checked settings.</summary>
    public WorkerSettings Settings { get; }

    /// <summary>The worker's meter and the names of its instruments.</summary>
    public WorkerTelemetry Telemetry { get; }

    /// <summary>Where the worker is in its life.</summary>
    public WorkerPhase Phase
    {
        get
        {
            lock (gate)
            {
                return phase;
            }
        }
    }

    /// <summary>Polls started and not answered yet.</summary>
    public int PollsInFlight => Volatile.Read(ref pollsInFlight);

    /// <summary>Tasks received and not yet reported.</summary>
    public int TasksInHand
    {
        get
        {
            lock (gate)
            {
                return inHand.Count;
            }
        }
    }

    /// <summary>Completes when the worker reaches <see cref="WorkerPhase.Stopped"/>.</summary>
    public Task Completion => stopped.Task;

    /// <summary>Creates a worker, or tells which option is out of range (<see cref="ActivityWorkerOptions"/> documents each).</summary>
    /// <param name="client">The client to call the service with (not owned: dispose it after the worker).</param>
    /// <param name="options">The options.</param>
    /// <param name="handler">Runs one task: <c>Right(output)</c> is reported with SendTaskSuccess, <c>Left(failure)</c> with SendTaskFailure; an exception fails the task. The token is cancelled by the handler timeout, by a heartbeat that says the task ended, and at the end of the drain.</param>
    /// <param name="logger">Where the worker logs; null for none.</param>
    /// <returns>The worker (not started), or the first option out of range.</returns>
    public static Either<ValidationError, ActivityWorker> Create(
        ActivityClient client,
        ActivityWorkerOptions options,
        Func<ActivityTask, CancellationToken, Task<Either<TaskFailure, TaskOutput>>> handler,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        return WorkerSettings.From(options).Map(s => new ActivityWorker(client, s, handler, logger));
    }

    /// <summary>Starts the pollers and returns at once. A worker starts once.</summary>
    /// <param name="cancellationToken">Unused: starting does not wait.</param>
    /// <returns>A completed task.</returns>
    /// <exception cref="InvalidOperationException">The worker was started or stopped already.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (phase != WorkerPhase.Created)
            {
                throw new InvalidOperationException($"The worker cannot start: it is {phase}.");
            }

            phase = WorkerPhase.Running;
            health.OnStarted();
            pollers = Enumerable.Range(0, Settings.Pollers).Select(i => Task.Run(() => PollLoopAsync(i))).ToArray();
        }

        WorkerLog.Started(logger, name, Settings.Pollers, Settings.MaxTasksInFlight, endpoint);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops gracefully and returns once every task received has been reported: no poll is started any more, the polls
    /// in flight finish (never aborted), the tasks in hand get the drain timeout, the rest are failed with
    /// <see cref="WorkerErrorCodes.WorkerStopped"/>. When <paramref name="cancellationToken"/> fires (the host's
    /// shutdown timeout), the worker hurries: it stops waiting for the polls in flight and fails the tasks in hand at
    /// once; a task a poll still in flight brings later is failed at once too. Idempotent; every call awaits the same stop.
    /// </summary>
    /// <param name="cancellationToken">Makes the stop hurry (it still reports every task; it never throws for it).</param>
    /// <returns>When stopped.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        Task sequence;
        lock (gate)
        {
            stopping ??= StopSequenceAsync();
            sequence = stopping;
        }

        using (cancellationToken.Register(static s => ((ActivityWorker)s!).Hurry(WorkerStopCause.HurriedByHost), this))
        {
            await sequence.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops gracefully (<see cref="StopAsync"/>), waits for the pollers (after a hurried stop, a poll still in flight may
    /// take up to the poll timeout) and for the failures of the tasks they brought, then frees the worker's resources.
    /// </summary>
    /// <returns>When done.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        await Task.WhenAll(pollers).ConfigureAwait(false);
        Task[] late;
        lock (gate)
        {
            late = [.. lateReports];
        }

        await Task.WhenAll(late).ConfigureAwait(false);
        drainTimer?.Dispose();
        stopPolling.Dispose();
        resendsOver.Dispose();
        Telemetry.Dispose();
    }

    private async Task StopSequenceAsync()
    {
        int polls;
        int tasks;
        lock (gate)
        {
            phase = ShutdownPlan.OnStopRequested(phase);
            polls = pollsInFlight;
            tasks = inHand.Count;
        }

        WorkerLog.Stopping(logger, name, WorkerPhase.ClosingPolls, polls, tasks);
        health.Conclude(Health);
        await stopPolling.CancelAsync().ConfigureAwait(false);
        Evaluate();
        await stopped.Task.ConfigureAwait(false);
        WorkerLog.Stopped(logger, name);
    }

    /// <summary>The drain is over, for the first cause that came (<see cref="ShutdownPlan.StopCause"/>): the tasks still in hand are failed.</summary>
    private void Hurry(WorkerStopCause cause)
    {
        lock (gate)
        {
            EndDrain(cause);
        }

        Evaluate();
    }

    /// <summary>The drain is over: reports that keep failing are not sent again (their tasks are left to their timeouts). Idempotent.</summary>
    private void GiveUpResends()
    {
        try
        {
            // Outside the gate: the cancellation runs the waiting reports' continuations, which take it.
            resendsOver.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // disposed: nothing waits any more
        }
    }

    /// <summary>Moves the phase on as <see cref="ShutdownPlan.Next"/> says, and acts on the phases entered.</summary>
    private void Evaluate()
    {
        List<InFlightTask>? toFail = null;
        bool drainOver;
        lock (gate)
        {
            for (var next = ShutdownPlan.Next(phase, pollsInFlight, inHand.Count, drainExpired: stopCause.IsSome);
                 next != phase;
                 next = ShutdownPlan.Next(phase, pollsInFlight, inHand.Count, drainExpired: stopCause.IsSome))
            {
                phase = next;
                switch (phase)
                {
                    case WorkerPhase.Draining when Settings.DrainTimeout == TimeSpan.Zero:
                        EndDrain(WorkerStopCause.DrainTimeoutExpired);
                        break;
                    case WorkerPhase.Draining:
                        drainTimer = time.CreateTimer(static s => ((ActivityWorker)s!).Hurry(WorkerStopCause.DrainTimeoutExpired), this, Settings.DrainTimeout, Timeout.InfiniteTimeSpan);
                        break;
                    case WorkerPhase.FailingRemaining:
                        toFail = [.. inHand];
                        break;
                    case WorkerPhase.Stopped:
                        stopped.TrySetResult();
                        break;
                    default:
                        break;
                }
            }

            drainOver = stopCause.IsSome;
        }

        if (drainOver)
        {
            GiveUpResends();
        }

        if (toFail is not null)
        {
            var failure = StoppedFailure();
            foreach (var task in toFail)
            {
                _ = SettleAsync(task, failure, cancelHandler: true);
            }
        }
    }

    /// <summary>Under the gate: the drain ends (the stop cause is set), for the first cause that came.</summary>
    private void EndDrain(WorkerStopCause cause)
    {
        stopCause = ShutdownPlan.StopCause(stopCause, cause);
    }

    /// <summary>The failure of a task the stop fails, with the cause of the drain's end.</summary>
    private TaskFailure StoppedFailure()
    {
        WorkerStopCause cause;
        lock (gate)
        {
            cause = stopCause.IfNone(WorkerStopCause.DrainTimeoutExpired);
        }

        return TaskReports.WorkerStopped(cause, Settings.DrainTimeout);
    }
}
