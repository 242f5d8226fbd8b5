using System;
using System.Diagnostics;
using LanguageExt;

namespace ActivityCore.Worker;

/// <summary>
/// The span of one task (<see cref="WorkerTelemetry"/>), by OpenTelemetry's messaging conventions: name
/// <c>process {activity name}</c>, kind Consumer, the messaging attributes, the activity's ARN, the token's fingerprint
/// (never the token), and the outcome once the task is settled: on a failure (reported, or the task ended on the
/// service's side) <c>error.type</c> and the Error status. Without a listener it holds no span and does nothing.
/// </summary>
internal sealed class TaskSpan : IDisposable
{
    private readonly Activity? span;

    private TaskSpan(Activity? span) => this.span = span;

    /// <summary>No span: a task not started yet.</summary>
    public static TaskSpan None { get; } = new(null);

    /// <summary>Starts the span of a task (none when no one listens); it is the current span of the caller's flow.</summary>
    /// <param name="arn">The activity.</param>
    /// <param name="worker">The worker's name, or <c>-</c>.</param>
    /// <param name="token">The task's token: only its fingerprint is recorded.</param>
    /// <returns>The task's span.</returns>
    public static TaskSpan Start(ActivityArn arn, string worker, TaskToken token)
    {
        if (!WorkerTelemetry.Source.HasListeners())
        {
            return None; // nothing to name or record: no string, no object
        }

        var span = WorkerTelemetry.Source.StartActivity(WorkerTelemetry.ProcessOperation + " " + arn.Name, ActivityKind.Consumer);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("messaging.system", WorkerTelemetry.MessagingSystem);
            span.SetTag("messaging.operation.type", WorkerTelemetry.ProcessOperation);
            span.SetTag("messaging.operation.name", WorkerTelemetry.ProcessOperation);
            span.SetTag("messaging.destination.name", arn.Name);
            span.SetTag("aws.step_functions.activity.arn", arn.Value);
            span.SetTag("activitycore.task.token_fingerprint", token.Fingerprint);
            span.SetTag("activitycore.worker", worker);
        }

        return span is null ? None : new TaskSpan(span);
    }

    /// <summary>The task is settled: its outcome, and on a failure its <c>error.type</c> and the Error status.</summary>
    /// <param name="report">The report sent (a success or a failure), or none when the task ended on the service's side first.</param>
    public void Settled(Option<Either<TaskFailure, TaskOutput>> report)
    {
        if (span is null)
        {
            return;
        }

        report.Match(
            Some: r => r.Match(
                Right: _ => span.SetTag("activitycore.task.outcome", "succeeded"),
                Left: failure =>
                {
                    span.SetTag("activitycore.task.outcome", "failed");
                    Error(failure.Error.IfNone(WorkerTelemetry.OtherError), "the task was reported failed");
                }),
            None: () =>
            {
                span.SetTag("activitycore.task.outcome", "ended");
                Error(WorkerTelemetry.TaskEndedError, "the task ended on the service's side before its report");
            });
    }

    /// <summary>Ends the span (at the task's settlement, and again, to no effect, when its run ends).</summary>
    public void Dispose() => span?.Dispose();

    private void Error(string type, string description)
    {
        span?.SetTag("error.type", type);
        span?.SetStatus(ActivityStatusCode.Error, description);
    }
}
