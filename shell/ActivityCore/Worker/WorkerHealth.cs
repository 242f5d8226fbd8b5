using System;
using ActivityCore.Errors;

namespace ActivityCore.Worker;

/// <summary>
/// Whether a worker is working, and if not, why: read it from <see cref="ActivityWorker.Health"/> (no logger needed),
/// or await the first verdict with <see cref="ActivityWorker.WaitForFirstPollAsync"/>. A closed union, immutable and
/// thread-safe; <see cref="Match{TResult}"/> is exhaustive. A failure it carries never holds a secret.
/// </summary>
/// <remarks>
/// Precedence: the phase first (<see cref="NotStarted"/>, <see cref="Stopping"/>, <see cref="Stopped"/>), then the
/// orphans' cap (<see cref="Saturated"/>: no poll is started), then the last poll: <see cref="Starting"/> before any,
/// <see cref="Polling"/> when it was answered, <see cref="Degraded"/> or <see cref="Misconfigured"/> when it failed.
/// </remarks>
public abstract record WorkerHealth
{
    private WorkerHealth()
    {
    }

    /// <summary>Calls the function for this case and returns its result.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="notStarted">Called for <see cref="NotStarted"/>.</param>
    /// <param name="starting">Called for <see cref="Starting"/>.</param>
    /// <param name="polling">Called for <see cref="Polling"/>.</param>
    /// <param name="degraded">Called for <see cref="Degraded"/>.</param>
    /// <param name="misconfigured">Called for <see cref="Misconfigured"/>.</param>
    /// <param name="saturated">Called for <see cref="Saturated"/>.</param>
    /// <param name="stopping">Called for <see cref="Stopping"/>.</param>
    /// <param name="stopped">Called for <see cref="Stopped"/>.</param>
    /// <returns>The function's result.</returns>
    public TResult Match<TResult>(
        Func<NotStarted, TResult> notStarted,
        Func<Starting, TResult> starting,
        Func<Polling, TResult> polling,
        Func<Degraded, TResult> degraded,
        Func<Misconfigured, TResult> misconfigured,
        Func<Saturated, TResult> saturated,
        Func<Stopping, TResult> stopping,
        Func<Stopped, TResult> stopped)
    {
        ArgumentNullException.ThrowIfNull(notStarted);
        ArgumentNullException.ThrowIfNull(starting);
        ArgumentNullException.ThrowIfNull(polling);
        ArgumentNullException.ThrowIfNull(degraded);
        ArgumentNullException.ThrowIfNull(misconfigured);
        ArgumentNullException.ThrowIfNull(saturated);
        ArgumentNullException.ThrowIfNull(stopping);
        ArgumentNullException.ThrowIfNull(stopped);
        return Dispatch(new Cases<TResult>(notStarted, starting, polling, degraded, misconfigured, saturated, stopping, stopped));
    }

    /// <summary>Each case calls its own function: the union is closed, so there is no other case to fall into.</summary>
    private protected abstract TResult Dispatch<TResult>(Cases<TResult> cases);

    /// <summary>The functions of a <see cref="Match{TResult}"/>, one per case.</summary>
    private protected readonly record struct Cases<TResult>(
        Func<NotStarted, TResult> OnNotStarted,
        Func<Starting, TResult> OnStarting,
        Func<Polling, TResult> OnPolling,
        Func<Degraded, TResult> OnDegraded,
        Func<Misconfigured, TResult> OnMisconfigured,
        Func<Saturated, TResult> OnSaturated,
        Func<Stopping, TResult> OnStopping,
        Func<Stopped, TResult> OnStopped);

    /// <summary><see cref="ActivityWorker.StartAsync"/> has not been called.</summary>
    public sealed record NotStarted() : WorkerHealth
    {
        private protected override TResult Dispatch<TResult>(Cases<TResult> cases) => cases.OnNotStarted(this);
    }

    /// <summary>Started; no poll has been answered or has failed yet (the first poll may be held up to 60 s).</summary>
    /// <param name="Since">When the worker started (the worker's clock).</param>
    public sealed record Starting(DateTimeOffset Since) : WorkerHealth
    {
        private protected override TResult Dispatch<TResult>(Cases<TResult> cases) => cases.OnStarting(this);
    }

    /// <summary>Working: the last poll that ended was answered, with a task or empty.</summary>
    /// <param name="Since">When a poll was answered first after the start or after failed polls.</param>
    public sealed record Polling(DateTimeOffset Since) : WorkerHealth
    {
        private protected override TResult Dispatch<TResult>(Cases<TResult> cases) => cases.OnPolling(this);
    }

