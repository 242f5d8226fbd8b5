using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Http;
using Amazon.Runtime;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>The transport: one call is attempts, each signed and timed; the retry decisions are the core's.</summary>
public sealed partial class ActivityClient
{
    private const string StopRequested = "the caller asked for no new attempt";

    /// <summary>Sends a call: attempts until success, a failure that is not retried, or the retries run out.</summary>
    private async Task<Either<ActivityFailure<TError>, TResult>> SendAsync<TError, TResult>(
        OperationSpec<TError, TResult> op, PooledBufferWriter body, CallSecrets secrets, CancellationToken cancellationToken, CancellationToken stopRetrying = default)
        where TError : IOperationError
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        TimeSpan timeout = op.IsPoll ? settings.PollTimeout : settings.RequestTimeout;
        int lastRetryCost = 0;
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long started = time.GetTimestamp();
            Attempt<TError, TResult> result;
            try
            {
                result = await AttemptAsync(op, body.WrittenMemory, secrets, timeout, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                long cancelledAfterMs = ElapsedMs(started);
                ClientLog.Cancelled(logger, op.Name, attempt, cancelledAfterMs);
                throw;
            }

            long latencyMs = ElapsedMs(started);
            string requestId = result.RequestId ?? "-";
            if (result.Outcome.IsRight)
            {
                ClientLog.Succeeded(logger, op.Name, attempt, result.Status, requestId, latencyMs);
                UpdateQuota(static (q, cost) => q.OnSuccess(cost), lastRetryCost);
                return result.Outcome;
            }

            var failure = result.Outcome.Match(
                Left: static f => f,
                Right: static _ => throw new InvalidOperationException("unreachable: the outcome is a failure"));
            if (logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
            {
                string what = failure.Summary();
                ClientLog.Failed(logger, op.Name, attempt, what, failure.Kind, result.Status, requestId, latencyMs);
            }
            bool canRetry = PrepareRetry(failure, result.ServerDate);
            var decision = canRetry ? Retry.Decide(failure.Kind, attempt, Random.Shared.NextDouble(), settings.Retry) : None;
            if (decision.IsNone)
            {
                // "Retries exhausted" only when retries were configured and used: with MaxAttempts 1 the failure is itself.
                bool exhausted = canRetry && Retry.IsRetryable(failure.Kind) && attempt > 1;
                if (exhausted)
                {
                    GaveUp(op.Name, attempt, "max attempts reached", failure);
                }

                return Fail<TError, TResult>(exhausted ? new ActivityFailure<TError>.RetriesExhausted(attempt, failure) : failure);
            }

            if (stopRetrying.IsCancellationRequested)
            {
                GaveUp(op.Name, attempt, StopRequested, failure);
                return Fail<TError, TResult>(failure);
            }

            bool isTimeout = failure is ActivityFailure<TError>.Timeout or ActivityFailure<TError>.NetworkFailure;
            if (!TryAcquireRetry(isTimeout, out lastRetryCost))
            {
                GaveUp(op.Name, attempt, "retry quota exhausted", failure);
                return Fail<TError, TResult>(new ActivityFailure<TError>.RetriesExhausted(attempt, failure));
            }

            TimeSpan delay = (TimeSpan)decision;
            ClientLog.Retrying(logger, op.Name, attempt, (long)delay.TotalMilliseconds);
            if (!await RetryDelayAsync(delay, cancellationToken, stopRetrying).ConfigureAwait(false))
            {
                UpdateQuota(static (q, cost) => q.OnSuccess(cost), lastRetryCost); // the retry not made is given back
                GaveUp(op.Name, attempt, StopRequested, failure);
                return Fail<TError, TResult>(failure);
            }
        }
    }

    /// <summary>Logs the end of a call's retries (at Information: the failure is the caller's to report), with its last failure in a few words.</summary>
    private void GaveUp<TError>(string operation, int attempt, string why, ActivityFailure<TError> last)
        where TError : IOperationError
    {
        if (logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
        {
            string summary = last.Innermost().Summary();
            ClientLog.GaveUp(logger, operation, attempt, why, summary);
        }
    }

    /// <summary>
    /// Waits before a retry: true when the delay is over, false when <paramref name="stopRetrying"/> ended it (no retry
    /// then). The caller's cancellation throws.
    /// </summary>
    private async Task<bool> RetryDelayAsync(TimeSpan delay, CancellationToken cancellationToken, CancellationToken stopRetrying)
    {
        if (!stopRetrying.CanBeCanceled)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopRetrying);
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, time, either.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        return !stopRetrying.IsCancellationRequested;
    }

    /// <summary>Before a retry: corrects the clock offset after a clock-skew answer, refreshes credentials after an expired-credentials answer. False when the failure cannot be corrected.</summary>
    private bool PrepareRetry<TError>(ActivityFailure<TError> failure, DateTimeOffset? serverDate)
        where TError : IOperationError
    {
        switch (failure.Kind)
        {
            case ErrorKind.ClockSkew:
                // No Date, or one beyond the plausible (ClockCorrection.Limit): nothing to correct, so no retry.
                var corrected = serverDate is { } date ? ClockCorrection.Offset(date, time.GetUtcNow()) : None;
                return corrected.Match(
                    Some: offset =>
                    {
                        Interlocked.Exchange(ref clockOffsetTicks, offset.Ticks);
                        ClientLog.ClockSkewCorrected(logger, (long)offset.TotalMilliseconds);
                        return true;
                    },
                    None: () => false);
            case ErrorKind.ExpiredCredentials:
                return credentials.Invalidate(); // static credentials cannot change: not retried
            default:
                return true;
        }
    }

    private bool TryAcquireRetry(bool isTimeout, out int cost)
    {
        while (true)
        {
            RetryQuota before = Volatile.Read(ref quota);
            var acquired = before.TryAcquire(isTimeout);
            if (acquired.IsNone)
            {
                cost = 0;
                return false;
            }

            var (after, paid) = ((RetryQuota, int))acquired;
            if (ReferenceEquals(Interlocked.CompareExchange(ref quota, after, before), before))
            {
                cost = paid;
                return true;
            }
        }
    }

    private void UpdateQuota(Func<RetryQuota, int, RetryQuota> update, int argument)
    {
        while (true)
        {
            RetryQuota before = Volatile.Read(ref quota);
            if (ReferenceEquals(Interlocked.CompareExchange(ref quota, update(before, argument), before), before))
            {
                return;
            }
        }
    }

    private long ElapsedMs(long started) => (long)time.GetElapsedTime(started).TotalMilliseconds;
}
