using System;
using ActivityCore.Errors;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Retries;

/// <summary>
/// What <see cref="Retry.Decide(ErrorKind, int, double, RetryPolicy)"/> decided after a failed attempt: retry after a
/// delay (<see cref="RetryAfter"/>), or give up, saying why (<see cref="GiveUp"/>). A closed union: no case can be added
/// outside this assembly; <see cref="Match{TResult}"/> handles every case. Immutable and thread-safe.
/// </summary>
public abstract record RetryDecision
{
    private RetryDecision()
    {
    }

    /// <summary>The delay before the next attempt, or none when the decision is to give up.</summary>
    public Option<TimeSpan> NextDelay => Match(retryAfter: static r => Some(r.Delay), giveUp: static _ => Option<TimeSpan>.None);

    /// <summary>Calls the function for this case and returns its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="retryAfter">Called for <see cref="RetryAfter"/>.</param>
    /// <param name="giveUp">Called for <see cref="GiveUp"/>.</param>
    /// <returns>The result of the function called.</returns>
    public TResult Match<TResult>(Func<RetryAfter, TResult> retryAfter, Func<GiveUp, TResult> giveUp)
    {
        ArgumentNullException.ThrowIfNull(retryAfter);
        ArgumentNullException.ThrowIfNull(giveUp);
        return Select(retryAfter, giveUp);
    }

    /// <summary>Calls the function of this case (the arguments are checked by <see cref="Match{TResult}"/>).</summary>
    private protected abstract TResult Select<TResult>(Func<RetryAfter, TResult> retryAfter, Func<GiveUp, TResult> giveUp);

    /// <summary>Retry after the delay.</summary>
    /// <param name="Delay">The delay before the next attempt (<see cref="Retry.Backoff(int, double, RetryPolicy)"/>), never negative.</param>
    public sealed record RetryAfter(TimeSpan Delay) : RetryDecision
    {
        private protected override TResult Select<TResult>(Func<RetryAfter, TResult> retryAfter, Func<GiveUp, TResult> giveUp) =>
            retryAfter(this);
    }

    /// <summary>Do not retry: the failure is the call's outcome.</summary>
    /// <param name="Reason">Why.</param>
    public sealed record GiveUp(GiveUpReason Reason) : RetryDecision
    {
        /// <summary>
        /// A delay to wait before the failure is returned, or none (the default) to return it at once: some only under
        /// <see cref="RetryRules.Standard2026"/>, for a long-polling operation whose retry quota is empty (so that a
        /// polling loop never spins while the service fails).
        /// </summary>
        public Option<TimeSpan> WaitFirst { get; init; }

        private protected override TResult Select<TResult>(Func<RetryAfter, TResult> retryAfter, Func<GiveUp, TResult> giveUp) =>
            giveUp(this);
    }
}

/// <summary>
/// Why a failure is not retried: its kind is not retryable (<see cref="NotRetryable"/>), the attempts allowed are all made
/// (<see cref="AttemptsExhausted"/>), or the retry quota cannot pay for a retry (<see cref="QuotaEmpty"/>). A closed union:
/// <see cref="Match{TResult}"/> handles every case. Immutable and thread-safe.
/// </summary>
public abstract record GiveUpReason
{
    private GiveUpReason()
    {
    }

    /// <summary>Calls the function for this case and returns its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="notRetryable">Called for <see cref="NotRetryable"/>.</param>
    /// <param name="attemptsExhausted">Called for <see cref="AttemptsExhausted"/>.</param>
    /// <param name="quotaEmpty">Called for <see cref="QuotaEmpty"/>.</param>
    /// <returns>The result of the function called.</returns>
    public TResult Match<TResult>(
        Func<NotRetryable, TResult> notRetryable, Func<AttemptsExhausted, TResult> attemptsExhausted, Func<QuotaEmpty, TResult> quotaEmpty)
    {
        ArgumentNullException.ThrowIfNull(notRetryable);
        ArgumentNullException.ThrowIfNull(attemptsExhausted);
        ArgumentNullException.ThrowIfNull(quotaEmpty);
        return Select(notRetryable, attemptsExhausted, quotaEmpty);
    }

    /// <summary>Calls the function of this case (the arguments are checked by <see cref="Match{TResult}"/>).</summary>
    private protected abstract TResult Select<TResult>(
        Func<NotRetryable, TResult> notRetryable, Func<AttemptsExhausted, TResult> attemptsExhausted, Func<QuotaEmpty, TResult> quotaEmpty);

    /// <summary>The failure's kind is not retryable (<see cref="ErrorKindExtensions.IsRetryable"/> is false).</summary>
    /// <param name="Kind">The kind.</param>
    public sealed record NotRetryable(ErrorKind Kind) : GiveUpReason
    {
        private protected override TResult Select<TResult>(
            Func<NotRetryable, TResult> notRetryable, Func<AttemptsExhausted, TResult> attemptsExhausted, Func<QuotaEmpty, TResult> quotaEmpty) =>
            notRetryable(this);
    }

    /// <summary>The failure is retryable, but <see cref="RetryPolicy.MaxAttempts"/> attempts were made.</summary>
    /// <param name="Attempts">How many attempts were made, the failed one included.</param>
    public sealed record AttemptsExhausted(int Attempts) : GiveUpReason
    {
        private protected override TResult Select<TResult>(
            Func<NotRetryable, TResult> notRetryable, Func<AttemptsExhausted, TResult> attemptsExhausted, Func<QuotaEmpty, TResult> quotaEmpty) =>
            attemptsExhausted(this);
    }

    /// <summary>The failure is retryable and attempts are left, but the retry quota cannot pay for the retry (<see cref="RetryQuota.TryAcquire(RetryRules, ErrorKind, bool)"/>).</summary>
    public sealed record QuotaEmpty : GiveUpReason
    {
        /// <summary>The one instance.</summary>
        public static readonly QuotaEmpty Instance = new();

        private QuotaEmpty()
        {
        }

        private protected override TResult Select<TResult>(
            Func<NotRetryable, TResult> notRetryable, Func<AttemptsExhausted, TResult> attemptsExhausted, Func<QuotaEmpty, TResult> quotaEmpty) =>
            quotaEmpty(this);
    }
}
