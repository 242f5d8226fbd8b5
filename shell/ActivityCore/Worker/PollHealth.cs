using System;
using ActivityCore.Errors;
using Microsoft.Extensions.Logging;

namespace ActivityCore.Worker;

/// <summary>
/// What a poll's outcome says about the worker's health, told: <see cref="HealthTracker"/> moves the poll health, this
/// writes the line a change deserves (a recovery, a bad set-up, a failed poll at a level that fades,
/// <see cref="PollFailureLog"/>) and only then publishes the verdict, so that a host that exits at once on it has its line.
/// </summary>
internal sealed class PollHealth(HealthTracker tracker, ILogger logger, string worker)
{
    /// <summary>A poll was answered (with a task or empty).</summary>
    public void Answered()
    {
        var (before, after) = tracker.OnAnswered();
        int failed = FailuresIn(before);
        if (failed > 0)
        {
            WorkerLog.PollsRecovered(logger, worker, failed);
        }

        tracker.Publish(after);
    }

    /// <summary>A poll failed: moves the health, and logs at Error when the failure will not heal by itself and is new.</summary>
    /// <param name="failure">The failure.</param>
    /// <param name="delay">The backoff before the next poll.</param>
    /// <returns>The failed polls in a row of all pollers, this one included.</returns>
    public int Failed(ActivityFailure<GetActivityTaskError> failure, TimeSpan delay)
    {
        var (before, after) = tracker.OnFailed(failure);
        if (HealthRules.IsMisconfiguration(failure.Kind) && before is not WorkerHealth.Misconfigured && logger.IsEnabled(LogLevel.Error))
        {
            WorkerLog.Misconfigured(logger, worker, failure.Innermost().Summary(), failure.Kind, SetupAdvice.For(failure), (long)delay.TotalMilliseconds);
        }

        tracker.Publish(after);
        return Math.Max(1, FailuresIn(after));
    }

    /// <summary>Logs a failed poll, at Warning for the 1st, 2nd, 4th, 8th... in a row, at Debug otherwise.</summary>
    /// <param name="failure">The failure.</param>
    /// <param name="delay">The backoff before the next poll.</param>
    /// <param name="inARow">The failed polls in a row (<see cref="Failed"/>).</param>
    /// <param name="stopping">Whether the worker is stopping (no next poll).</param>
    public void LogFailedPoll(ActivityFailure<GetActivityTaskError> failure, TimeSpan delay, int inARow, bool stopping)
    {
        LogLevel level = PollFailureLog.LevelFor(inARow);
        if (!logger.IsEnabled(level))
        {
            return;
        }

        string summary = failure.Innermost().Summary();
        if (stopping)
        {
            WorkerLog.PollFailedWhileStopping(logger, level, summary, failure.Kind, inARow);
        }
        else
        {
            WorkerLog.PollFailed(logger, level, summary, failure.Kind, inARow, (long)delay.TotalMilliseconds);
        }
    }

    private static int FailuresIn(WorkerHealth health) => health switch
    {
        WorkerHealth.Degraded d => d.ConsecutiveFailures,
        WorkerHealth.Misconfigured m => m.ConsecutiveFailures,
        _ => 0,
    };
}
