using System;
using LanguageExt;
using Microsoft.Extensions.Logging;
using static LanguageExt.Prelude;

namespace ActivityCore.Worker;

/// <summary>
/// Whether the host gives a graceful stop the time it may take: the polls in flight finish (up to the poll timeout),
/// then the tasks in hand drain (up to the drain timeout). A shorter <c>HostOptions.ShutdownTimeout</c> cuts the stop short.
/// </summary>
internal static partial class ShutdownBudget
{
    /// <summary>The shutdown timeout a graceful stop needs, when the host's is shorter; none when it is enough. Pure.</summary>
    public static Option<TimeSpan> Shortfall(TimeSpan shutdownTimeout, TimeSpan pollTimeout, TimeSpan drainTimeout)
    {
        TimeSpan needed = pollTimeout + drainTimeout;
        return shutdownTimeout < needed ? Some(needed) : None;
    }

    /// <summary>Logs the warning when the host's shutdown timeout (if known) is too short.</summary>
    public static void Warn(ILogger? logger, Option<TimeSpan> shutdownTimeout, TimeSpan pollTimeout, TimeSpan drainTimeout)
    {
        if (logger is null)
        {
            return;
        }

        shutdownTimeout.Iter(shutdown => Shortfall(shutdown, pollTimeout, drainTimeout).Iter(needed =>
            ShutdownTimeoutTooShort(logger, shutdown.TotalSeconds, pollTimeout.TotalSeconds, drainTimeout.TotalSeconds, needed.TotalSeconds)));
    }

    [LoggerMessage(EventId = 150, Level = LogLevel.Warning, Message = "HostOptions.ShutdownTimeout ({ShutdownSeconds} s) is shorter than the poll timeout ({PollSeconds} s) plus the drain timeout ({DrainSeconds} s): a stop may abandon polls and tasks in flight; set HostOptions.ShutdownTimeout to at least {NeededSeconds} s")]
    private static partial void ShutdownTimeoutTooShort(ILogger logger, double shutdownSeconds, double pollSeconds, double drainSeconds, double neededSeconds);
}
