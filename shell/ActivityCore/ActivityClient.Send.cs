using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Http;
using ActivityCore.Retries;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>The transport: one call is attempts, each signed and timed; the retry decisions are the core's (<see cref="Retry.Decide(RetryRules, FailedAttempt, RetryQuota, double, RetryPolicy)"/>).</summary>
public sealed partial class ActivityClient
{
    private const string StopRequested = "the caller asked for no new attempt";

    /// <summary>Sends a call: attempts until success, a failure that is not retried, or the retries run out.</summary>
    private Task<Either<ActivityFailure<TError>, TResult>> SendAsync<TError, TResult>(
        OperationSpec<TError, TResult> op, PooledBufferWriter body, CallSecrets secrets, CancellationToken cancellationToken, CancellationToken stopRetrying = default)
        where TError : IOperationError =>
        SendAsync(op, body, secrets, new CallTrace(), cancellationToken, stopRetrying);

    /// <summary>Sends a call, recording in <paramref name="trace"/> how many attempts it made. The call owns the body: it frees it when it ends (a caller's own <c>using</c> then does nothing).</summary>
    private Task<Either<ActivityFailure<TError>, TResult>> SendAsync<TError, TResult>(
        OperationSpec<TError, TResult> op, PooledBufferWriter body, CallSecrets secrets, CallTrace trace, CancellationToken cancellationToken, CancellationToken stopRetrying = default)
        where TError : IOperationError
    {
        if (Volatile.Read(ref disposed) != 0)
        {
            body.Dispose();
            return Task.FromException<Either<ActivityFailure<TError>, TResult>>(new ObjectDisposedException(GetType().FullName));
        }

        TimeSpan timeout = op.IsPoll ? settings.PollTimeout : settings.RequestTimeout;
        return TracedAsync(op, body, secrets, timeout, trace, cancellationToken, stopRetrying);
    }

    /// <summary>The call under its one span (<see cref="ClientTelemetry"/>), started here so that it is the current span of this call only: every attempt, and the outcome.</summary>
    private async Task<Either<ActivityFailure<TError>, TResult>> TracedAsync<TError, TResult>(
        OperationSpec<TError, TResult> op, PooledBufferWriter body, CallSecrets secrets, TimeSpan timeout, CallTrace trace, CancellationToken cancellationToken, CancellationToken stopRetrying)
        where TError : IOperationError
    {
        using var owned = body;
        using var span = ClientSpan.Start(op.Name, settings.Region, settings.Endpoint);
        try
        {
            var call = new Call<TError, TResult>(op, body, secrets, timeout, span, trace, cancellationToken, stopRetrying);
            var outcome = await SendFromAsync(call, attempt: 1, lastRetryCost: 0).ConfigureAwait(false);
            outcome.IfLeft(span, static (s, failure) => s.Failed(failure.ErrorType(), failure.Summary())); // the span passed, not captured: no closure

            return outcome;
        }
        catch (OperationCanceledException e)
        {
            span.Failed(e.GetType().FullName ?? e.GetType().Name, "cancelled by the caller");
            throw;
        }
    }

