using System;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Worker.Policies;
using LanguageExt;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActivityCore.Worker;

/// <summary>
/// An activity worker: <see cref="WorkerSettings.Pollers"/> to <see cref="WorkerSettings.MaxPollers"/> long polls at once, at most
/// <see cref="WorkerSettings.MaxTasksInFlight"/> tasks and polls in flight, a handler per task, automatic heartbeats,
/// and a graceful shutdown that never drops a task it was given: <see cref="StopAsync"/> stops starting polls, lets
/// the polls in flight finish (never aborts one), lets the tasks in hand finish within the drain timeout and fails the
/// rest with SendTaskFailure (<see cref="WorkerErrorCodes.WorkerStopped"/>).
/// A handler that throws fails its task (the exception's type as error, its text bounded as cause), never the worker.
/// A report the client gave up on after a failure that may heal (a 5xx or throttling storm longer than the client's
/// retries, the endpoint unreachable) is sent again after the poll backoff until it is delivered, the service says the
/// task ended, or the stop's drain is over: the task keeps its slot meanwhile.
/// A reported task frees its slot even if its handler still runs (an orphan: <see cref="OrphanedHandlers"/>, capped by
/// <see cref="WorkerSettings.MaxOrphanedHandlers"/>). An empty poll answered at once is followed by a short pause
/// (200..400 ms after an empty answer within 100 ms). Whether the worker works, and why not, is <see cref="Health"/>.
/// Thread-safe. Also an <see cref="IHostedService"/>. Does not own the <see cref="ActivityClient"/>.
/// </summary>
public sealed partial class ActivityWorker : IAsyncDisposable, IHostedService
{
    // A facade over Pollers (poll loops), TaskRun (one per task), ReportDelivery, WorkerShutdown, TaskSlots and the health trackers.
    private readonly ILogger logger;
    private readonly string name;
    private readonly string endpoint;
    private readonly WorkerShutdown shutdown;
    private readonly HealthTracker health;
    private readonly OrphanTracker orphans;
    private readonly Pollers pollers;
    private readonly Lazy<Task> stop;
    private int disposed;

    private ActivityWorker(
        ActivityClient client,
        WorkerSettings settings,
        Func<ActivityTask, ActivityContext, CancellationToken, Task<Either<TaskFailure, TaskOutput>>> handler,
        ILogger? logger,
        IMeterFactory? meters)
    {
        Settings = settings;
        this.logger = logger ?? NullLogger.Instance;
        name = settings.WorkerName.Match(w => w.Value, () => "-");
        endpoint = $"{client.Endpoint.Host}:{client.Endpoint.Port}";
        orphans = new OrphanTracker(settings.MaxOrphanedHandlers, settings.TimeProvider);
        health = new HealthTracker(settings.TimeProvider);
        shutdown = new WorkerShutdown(settings.DrainTimeout, settings.TimeProvider);
        Telemetry = new WorkerTelemetry(name, meters, shutdown);
        var delivery = new ReportDelivery(client, settings, this.logger, Telemetry, shutdown.DrainOver);
        var context = new TaskRunContext(
            handler, client, settings, this.logger, name, Telemetry, new TaskSlots(settings.MaxTasksInFlight, orphans), shutdown, delivery,
            new HandlerOrphans(orphans, Telemetry, this.logger, name));
        pollers = new Pollers(context, new PollHealth(health, this.logger, name));
        stop = new Lazy<Task>(StopSequenceAsync);
    }

    /// <summary>The checked settings.</summary>
    public WorkerSettings Settings { get; }

    /// <summary>The worker's meter and the names of its instruments.</summary>
    public WorkerTelemetry Telemetry { get; }

    /// <summary>Where the worker is in its life.</summary>
    public WorkerPhase Phase => shutdown.Phase;

    /// <summary>Polls started and not answered yet.</summary>
    public int PollsInFlight => shutdown.PollsInFlight;

    /// <summary>Tasks received and not yet reported.</summary>
    public int TasksInHand => shutdown.TasksInHand;

    /// <summary>Completes when the worker reaches <see cref="WorkerPhase.Stopped"/>.</summary>
    public Task Completion => shutdown.Completion;

    /// <summary>
    /// Handlers still running after their task ended (an orphan: its task was reported by the handler timeout or the
    /// shutdown, or ended on the service's side, and the handler ignores its cancellation token). An orphan holds no
    /// slot. When they reach <see cref="WorkerSettings.MaxOrphanedHandlers"/>, the worker takes no new task until one
    /// returns (<see cref="Health"/> is then <see cref="WorkerHealth.Saturated"/>). Also the gauge
    /// <see cref="WorkerTelemetry.OrphanedHandlers"/>.
    /// </summary>
    public int OrphanedHandlers => orphans.Count;

    /// <summary>
    /// Whether the worker is working and, if not, why, with the last poll failure: readable without a logger.
    /// See <see cref="WorkerHealth"/> for each state. Thread-safe; each read is a snapshot.
    /// </summary>
    public WorkerHealth Health => HealthRules.Compose(shutdown.Phase, health.Polls, orphans.Count, orphans.Cap, orphans.AtCapSince);

#pragma warning disable RS0026 // see ActivityWorker.Typed.cs: the overloads differ in the handler's type, not by optional parameters
    /// <summary>
    /// Whether polling is paused (<see cref="PausePolling"/>). <see cref="Health"/> does not change while paused (it
    /// tells how the last poll went); <see cref="ActivityWorkerHealthCheck"/> reports a paused worker as Degraded.
    /// </summary>
    public bool IsPollingPaused => pollers.IsPaused;

