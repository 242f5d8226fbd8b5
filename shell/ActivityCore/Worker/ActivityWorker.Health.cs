using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace ActivityCore;

/// <summary>The worker's public health (<see cref="WorkerHealth"/>), kept by <see cref="HealthTracker"/> and <see cref="OrphanTracker"/>.</summary>
public sealed partial class ActivityWorker
{
    /// <summary>
    /// Whether the worker is working and, if not, why, with the last poll failure: readable without a logger.
    /// See <see cref="WorkerHealth"/> for each state. Thread-safe; each read is a snapshot.
    /// </summary>
    public WorkerHealth Health
    {
        get
        {
            WorkerPhase now;
            lock (gate)
            {
                now = phase;
            }

            return HealthRules.Compose(now, health.Polls, orphans.Count, orphans.Cap, orphans.AtCapSince);
        }
    }

    /// <summary>
    /// Waits for the worker's first verdict and answers it: <see cref="WorkerHealth.Polling"/> once a poll is answered,
    /// <see cref="WorkerHealth.Misconfigured"/> once a poll fails with a failure that will not heal by itself (the worker
    /// goes on polling at its backoff's cap), <see cref="WorkerHealth.Stopping"/> or <see cref="WorkerHealth.Stopped"/>
    /// if a stop comes first. When <paramref name="timeout"/> (on the worker's <see cref="ActivityWorkerOptions.TimeProvider"/>)
    /// passes first, answers <see cref="Health"/> as it is then: <see cref="WorkerHealth.Starting"/> (the first poll is
    /// held: against AWS it may take 60 s) or <see cref="WorkerHealth.Degraded"/> (polls fail, but may heal). Never
    /// throws for a failure or the timeout: a host that must exit at start on a bad set-up awaits this after
    /// <see cref="StartAsync"/> and checks for <see cref="WorkerHealth.Misconfigured"/>, whose
    /// <see cref="WorkerHealth.Misconfigured.LastFailure"/> names the cause. The worker's log line for a verdict (the
    /// Error line of <see cref="WorkerHealth.Misconfigured"/>, the recovery line of <see cref="WorkerHealth.Polling"/>)
    /// is written before the verdict is answered.
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
            return await health.FirstVerdict.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Health;
        }
    }

    // The line that says a verdict is written before the verdict is published: a host that exits at once on it has it.
    private void OnPollAnsweredHealth()
    {
        var (before, after) = health.OnAnswered();
        int failed = before switch
        {
            WorkerHealth.Degraded d => d.ConsecutiveFailures,
            WorkerHealth.Misconfigured m => m.ConsecutiveFailures,
            _ => 0,
        };
        if (failed > 0)
        {
            WorkerLog.PollsRecovered(logger, name, failed);
        }

        health.Publish(after);
    }

    /// <returns>The failed polls in a row of all pollers, this one included.</returns>
    private int OnPollFailedHealth(ActivityFailure<GetActivityTaskError> failure, TimeSpan delay)
    {
        var (before, after) = health.OnFailed(failure);
        if (HealthRules.IsMisconfiguration(failure.Kind) && before is not WorkerHealth.Misconfigured && logger.IsEnabled(LogLevel.Error))
        {
            WorkerLog.Misconfigured(logger, name, failure.Innermost().Summary(), failure.Kind, SetupAdvice.For(failure), (long)delay.TotalMilliseconds);
        }

        health.Publish(after);
        return after switch
        {
            WorkerHealth.Degraded d => d.ConsecutiveFailures,
            WorkerHealth.Misconfigured m => m.ConsecutiveFailures,
            _ => 1,
        };
    }
}