    /// <summary>Attempt number <paramref name="attempt"/> of the call, and the ones after it: the outcome of the call.</summary>
    private async Task<Either<ActivityFailure<TError>, TResult>> SendFromAsync<TError, TResult>(Call<TError, TResult> call, int attempt, int lastRetryCost)
        where TError : IOperationError
    {
        call.Cancellation.ThrowIfCancellationRequested();

        // A retry after Dispose began is never sent (Dispose's cancellation may run this call on its own thread, before
        // the handler is disposed).
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        call.Trace.Attempts = attempt;
        long started = time.GetTimestamp();
        Attempt<TError, TResult> result;
        try
        {
            result = await AttemptAsync(call.Op, call.Body.WrittenMemory, call.Secrets, call.Timeout, call.Cancellation).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (call.Cancellation.IsCancellationRequested)
        {
            long cancelledAfterMs = ElapsedMs(started);
            ClientLog.Cancelled(logger, call.Op.Name, attempt, cancelledAfterMs);
            throw;
        }

        call.Span.Attempted(result.Answer);
        long latencyMs = ElapsedMs(started);

        // A state-passing match (UnionMatch): two lambdas over this frame's locals would be a closure and two delegates per attempt.
        var attempted = (Client: this, Call: call, Attempt: attempt, Answer: result.Answer, LatencyMs: latencyMs, LastRetryCost: lastRetryCost);
        return await result.Outcome.Match(
            attempted,
            right: static (a, value) => new ValueTask<Either<ActivityFailure<TError>, TResult>>(a.Client.Succeeded(a.Call, a.Attempt, a.Answer, a.LatencyMs, a.LastRetryCost, value)),
            left: static (a, failure) => new ValueTask<Either<ActivityFailure<TError>, TResult>>(a.Client.FailedAsync(a.Call, a.Attempt, a.Answer, a.LatencyMs, failure))).ConfigureAwait(false);
    }

    /// <summary>A successful attempt: logged, and the retry it took given back to the quota.</summary>
    private Either<ActivityFailure<TError>, TResult> Succeeded<TError, TResult>(
        Call<TError, TResult> call, int attempt, AnswerInfo answer, long latencyMs, int lastRetryCost, TResult value)
        where TError : IOperationError
    {
        if (logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
        {
            string requestId = answer.RequestIdOrDash;
            ClientLog.Succeeded(logger, call.Op.Name, attempt, answer.Status, requestId, latencyMs);
        }

        UpdateQuota(static (q, cost) => q.OnSuccess(cost), lastRetryCost);
        return Right(value);
    }

    /// <summary>A failed attempt: logged, then retried (after the core's delay) or the call's outcome.</summary>
    private Task<Either<ActivityFailure<TError>, TResult>> FailedAsync<TError, TResult>(
        Call<TError, TResult> call, int attempt, AnswerInfo answer, long latencyMs, ActivityFailure<TError> failure)
        where TError : IOperationError
    {
        if (logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Information))
        {
            string what = failure.Summary();
            string requestId = answer.RequestIdOrDash;
            ClientLog.Failed(logger, call.Op.Name, attempt, what, failure.Kind, answer.Status, requestId, latencyMs);
        }

        // A clock skew or expired credentials the client cannot correct is the call's outcome as it is, unlogged.
        if (!PrepareRetry(failure, answer.ServerDate))
        {
            return Task.FromResult(Fail<TError, TResult>(failure));
        }

        var failed = new FailedAttempt(failure.Kind, attempt)
        {
            IsTimeout = failure.IsTimeoutOrNetwork,
            RetryAfter = answer.RetryAfter,
            IsLongPolling = call.Op.IsPoll,
        };
        RetryStep step = DecideRetry(failed, randomizer());
        return step.Decision.Match(
            retryAfter: retry => RetryAsync(call, attempt, failure, retry.Delay, step.Cost),
            giveUp: giveUp => giveUp.WaitFirst.Match(
                Some: wait => WaitThenGiveUpAsync(call, attempt, giveUp.Reason, failure, wait),
                None: () => Task.FromResult(GiveUp<TError, TResult>(call.Op.Name, attempt, giveUp.Reason, failure))));
    }

    /// <summary>
    /// The core's decision (<see cref="Retry.Decide(RetryRules, FailedAttempt, RetryQuota, double, RetryPolicy)"/>) on the
    /// client's quota, the retry's cost taken from it: published when no other call changed the bucket meanwhile, else
    /// decided again on the bucket as it is now.
    /// </summary>
    private RetryStep DecideRetry(FailedAttempt failed, double jitter)
    {
        while (true)
        {
            RetryQuota before = Volatile.Read(ref quota);
            RetryStep step = Retry.Decide(settings.Rules, failed, before, jitter, settings.Retry);
            if (step.Cost == 0 || ReferenceEquals(Interlocked.CompareExchange(ref quota, step.Quota, before), before))
            {
                return step;
            }
        }
    }

    /// <summary>A retry the core decided on and paid for: unless the caller asked for no new attempt, waits and attempts again.</summary>
    private async Task<Either<ActivityFailure<TError>, TResult>> RetryAsync<TError, TResult>(
        Call<TError, TResult> call, int attempt, ActivityFailure<TError> failure, TimeSpan delay, int cost)
        where TError : IOperationError
    {
        if (call.StopRetrying.IsCancellationRequested)
        {
            UpdateQuota(static (q, c) => q.OnSuccess(c), cost); // the retry not made is given back
            GaveUp(call.Op.Name, attempt, StopRequested, failure);
            return Fail<TError, TResult>(failure);
        }

        ClientLog.Retrying(logger, call.Op.Name, attempt, (long)delay.TotalMilliseconds);
        if (!await RetryDelayAsync(delay, call.Cancellation, call.StopRetrying).ConfigureAwait(false))
        {
            UpdateQuota(static (q, c) => q.OnSuccess(c), cost); // the retry not made is given back
            GaveUp(call.Op.Name, attempt, StopRequested, failure);
            return Fail<TError, TResult>(failure);
        }

        return await SendFromAsync(call, attempt + 1, cost).ConfigureAwait(false);
    }

    /// <summary>
    /// A long poll whose retry quota is empty, under the 2026 rules: waits the backoff the retry would have waited (a
    /// stop request ends the wait early), then gives up, so that a polling loop never spins while the service fails.
    /// </summary>
    private async Task<Either<ActivityFailure<TError>, TResult>> WaitThenGiveUpAsync<TError, TResult>(
        Call<TError, TResult> call, int attempt, GiveUpReason reason, ActivityFailure<TError> failure, TimeSpan wait)
        where TError : IOperationError
    {
        ClientLog.BackingOffBeforeGivingUp(logger, call.Op.Name, attempt, (long)wait.TotalMilliseconds);
        await RetryDelayAsync(wait, call.Cancellation, call.StopRetrying).ConfigureAwait(false);
        return GiveUp<TError, TResult>(call.Op.Name, attempt, reason, failure);
    }

    /// <summary>
    /// The outcome of a call the core said to give up: the failure itself when it is not retryable (or when no retry was
    /// configured: with MaxAttempts 1 the failure is itself), else <see cref="ActivityFailure{TError}.RetriesExhausted"/>, logged.
    /// </summary>
    private Either<ActivityFailure<TError>, TResult> GiveUp<TError, TResult>(string operation, int attempt, GiveUpReason reason, ActivityFailure<TError> failure)
        where TError : IOperationError =>
        reason.Match(
            notRetryable: _ => Fail<TError, TResult>(failure),
            attemptsExhausted: exhausted => exhausted.Attempts > 1 ? Exhausted<TError, TResult>(operation, attempt, "max attempts reached", failure) : Fail<TError, TResult>(failure),
            quotaEmpty: _ => Exhausted<TError, TResult>(operation, attempt, "retry quota exhausted", failure));

    private Either<ActivityFailure<TError>, TResult> Exhausted<TError, TResult>(string operation, int attempt, string why, ActivityFailure<TError> failure)
        where TError : IOperationError
    {
        GaveUp(operation, attempt, why, failure);
        return Fail<TError, TResult>(new ActivityFailure<TError>.RetriesExhausted(attempt, failure));
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
    private bool PrepareRetry<TError>(ActivityFailure<TError> failure, Option<DateTimeOffset> serverDate)
        where TError : IOperationError
    {
        switch (failure.Kind)
        {
            case ErrorKind.ClockSkew:
                // No Date, or one beyond the plausible (ClockCorrection.Limit): nothing to correct, so no retry.
                return serverDate.Bind(date => ClockCorrection.Offset(date, time.GetUtcNow())).Match(
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

    /// <summary>What every attempt of one call shares, its span included.</summary>
    private sealed record Call<TError, TResult>(
        OperationSpec<TError, TResult> Op, PooledBufferWriter Body, CallSecrets Secrets, TimeSpan Timeout, ClientSpan Span, CallTrace Trace, CancellationToken Cancellation, CancellationToken StopRetrying)
        where TError : IOperationError;
}
