using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Operations;
using ActivityCore.Worker.Policies;
using LanguageExt;
using Microsoft.Extensions.Logging;
using static LanguageExt.Prelude;

namespace ActivityCore.Worker;

/// <summary>
/// Delivers a task's one report: SendTaskSuccess for a <c>Right</c>, SendTaskFailure for a <c>Left</c> (and for an output
/// the service refused, <see cref="TaskReports.AfterSuccessRefused"/>). Never cancelled: the client's timeouts bound each
/// send. A send the client gave up on after a failure that may heal (throttling, 5xx, network) is sent again after the
/// poll backoff (<see cref="TaskReports.ResendAfter"/>) until it is delivered, the service says the task ended, or the
/// stop's drain is over (<paramref name="drainOver"/>, <see cref="WorkerShutdown.DrainOver"/>): then it is given up and
/// the task left to its timeout. A report sent more than once that hears the task has ended (<c>TaskTimedOut</c>,
/// <c>TaskDoesNotExist</c>) was most likely applied by an earlier attempt: it counts as delivered
/// (<see cref="TaskReports.PresumedDelivered"/>). A report answered <c>KmsAccessDeniedException</c> is replaced by a
/// SendTaskFailure without error and cause (<see cref="TaskReports.NeedsReportWithoutData"/>). Counts and logs each outcome.
/// </summary>
internal sealed class ReportDelivery(
    ActivityClient client, WorkerSettings settings, ILogger logger, WorkerTelemetry telemetry, CancellationToken drainOver)
{
    /// <summary>Sends a task's report.</summary>
    /// <param name="token">The task's token.</param>
    /// <param name="report">The handler's result.</param>
    /// <returns>When delivered or given up.</returns>
    public Task SendAsync(TaskToken token, Either<TaskFailure, TaskOutput> report) =>
        report.Match(
            (Delivery: this, Token: token),
            right: static (s, output) => s.Delivery.SucceedAsync(s.Token, output),
            left: static (s, failure) => s.Delivery.FailAsync(s.Token, failure));

    private async Task SucceedAsync(TaskToken token, TaskOutput output)
    {
        var refused = await DeliverAsync(token, "SendTaskSuccess", output, static (c, t, o, trace) => c.SendTaskSuccessAsync(t, o, trace, CancellationToken.None)).ConfigureAwait(false);
        await refused.Match(
            (Delivery: this, Token: token),
            some: static (s, problem) => s.Delivery.AfterSuccessRefusedAsync(s.Token, problem),
            none: static s => s.Delivery.CountSucceeded()).ConfigureAwait(false);
    }

    private Task CountSucceeded()
    {
        telemetry.Succeeded();
        return Task.CompletedTask;
    }

    private Task AfterSuccessRefusedAsync(TaskToken token, ActivityFailure<SendTaskSuccessError> refused)
    {
        if (TaskReports.NeedsReportWithoutData(Code(refused)))
        {
            return FailWithoutDataAsync(token, "SendTaskSuccess");
        }

        var message = refused.Innermost() is ActivityFailure<SendTaskSuccessError>.ServiceError se ? se.Error.Message : None;
        return TaskReports.AfterSuccessRefused(refused.Kind, message).Match(
            Some: instead => FailAsync(token, instead),
            None: () =>
            {
                NotDelivered(token, "SendTaskSuccess", refused.Innermost().Summary(), refused.Kind);
                return Task.CompletedTask;
            });
    }

    private async Task FailAsync(TaskToken token, TaskFailure failure)
    {
        var problem = await DeliverAsync(token, "SendTaskFailure", failure, static (c, t, f, trace) => c.SendTaskFailureAsync(t, f, trace, CancellationToken.None)).ConfigureAwait(false);
        if (!failure.IsEmpty && problem.Exists(static p => TaskReports.NeedsReportWithoutData(Code(p))))
        {
            await FailWithoutDataAsync(token, "SendTaskFailure").ConfigureAwait(false);
            return;
        }

        problem.Match(
            None: () =>
            {
                telemetry.Failed();
                if (failure.Error.Exists(static e => e.StartsWith("ActivityCore.", StringComparison.Ordinal)))
                {
                    WorkerLog.FailedByWorker(logger, token.Fingerprint, failure.Error.IfNone(string.Empty));
                }
            },
            Some: p => NotDelivered(token, "SendTaskFailure", p.Innermost().Summary(), p.Kind));
    }

    /// <summary>The KMS fallback: the report carrying data was refused for the execution's key; the task is failed without data.</summary>
    private Task FailWithoutDataAsync(TaskToken token, string refusedOperation)
    {
        WorkerLog.KmsFallback(logger, token.Fingerprint, refusedOperation);
        telemetry.KmsFallback();
        return FailAsync(token, TaskFailure.Empty);
    }

    /// <summary>The error code of a failure's service answer; empty when the failure is not one (a timeout, a network failure).</summary>
    private static string Code<TError>(ActivityFailure<TError> failure)
        where TError : IOperationError =>
        failure.Innermost() is ActivityFailure<TError>.ServiceError se ? se.Error.Code : string.Empty;

    /// <summary>
    /// A report that will not be delivered: when the service says the task is over (<see cref="ErrorKind.TaskEnded"/>) at
    /// the report's first attempt, the task had already ended before it (a retried report answered so is presumed
    /// delivered instead, <see cref="DeliverAsync{TError, TReport}"/>); otherwise the task is left to its timeout.
    /// </summary>
    private void NotDelivered(TaskToken token, string operation, string failure, ErrorKind kind)
    {
        if (kind == ErrorKind.TaskEnded)
        {
            WorkerLog.ReportFoundTaskEnded(logger, token.Fingerprint, operation, failure);
        }
        else
        {
            WorkerLog.ReportFailed(logger, token.Fingerprint, operation, failure, kind);
        }

        telemetry.Abandoned();
    }

    /// <summary>
    /// Sends until delivered (none), or answers the failure that ends the trying: one that will not heal, or any once the
    /// drain is over. A send made more than once (by the client's retries or by this loop) that hears the task has ended
    /// counts as delivered (<see cref="TaskReports.PresumedDelivered"/>).
    /// </summary>
    private async Task<Option<ActivityFailure<TError>>> DeliverAsync<TError, TReport>(
        TaskToken token, string operation, TReport report, Func<ActivityClient, TaskToken, TReport, CallTrace, Task<Either<ActivityFailure<TError>, Unit>>> send)
        where TError : IOperationError
    {
        for (int failures = 1; ; failures++)
        {
            var trace = new CallTrace();
            var answer = await send(client, token, report, trace).ConfigureAwait(false);
            var problem = answer.Match(Right: static _ => Option<ActivityFailure<TError>>.None, Left: static f => Some(f));
            if (problem.IsNone)
            {
                return problem; // delivered: none of the checks below (each a closure) applies
            }

            bool retried = failures > 1 || trace.Attempts > 1;
            if (problem.Exists(p => TaskReports.PresumedDelivered(Code(p), retried)))
            {
                string summary = problem.Map(static p => p.Innermost().Summary()).IfNone(string.Empty);
                WorkerLog.ReportPresumedDelivered(logger, token.Fingerprint, operation, summary);
                telemetry.PresumedDelivered();
                return None;
            }

            int sent = failures;
            var resend = from p in problem
                         from delay in TaskReports.ResendAfter(p.Kind, sent, settings.Randomizer(), settings.PollBackoff)
                         where !drainOver.IsCancellationRequested
                         select (Problem: p, Delay: delay);
            bool again = await resend.Match(
                Some: r => WaitToResendAsync(token, operation, r.Problem, r.Delay, sent),
                None: static () => Task.FromResult(false)).ConfigureAwait(false);
            if (!again)
            {
                return problem;
            }
        }
    }

    /// <returns>True to send again; false when the drain ended the wait.</returns>
    private async Task<bool> WaitToResendAsync<TError>(TaskToken token, string operation, ActivityFailure<TError> problem, TimeSpan delay, int failures)
        where TError : IOperationError
    {
        WorkerLog.ReportResending(logger, token.Fingerprint, operation, problem.Innermost().Summary(), problem.Kind, failures, (long)delay.TotalMilliseconds);
        telemetry.ReportResent();
        try
        {
            await Task.Delay(delay, settings.TimeProvider, drainOver).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
