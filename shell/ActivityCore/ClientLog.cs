using System;
using ActivityCore.Errors;
using Microsoft.Extensions.Logging;

namespace ActivityCore;

/// <summary>The client's log events. Never a token, an input, an output or a secret: only operation, attempt, status, code, request id, latency.</summary>
internal static partial class ClientLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Operation} attempt {Attempt} succeeded: HTTP {Status}, request id {RequestId}, {LatencyMs} ms")]
    public static partial void Succeeded(ILogger logger, string operation, int attempt, int status, string requestId, long latencyMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Operation} attempt {Attempt} failed: {Failure} ({Kind}), HTTP {Status}, request id {RequestId}, {LatencyMs} ms")]
    public static partial void Failed(ILogger logger, string operation, int attempt, string failure, ErrorKind kind, int status, string requestId, long latencyMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Operation} retrying after attempt {Attempt} in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, long delayMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Operation} gave up after attempt {Attempt}: {Why} (last: {Failure})")]
    public static partial void GaveUp(ILogger logger, string operation, int attempt, string why, string failure);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Clock skew: the service's clock is {OffsetMs} ms from ours; signing with the corrected time")]
    public static partial void ClockSkewCorrected(ILogger logger, long offsetMs);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "{Operation} attempt {Attempt}: the retry quota is empty; a long poll backs off {DelayMs} ms before it returns the failure (the 2026 retry rules)")]
    public static partial void BackingOffBeforeGivingUp(ILogger logger, string operation, int attempt, long delayMs);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "{Operation} attempt {Attempt} cancelled by the caller after {LatencyMs} ms")]
    public static partial void Cancelled(ILogger logger, string operation, int attempt, long latencyMs);

    public static string Describe(TimeSpan span) => span.ToString();
}
