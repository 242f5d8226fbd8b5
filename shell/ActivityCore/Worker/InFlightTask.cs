using System;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;

namespace ActivityCore.Worker;

/// <summary>
/// A task in the worker's hands: its handler's cancellation, its heartbeats' cancellation, and the flag that makes
/// exactly one of the handler, the heartbeat loop, the handler timeout and the shutdown report on it. Thread-safe.
/// </summary>
internal sealed class InFlightTask : IDisposable
{
    private const int HandlerNotStarted = 0;
    private const int HandlerRunning = 1;
    private const int HandlerReturned = 2;
    private const int HandlerOrphaned = 3;
    private const int NoReason = -1;

    private readonly CancellationTokenSource handlerCancellation = new();
    private readonly CancellationTokenSource heartbeatCancellation = new();
    private readonly TaskCompletionSource settlement = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int settled;
    private int handler; // HandlerNotStarted, HandlerRunning, HandlerReturned or HandlerOrphaned
    private int cancellationReason = NoReason; // a TaskCancellationReason once the handler's token is cancelled

    public InFlightTask(ActivityTask task) => Task = task;

    /// <summary>The task.</summary>
    public ActivityTask Task { get; }

    /// <summary>The handler's token: cancelled by the handler timeout, a heartbeat that says the task ended, or the shutdown.</summary>
    public CancellationToken HandlerToken => handlerCancellation.Token;

    /// <summary>Cancelled once the task is settled.</summary>
    public CancellationToken HeartbeatToken => heartbeatCancellation.Token;

    /// <summary>Whether the task has been settled (reported, or given up).</summary>
    public bool IsSettled => Volatile.Read(ref settled) != 0;

    /// <summary>Takes the right to settle the task: true for the first caller only.</summary>
    /// <returns>Whether this caller settles it.</returns>
    public bool TrySettle() => Interlocked.Exchange(ref settled, 1) == 0;

    /// <summary>Completes when the settler has reported (or given up) and taken the task out of the hand.</summary>
    public System.Threading.Tasks.Task Settlement => settlement.Task;

    /// <summary>Called by the settler when it is done.</summary>
    public void MarkSettled() => settlement.TrySetResult();

    /// <summary>The handler is about to run.</summary>
    public void MarkHandlerRunning() => Interlocked.CompareExchange(ref handler, HandlerRunning, HandlerNotStarted);

    /// <summary>The handler returned (or threw).</summary>
    /// <returns>Whether it was an orphan until now (<see cref="OrphanIfHandlerRuns"/>).</returns>
    public bool MarkHandlerReturned() => Interlocked.Exchange(ref handler, HandlerReturned) == HandlerOrphaned;

    /// <summary>Called once the task has ended (reported, or ended on the service's side): a handler still running is an orphan from now on.</summary>
    /// <returns>Whether the handler became an orphan (true at most once per task).</returns>
    public bool OrphanIfHandlerRuns() => Interlocked.CompareExchange(ref handler, HandlerOrphaned, HandlerRunning) == HandlerRunning;

    /// <summary>Why the handler's token was cancelled, if it was.</summary>
    public Option<TaskCancellationReason> CancellationReason =>
        Volatile.Read(ref cancellationReason) is var r and not NoReason ? Option<TaskCancellationReason>.Some((TaskCancellationReason)r) : Option<TaskCancellationReason>.None;

    /// <summary>Sets the reason (the first one stays), then cancels the handler's token (a disposed source is ignored: the handler has returned).</summary>
    /// <param name="reason">Why.</param>
    public void CancelHandler(TaskCancellationReason reason)
    {
        Interlocked.CompareExchange(ref cancellationReason, (int)reason, NoReason);
        SafeCancel(handlerCancellation);
    }

    /// <summary>Stops the heartbeats.</summary>
    public void StopHeartbeats() => SafeCancel(heartbeatCancellation);

    /// <summary>Frees the cancellation sources.</summary>
    public void Dispose()
    {
        handlerCancellation.Dispose();
        heartbeatCancellation.Dispose();
    }

    private static void SafeCancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the task is over
        }
        catch (AggregateException)
        {
            // a callback registered by the handler threw; the handler's problem, not the worker's
        }
    }
}