    /// <summary>
    /// Not working for now: the last poll failed (after the client's own retries) with a failure that may heal by
    /// itself (network, timeouts, 5xx, throttling, clock skew, expired credentials). The pollers back off with
    /// jitter up to <see cref="ActivityWorkerOptions.PollBackoffMax"/> and try again.
    /// </summary>
    /// <param name="LastFailure">The last poll's failure.</param>
    /// <param name="Since">When polls started failing (the first failure since the last answered poll).</param>
    /// <param name="ConsecutiveFailures">Failed polls since the last answered one, all pollers together.</param>
    public sealed record Degraded(ActivityFailure<GetActivityTaskError> LastFailure, DateTimeOffset Since, int ConsecutiveFailures) : WorkerHealth
    {
        private protected override TResult Dispatch<TResult>(Cases<TResult> cases) => cases.OnDegraded(this);
    }

    /// <summary>
    /// Not working until someone fixes the set-up: the last poll failed with a failure that will not heal by itself,
    /// <see cref="ErrorKind.Configuration"/> (no credentials: <see cref="ActivityFailure{TError}.ClientFailure"/>
    /// <see cref="ClientFailureReason.CredentialsUnavailable"/>; a wrong secret: <c>InvalidSignatureException</c>; an
    /// unknown key or token: <c>UnrecognizedClientException</c>; <c>ActivityDoesNotExist</c>, <c>InvalidArn</c>, KMS
    /// access or key state) or <see cref="ErrorKind.Rejected"/> (e.g. <c>AccessDeniedException</c>). The worker keeps
    /// polling every <see cref="ActivityWorkerOptions.PollBackoffMax"/>, so that it recovers by itself once the set-up
    /// is fixed (a role granted, the activity created); a logger gets one Error line when this state is entered.
    /// </summary>
    /// <param name="LastFailure">The last poll's failure: its <see cref="ActivityFailure{TError}.Innermost"/> names the cause.</param>
    /// <param name="Since">When polls started failing (the first failure since the last answered poll).</param>
    /// <param name="ConsecutiveFailures">Failed polls since the last answered one, all pollers together.</param>
    public sealed record Misconfigured(ActivityFailure<GetActivityTaskError> LastFailure, DateTimeOffset Since, int ConsecutiveFailures) : WorkerHealth
    {
        private protected override TResult Dispatch<TResult>(Cases<TResult> cases) => cases.OnMisconfigured(this);

        /// <summary>
        /// One sentence for a person naming the likely fix, from <see cref="LastFailure"/>'s code or reason, e.g. "no AWS
        /// credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile (AWS_PROFILE), or give the
        /// client credentials". Never quotes the service's message.
        /// </summary>
        public string Advice => SetupAdvice.For(LastFailure);
    }

    /// <summary>
    /// Not taking tasks: the handlers still running after their task ended (orphans, see
    /// <see cref="ActivityWorker.OrphanedHandlers"/>) reached <see cref="ActivityWorkerOptions.MaxOrphanedHandlers"/>.
    /// No poll is started until one of them returns; the tasks in hand go on.
    /// </summary>
    /// <param name="OrphanedHandlers">Orphans when the cap was reached.</param>
    /// <param name="Cap">The cap.</param>
    /// <param name="Since">When the cap was reached.</param>
    public sealed record Saturated(int OrphanedHandlers, int Cap, DateTimeOffset Since) : WorkerHealth
    {
        private protected override TResult Dispatch<TResult>(Cases<TResult> cases) => cases.OnSaturated(this);
    }

    /// <summary>A stop was asked: no poll is started; the tasks in hand are finished or failed (see <see cref="WorkerPhase"/>).</summary>
    /// <param name="Phase">The phase of the stop: <see cref="WorkerPhase.ClosingPolls"/>, <see cref="WorkerPhase.Draining"/> or <see cref="WorkerPhase.FailingRemaining"/>.</param>
    public sealed record Stopping(WorkerPhase Phase) : WorkerHealth
    {
        private protected override TResult Dispatch<TResult>(Cases<TResult> cases) => cases.OnStopping(this);
    }

    /// <summary>Stopped: every task received was reported.</summary>
    public sealed record Stopped() : WorkerHealth
    {
        private protected override TResult Dispatch<TResult>(Cases<TResult> cases) => cases.OnStopped(this);
    }
}
