using ActivityCore.Errors;
using ActivityCore.Worker.Policies;
using Microsoft.Extensions.Logging;

namespace ActivityCore.Worker;

/// <summary>The worker's log events. Never a token, an input, an output or a cause: only fingerprints, kinds, counts.</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Worker {Worker} started: {Pollers} pollers (at most {MaxPollers}), at most {MaxTasks} tasks in flight, endpoint {Endpoint}")]
    public static partial void Started(ILogger logger, string worker, int pollers, int maxPollers, int maxTasks, string endpoint);

    [LoggerMessage(EventId = 101, Message = "Poll failed ({Failure}, {Kind}), {Failures} in a row; next poll in {DelayMs} ms")]
    public static partial void PollFailed(ILogger logger, LogLevel level, string failure, ErrorKind kind, int failures, long delayMs);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "Task {Token} received")]
    public static partial void TaskReceived(ILogger logger, string token);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Task {Token}: the handler threw {ExceptionType}")]
    public static partial void HandlerThrew(ILogger logger, string token, string exceptionType);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Task {Token}: heartbeat failed ({Failure}, {Kind}); {Verdict}")]
    public static partial void HeartbeatFailed(ILogger logger, string token, string failure, ErrorKind kind, HeartbeatVerdict verdict);

    [LoggerMessage(EventId = 105, Level = LogLevel.Error, Message = "Task {Token}: {Operation} failed ({Failure}, {Kind}); the report was not delivered: the task is left to its timeout on the service's side")]
    public static partial void ReportFailed(ILogger logger, string token, string operation, string failure, ErrorKind kind);

    [LoggerMessage(EventId = 106, Level = LogLevel.Information, Message = "Worker {Worker} stopping: {Phase}, {Polls} polls in flight, {Tasks} tasks in hand")]
    public static partial void Stopping(ILogger logger, string worker, WorkerPhase phase, int polls, int tasks);

    [LoggerMessage(EventId = 107, Level = LogLevel.Warning, Message = "Task {Token} failed by the worker: {Error}")]
    public static partial void FailedByWorker(ILogger logger, string token, string error);

    [LoggerMessage(EventId = 108, Level = LogLevel.Error, Message = "Poller {Poller}: unexpected {ExceptionType}; backing off")]
    public static partial void PollerFault(ILogger logger, int poller, string exceptionType, System.Exception exception);

    [LoggerMessage(EventId = 109, Level = LogLevel.Information, Message = "Worker {Worker} stopped")]
    public static partial void Stopped(ILogger logger, string worker);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Task {Token}: {Operation} failed ({Failure}, {Kind}), {Failures} in a row; sending it again in {DelayMs} ms")]
    public static partial void ReportResending(ILogger logger, string token, string operation, string failure, ErrorKind kind, int failures, long delayMs);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Worker {Worker}: an empty poll was answered in {AnsweredMs} ms (the service holds an empty poll up to 60 s); after each such instant answer a poller pauses {MinPauseMs}..{MaxPauseMs} ms")]
    public static partial void InstantEmptyPoll(ILogger logger, string worker, long answeredMs, long minPauseMs, long maxPauseMs);

    [LoggerMessage(EventId = 112, Level = LogLevel.Warning, Message = "Task {Token}: {Operation} answered {Failure}: the task had already ended on the service's side before this report (it timed out, or was closed otherwise); nothing is left to report")]
    public static partial void ReportFoundTaskEnded(ILogger logger, string token, string operation, string failure);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "Task {Token} has ended but its handler still runs: it ignores its cancellation token. {Orphans} orphaned handlers now (cap {Cap})")]
    public static partial void HandlerOrphaned(ILogger logger, string token, int orphans, int cap);

    [LoggerMessage(EventId = 114, Level = LogLevel.Error, Message = "Worker {Worker}: {Orphans} orphaned handlers reached the cap ({Cap}); no new task is taken until one of them returns")]
    public static partial void OrphanCapReached(ILogger logger, string worker, int orphans, int cap);

    [LoggerMessage(EventId = 115, Level = LogLevel.Information, Message = "Task {Token}: its orphaned handler returned after {RanMs} ms; {Orphans} orphaned handlers now")]
    public static partial void OrphanReturned(ILogger logger, string token, long ranMs, int orphans);

    [LoggerMessage(EventId = 116, Level = LogLevel.Information, Message = "Worker {Worker}: {Orphans} orphaned handlers, below the cap ({Cap}) again; taking tasks again")]
    public static partial void OrphansBelowCap(ILogger logger, string worker, int orphans, int cap);

    [LoggerMessage(EventId = 117, Level = LogLevel.Error, Message = "Worker {Worker} cannot poll: {Failure} ({Kind}), which will not heal by itself: {Advice}. Polling again every {DelayMs} ms")]
    public static partial void Misconfigured(ILogger logger, string worker, string failure, ErrorKind kind, string advice, long delayMs);

    [LoggerMessage(EventId = 118, Level = LogLevel.Information, Message = "Worker {Worker}: polls are answered again after {Failures} failed polls")]
    public static partial void PollsRecovered(ILogger logger, string worker, int failures);

    [LoggerMessage(EventId = 119, Message = "Poll failed ({Failure}, {Kind}), {Failures} in a row; no next poll: the worker is stopping")]
    public static partial void PollFailedWhileStopping(ILogger logger, LogLevel level, string failure, ErrorKind kind, int failures);

    [LoggerMessage(EventId = 140, Level = LogLevel.Information, Message = "Worker {Worker}: polling paused ({Polls} polls in flight are let finish, {Tasks} tasks in hand go on); no new poll starts until polling is resumed")]
    public static partial void PollingPaused(ILogger logger, string worker, int polls, int tasks);

    [LoggerMessage(EventId = 141, Level = LogLevel.Information, Message = "Worker {Worker}: polling resumed")]
    public static partial void PollingResumed(ILogger logger, string worker);
    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Task {Token}: {Operation} answered {Failure}: the task had already ended; this report was sent more than once, so most likely an earlier attempt of this report was applied and its answer lost. Counted as delivered")]
    public static partial void ReportPresumedDelivered(ILogger logger, string token, string operation, string failure);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Task {Token}: {Operation} answered KmsAccessDeniedException: the worker may not use the execution's KMS key; failing the task with SendTaskFailure without error and cause, which needs no KMS permission, instead of leaving it to its timeout")]
    public static partial void KmsFallback(ILogger logger, string token, string operation);
}