    /// <summary>
    /// Pauses polling (a blue/green switch, maintenance): no new poll starts until <see cref="ResumePolling"/>; the polls
    /// in flight are not aborted (a task one brings is run and reported) and the tasks in hand finish and report as
    /// usual. Allowed before <see cref="StartAsync"/> (the worker then starts paused) and during a stop (which still
    /// completes promptly: a stop never waits for a resume). Idempotent; logs one Information line when it pauses.
    /// </summary>
    public void PausePolling() => pollers.Pause();

    /// <summary>Resumes polling after <see cref="PausePolling"/>. Idempotent; logs one Information line when it resumes.</summary>
    public void ResumePolling() => pollers.Resume();

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
        ArgumentNullException.ThrowIfNull(handler);
        return CreateWithMeterFactory(client, options, (task, _, cancellationToken) => handler(task, cancellationToken), logger, meters: null);
    }

    /// <summary>Creates a worker whose handler also gets the task's <see cref="ActivityContext"/>, or tells which option is out of range.</summary>
    /// <param name="client">The client to call the service with (not owned: dispose it after the worker).</param>
    /// <param name="options">The options.</param>
    /// <param name="handler">Runs one task, as for <see cref="Create(ActivityClient, ActivityWorkerOptions, Func{ActivityTask, CancellationToken, Task{Either{TaskFailure, TaskOutput}}}, ILogger?)"/>; the context tells why the token was cancelled, whether the worker is stopping, and sends a heartbeat on demand.</param>
    /// <param name="logger">Where the worker logs; null for none.</param>
    /// <returns>The worker (not started), or the first option out of range.</returns>
    public static Either<ValidationError, ActivityWorker> Create(
        ActivityClient client,
        ActivityWorkerOptions options,
        Func<ActivityTask, ActivityContext, CancellationToken, Task<Either<TaskFailure, TaskOutput>>> handler,
        ILogger? logger = null) =>
        CreateWithMeterFactory(client, options, handler, logger, meters: null);

    /// <summary>Creates a worker whose meter comes from <paramref name="meters"/> (the container's, when hosted), or a meter of its own.</summary>
    /// <param name="client">The client.</param>
    /// <param name="options">The options.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="logger">Where the worker logs; null for none.</param>
    /// <param name="meters">The meter factory; null for a meter of the worker's own.</param>
    /// <returns>The worker (not started), or the first option out of range.</returns>
    internal static Either<ValidationError, ActivityWorker> CreateWithMeterFactory(
        ActivityClient client,
        ActivityWorkerOptions options,
        Func<ActivityTask, ActivityContext, CancellationToken, Task<Either<TaskFailure, TaskOutput>>> handler,
        ILogger? logger,
        IMeterFactory? meters)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        return WorkerSettings.From(options).Map(s => new ActivityWorker(client, s, handler, logger, meters));
    }
#pragma warning restore RS0026

    /// <summary>Starts the pollers and returns at once. A worker starts once.</summary>
    /// <param name="cancellationToken">Unused: starting does not wait.</param>
    /// <returns>A completed task.</returns>
    /// <exception cref="InvalidOperationException">The worker was started or stopped already.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        shutdown.Start(() =>
        {
            health.OnStarted();
            pollers.Start();
        });
        WorkerLog.Started(logger, name, Settings.Pollers, Settings.MaxPollers, Settings.MaxTasksInFlight, endpoint);
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
        var sequence = stop.Value; // the stop is asked first, then the host's token may hurry it
        using (cancellationToken.Register(static s => ((WorkerShutdown)s!).Hurry(WorkerStopCause.HurriedByHost), shutdown))
        {
            await sequence.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits for the worker's first verdict: <see cref="WorkerHealth.Polling"/> once a poll is answered,
    /// <see cref="WorkerHealth.Misconfigured"/> once a poll fails in a way that will not heal by itself (the worker goes
    /// on polling at its backoff's cap), <see cref="WorkerHealth.Stopping"/>/<see cref="WorkerHealth.Stopped"/> if a stop
    /// comes first; at the <paramref name="timeout"/> (on <see cref="ActivityWorkerOptions.TimeProvider"/>),
    /// <see cref="Health"/> as it is then (<see cref="WorkerHealth.Starting"/>: the first poll is held, up to 60 s against
    /// AWS; or <see cref="WorkerHealth.Degraded"/>). Never throws for a failure or the timeout: a host that must exit on a
    /// bad set-up awaits this after <see cref="StartAsync"/> and checks for <see cref="WorkerHealth.Misconfigured"/>
    /// (its <see cref="WorkerHealth.Misconfigured.LastFailure"/> names the cause). A verdict's log line is written first.
    /// </summary>
    /// <param name="timeout">How long to wait at most; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    /// <returns>The first verdict, or the health at the timeout.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is negative (other than infinite).</exception>
    public async Task<WorkerHealth> WaitForFirstPollAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "must be zero or more, or infinite");
        }

        try
        {
            return await health.FirstVerdict.WaitAsync(timeout, Settings.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Health;
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
        await pollers.WhenDoneAsync().ConfigureAwait(false);
        shutdown.Dispose();
        pollers.Dispose();
        Telemetry.Dispose();
    }

    private async Task StopSequenceAsync()
    {
        var (polls, tasks) = shutdown.RequestStop();
        WorkerLog.Stopping(logger, name, WorkerPhase.ClosingPolls, polls, tasks);
        health.Conclude(Health);
        await pollers.StopStartingAsync().ConfigureAwait(false);
        shutdown.Evaluate();
        await shutdown.Completion.ConfigureAwait(false);
        WorkerLog.Stopped(logger, name);
    }
}
