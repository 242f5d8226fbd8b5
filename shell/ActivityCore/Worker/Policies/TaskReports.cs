using System;
using ActivityCore.Errors;
using ActivityCore.Retries;
using LanguageExt;

namespace ActivityCore.Worker.Policies;

/// <summary>
/// The failures a worker reports on its own (not from a handler's <c>Left</c>), and what to do when a report is refused.
/// Pure. The error names start with <c>ActivityCore.</c> so a state machine can match them in <c>Retry</c>/<c>Catch</c>.
/// </summary>
internal static class TaskReports
{
    /// <summary>The failure of a handler that threw: the exception's type name as error, its text (bounded) as cause.</summary>
    /// <param name="exceptionType">The exception's type name, e.g. <c>System.InvalidOperationException</c>.</param>
    /// <param name="description">The exception's description (message, inner exceptions, stack): cut to 32,768 characters.</param>
    /// <returns>A failure that always fits the service's limits.</returns>
    public static TaskFailure FromException(string exceptionType, string description) =>
        TaskFailure.Bounded(exceptionType, description);

    /// <summary>The failure of a task failed at shutdown.</summary>
    /// <param name="drainTimeout">The drain timeout that expired.</param>
    /// <returns>The failure, error <see cref="WorkerErrorCodes.WorkerStopped"/>.</returns>
    public static TaskFailure WorkerStopped(TimeSpan drainTimeout) =>
        TaskFailure.Bounded(WorkerErrorCodes.WorkerStopped, $"The worker stopped and its handler did not finish within the drain timeout ({Durations.Describe(drainTimeout)}).");

    /// <summary>The failure of a task failed at shutdown, with a cause that says why: the drain timeout expired, or the host hurried the stop.</summary>
    /// <param name="cause">Why the stop failed the task (<see cref="ShutdownPlan.StopCause"/>).</param>
    /// <param name="drainTimeout">The drain timeout (named when it expired).</param>
    /// <returns>The failure, error <see cref="WorkerErrorCodes.WorkerStopped"/>.</returns>
    public static TaskFailure WorkerStopped(WorkerStopCause cause, TimeSpan drainTimeout) => cause switch
    {
        WorkerStopCause.HurriedByHost => TaskFailure.Bounded(WorkerErrorCodes.WorkerStopped, "The worker was stopped in a hurry by its host before the handler finished."),
        _ => WorkerStopped(drainTimeout),
    };

    /// <summary>The failure of a task whose handler timed out.</summary>
    /// <param name="handlerTimeout">The handler timeout.</param>
    /// <returns>The failure, error <see cref="WorkerErrorCodes.HandlerTimeout"/>.</returns>
    public static TaskFailure HandlerTimedOut(TimeSpan handlerTimeout) =>
        TaskFailure.Bounded(WorkerErrorCodes.HandlerTimeout, $"The handler did not finish within the handler timeout ({Durations.Describe(handlerTimeout)}).");

    /// <summary>
    /// What to send after the service refused a SendTaskSuccess: a failure <see cref="WorkerErrorCodes.InvalidOutput"/> when the
    /// refusal was of the request itself (<see cref="ErrorKind.Rejected"/>, e.g. <c>InvalidOutput</c>), so that the state
    /// machine learns at once instead of waiting for a timeout; none otherwise (the task ended, or the failure is
    /// the transport's and was already retried).
    /// </summary>
    /// <param name="kind">What the refusal means.</param>
    /// <param name="message">The service's message, if any.</param>
    /// <returns>The failure to report instead, or none.</returns>
    public static Option<TaskFailure> AfterSuccessRefused(ErrorKind kind, Option<string> message) =>
        kind == ErrorKind.Rejected
            ? Option<TaskFailure>.Some(TaskFailure.Bounded(WorkerErrorCodes.InvalidOutput, "The service refused the output: " + message.IfNone("(no message)")))
            : Option<TaskFailure>.None;

    /// <summary>
    /// Whether, and after how long, a worker sends a report (SendTaskSuccess or SendTaskFailure) again after the client
    /// gave up on it (its attempts or its retry quota ran out): after a failure that may heal
    /// (<see cref="ErrorKindExtensions.IsRetryable"/>: throttling, transient errors, timeouts, network failures, clock skew, expired
    /// credentials), after the same full-jitter backoff as a failed poll (<see cref="PollBackoff.Delay"/>); never after
    /// the task ended (<see cref="ErrorKind.TaskEnded"/>: a resent report the service had applied already answers so),
    /// a rejection or a configuration error, which will not heal by being sent again. The task stays with the worker
    /// meanwhile: giving a report up would leave a finished task to its timeout and lose its result.
    /// </summary>
    /// <param name="kind">What the report's failure means.</param>
    /// <param name="consecutiveFailures">Failed sends of this report in a row, this one included (1 after the first).</param>
    /// <param name="random01">A number in [0, 1) for the jitter; values outside are clamped, NaN is 0.</param>
    /// <param name="policy">The backoff's base and cap (the worker's poll backoff).</param>
    /// <returns>The delay before sending the report again, or none to give it up.</returns>
    public static Option<TimeSpan> ResendAfter(ErrorKind kind, int consecutiveFailures, double random01, RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return kind.IsRetryable()
            ? Option<TimeSpan>.Some(PollBackoff.Delay(kind, consecutiveFailures, random01, policy))
            : Option<TimeSpan>.None;
    }

    /// <summary>
    /// Whether a report's error answer means "the task has ended, most likely by this very report": <c>TaskTimedOut</c> or
    /// <c>TaskDoesNotExist</c> after a retried send (the client made more than one attempt, or the worker sent the report
    /// again). The service answers both for a token whose task has already closed (the SendTaskSuccess API reference:
    /// TaskTimedOut "the task associated with the token has already been closed"; boto3 issue 4044: a retried
    /// SendTaskSuccess answered TaskTimedOut after its first attempt had succeeded). After a first attempt, they mean what
    /// they say: the task had ended before the report came.
    /// </summary>
    /// <param name="code">The error code of the answer.</param>
    /// <param name="retried">Whether the report was sent more than once.</param>
    /// <returns>True to count the report as delivered.</returns>
    public static bool PresumedDelivered(string code, bool retried) =>
        retried && code is "TaskTimedOut" or "TaskDoesNotExist";

    /// <summary>
    /// Whether a report's error answer asks for a report without data: <c>KmsAccessDeniedException</c> (the worker may not
    /// use the execution's customer-managed KMS key to encrypt the output, error or cause). The task is then failed with
    /// <see cref="TaskFailure.Empty"/>, which needs no KMS permission, instead of being left to its timeout.
    /// </summary>
    /// <param name="code">The error code of the answer.</param>
    /// <returns>True to fail the task with an empty failure.</returns>
    public static bool NeedsReportWithoutData(string code) => code == "KmsAccessDeniedException";
}
