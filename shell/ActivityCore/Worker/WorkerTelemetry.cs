using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ActivityCore.Operations;
using ActivityCore.Worker.Policies;

namespace ActivityCore.Worker;

/// <summary>
/// The worker's traces and metrics. Trace source <see cref="ActivitySourceName"/>: one span per task, by OpenTelemetry's
/// messaging conventions (name <c>process {activity name}</c>, kind Consumer; docs/telemetry.md lists its attributes); the
/// client's calls for a task (heartbeats, report) are its children (<see cref="ClientTelemetry"/>). Meter
/// <see cref="MeterName"/>, one per worker (from the container's <see cref="IMeterFactory"/> when the worker is hosted
/// with <see cref="ActivityWorkerServiceCollectionExtensions"/> and one is registered), with the instruments named by the
/// constants below, each measurement tagged <c>activitycore.worker</c> with the worker's name (or <c>-</c>).
/// </summary>
public sealed class WorkerTelemetry : IDisposable
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: <c>ActivityCore.Worker</c>.</summary>
    public const string ActivitySourceName = "ActivityCore.Worker";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>ActivityCore.Worker</c>.</summary>
    public const string MeterName = "ActivityCore.Worker";

    /// <summary>Counter: GetActivityTask calls answered (with a task or empty).</summary>
    public const string Polls = "activitycore.worker.polls";

    /// <summary>Counter: polls answered without a task.</summary>
    public const string EmptyPolls = "activitycore.worker.polls.empty";

    /// <summary>Counter: polls that failed (after the client's retries); the worker backs off.</summary>
    public const string FailedPolls = "activitycore.worker.polls.failed";

    /// <summary>Counter: tasks received and started.</summary>
    public const string TasksStarted = "activitycore.worker.tasks.started";

    /// <summary>Counter: tasks reported with SendTaskSuccess.</summary>
    public const string TasksSucceeded = "activitycore.worker.tasks.succeeded";

    /// <summary>Counter: tasks reported with SendTaskFailure (handler failures, exceptions, timeouts, shutdown).</summary>
    public const string TasksFailed = "activitycore.worker.tasks.failed";

    /// <summary>Counter: tasks whose report could not be delivered, or that ended on the service's side first.</summary>
    public const string TasksAbandoned = "activitycore.worker.tasks.abandoned";

    /// <summary>Counter: reports (SendTaskSuccess, SendTaskFailure) sent again after the client gave up on them after a failure that may heal.</summary>
    public const string ReportsResent = "activitycore.worker.reports.resent";

    /// <summary>
    /// Counter: reports sent more than once whose last answer was <c>TaskTimedOut</c> or <c>TaskDoesNotExist</c>: most likely
    /// applied by an earlier attempt whose answer was lost, and counted as delivered (succeeded or failed).
    /// </summary>
    public const string ReportsPresumedDelivered = "activitycore.worker.reports.presumed_delivered";

    /// <summary>
    /// Counter: reports answered <c>KmsAccessDeniedException</c>, after which the task was failed with a SendTaskFailure
    /// without error and cause (which needs no KMS permission).
    /// </summary>
    public const string KmsFallbacks = "activitycore.worker.reports.kms_fallback";

    /// <summary>Counter: heartbeats that failed.</summary>
    public const string HeartbeatFailures = "activitycore.worker.heartbeats.failed";

    /// <summary>
    /// Up-down counter (a gauge): handlers still running after their task ended, orphans
    /// (<see cref="ActivityWorker.OrphanedHandlers"/>); +1 when a task ends with its handler running, -1 when that handler returns.
    /// </summary>
    public const string OrphanedHandlers = "activitycore.worker.handlers.orphaned";

    /// <summary>Histogram, seconds: how long handlers ran.</summary>
    public const string HandlerDuration = "activitycore.worker.handler.duration";

    /// <summary>
    /// Asynchronous up-down counter: tasks received and not yet reported (<see cref="ActivityWorker.TasksInHand"/>), read
    /// when the metrics are collected. An up-down counter, not a gauge, by the OpenTelemetry conventions: the counts of
    /// several workers add up.
    /// </summary>
    public const string TasksInFlight = "activitycore.worker.tasks.in_flight";

    /// <summary>Asynchronous up-down counter: polls started and not answered yet (<see cref="ActivityWorker.PollsInFlight"/>), read when the metrics are collected.</summary>
    public const string PollsInFlight = "activitycore.worker.polls.in_flight";

    /// <summary>The task span's <c>messaging.system</c>: <c>aws_step_functions</c> (the conventions name no value for Step Functions; this one is shaped like their <c>aws_sqs</c>).</summary>
    public const string MessagingSystem = "aws_step_functions";

    /// <summary>The task span's <c>messaging.operation.type</c> and <c>messaging.operation.name</c>, and the first word of its name: <c>process</c>.</summary>
    public const string ProcessOperation = "process";

    /// <summary>The task span's <c>error.type</c> when the task ended on the service's side before its report (a heartbeat said so): <c>task_ended</c>.</summary>
    public const string TaskEndedError = "task_ended";

    /// <summary>The task span's <c>error.type</c> for a failure reported without an error name: <c>_OTHER</c>, the conventions' fallback.</summary>
    public const string OtherError = "_OTHER";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    private readonly bool ownsMeter;

    private readonly KeyValuePair<string, object?> tag;
    private readonly Counter<long> polls;
    private readonly Counter<long> emptyPolls;
    private readonly Counter<long> failedPolls;
    private readonly Counter<long> started;
    private readonly Counter<long> succeeded;
    private readonly Counter<long> failed;
    private readonly Counter<long> abandoned;
    private readonly Counter<long> resent;
    private readonly Counter<long> heartbeatFailures;
    private readonly Counter<long> presumedDelivered;
    private readonly Counter<long> kmsFallbacks;
    private readonly Histogram<double> duration;
    private readonly UpDownCounter<long> orphaned;

    /// <summary>Creates the worker's instruments on a meter of its own, or on one of the factory's (the factory owns it then).</summary>
    /// <param name="workerName">The worker's name, or <c>-</c>: the tag of every measurement, and of the meter.</param>
    /// <param name="meters">The container's meter factory, or null for a meter of the worker's own.</param>
    /// <param name="counts">The worker's counts of polls and tasks in flight, read by the asynchronous instruments.</param>
    internal WorkerTelemetry(string workerName, IMeterFactory? meters, IWorkerCounts counts)
    {
        tag = new KeyValuePair<string, object?>("activitycore.worker", workerName);

        // Tagged with the worker's name: a factory shares a meter between the callers that ask for the same name and
        // tags, so two workers of one container with different names get a meter each.
        var options = new MeterOptions(MeterName) { Tags = [tag] };
        ownsMeter = meters is null;
        Meter = meters is null ? new Meter(options) : meters.Create(options);
        polls = Meter.CreateCounter<long>(Polls, "{poll}", "GetActivityTask calls answered");
        emptyPolls = Meter.CreateCounter<long>(EmptyPolls, "{poll}", "Polls answered without a task");
        failedPolls = Meter.CreateCounter<long>(FailedPolls, "{poll}", "Polls that failed");
        started = Meter.CreateCounter<long>(TasksStarted, "{task}", "Tasks received and started");
        succeeded = Meter.CreateCounter<long>(TasksSucceeded, "{task}", "Tasks reported succeeded");
        failed = Meter.CreateCounter<long>(TasksFailed, "{task}", "Tasks reported failed");
        abandoned = Meter.CreateCounter<long>(TasksAbandoned, "{task}", "Tasks whose report was not delivered or that ended first");
        resent = Meter.CreateCounter<long>(ReportsResent, "{report}", "Reports sent again after the client gave up on them");
        heartbeatFailures = Meter.CreateCounter<long>(HeartbeatFailures, "{heartbeat}", "Heartbeats that failed");
        presumedDelivered = Meter.CreateCounter<long>(ReportsPresumedDelivered, "{report}", "Retried reports answered that the task had ended, counted as delivered");
        kmsFallbacks = Meter.CreateCounter<long>(KmsFallbacks, "{report}", "Reports answered KmsAccessDeniedException, the task failed without error and cause");
        duration = Meter.CreateHistogram<double>(HandlerDuration, "s", "Handler duration");
        orphaned = Meter.CreateUpDownCounter<long>(OrphanedHandlers, "{handler}", "Handlers still running after their task ended");
        Meter.CreateObservableUpDownCounter(TasksInFlight, () => new Measurement<int>(counts.TasksInHand, tag), "{task}", "Tasks received and not yet reported");
        Meter.CreateObservableUpDownCounter(PollsInFlight, () => new Measurement<int>(counts.PollsInFlight, tag), "{poll}", "Polls started and not answered yet");
    }

    /// <summary>This worker's meter: its own (disposed with the worker), or the container's <see cref="IMeterFactory"/>'s (disposed with the container).</summary>
    public Meter Meter { get; }

    /// <summary>Disposes the meter, when it is the worker's own.</summary>
    public void Dispose()
    {
        if (ownsMeter)
        {
            Meter.Dispose();
        }
    }

    internal void Poll(bool empty)
    {
        polls.Add(1, tag);
        if (empty)
        {
            emptyPolls.Add(1, tag);
        }
    }

    internal void PollFailed() => failedPolls.Add(1, tag);

    internal void Started() => started.Add(1, tag);

    internal void Succeeded() => succeeded.Add(1, tag);

    internal void Failed() => failed.Add(1, tag);

    internal void Abandoned() => abandoned.Add(1, tag);

    internal void ReportResent() => resent.Add(1, tag);

    internal void HeartbeatFailed() => heartbeatFailures.Add(1, tag);

    internal void PresumedDelivered() => presumedDelivered.Add(1, tag);

    internal void KmsFallback() => kmsFallbacks.Add(1, tag);

    internal void Orphaned(int delta) => orphaned.Add(delta, tag);

    internal void HandlerRan(TimeSpan elapsed) => duration.Record(elapsed.TotalSeconds, tag);
}
