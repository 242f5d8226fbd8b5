using System;
using System.Collections.Concurrent;
using System.Threading;

namespace ActivityCore.Http;

/// <summary>
/// The attempts' timeout sources, reused: a source (and its timer) whose attempt ended before its timeout is reset
/// (<see cref="CancellationTokenSource.TryReset"/>) and kept for the next attempt, instead of a new source and timer
/// per attempt; one that fired, or whose clock's timer cannot be reset, is disposed. At most <see cref="MaxKept"/> are
/// kept. Thread-safe.
/// </summary>
/// <remarks>
/// A source's token is handed to the HTTP handler (the worker's calls link no caller's token to it). A handler may keep a
/// token after it answered (background work, hedging), and a reused source would then cancel it at a later attempt's
/// timeout: so sources are reused only with the client's own handler, which keeps none (<paramref name="reuse"/>).
/// </remarks>
/// <param name="time">The clock of the timeouts.</param>
/// <param name="reuse">Whether ended sources are kept for later attempts; false disposes each one.</param>
internal sealed class TimeoutSources(TimeProvider time, bool reuse)
{
    /// <summary>The most sources kept for reuse (as many attempts in flight at once reuse them; more get new ones).</summary>
    public const int MaxKept = 256;

    private readonly ConcurrentQueue<CancellationTokenSource> kept = new();
    private int count;

    /// <summary>A source that cancels after <paramref name="timeout"/> on the client's clock; give it back with <see cref="Lease.Dispose"/>.</summary>
    public Lease Start(TimeSpan timeout)
    {
        if (kept.TryDequeue(out var source))
        {
            Interlocked.Decrement(ref count);
        }
        else
        {
            source = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        }

        source.CancelAfter(timeout);
        return new Lease(this, source);
    }

    private void Return(CancellationTokenSource source)
    {
        if (reuse && source.TryReset())
        {
            if (Interlocked.Increment(ref count) <= MaxKept)
            {
                kept.Enqueue(source);
                return;
            }

            Interlocked.Decrement(ref count);
        }

        source.Dispose();
    }

    /// <summary>One attempt's use of a source: disposing it gives the source back (or disposes it if it fired).</summary>
    public readonly struct Lease(TimeoutSources owner, CancellationTokenSource source) : IDisposable
    {
        /// <summary>The source.</summary>
        public CancellationTokenSource Source => source;

        /// <summary>Gives the source back.</summary>
        public void Dispose() => owner.Return(source);
    }
}
