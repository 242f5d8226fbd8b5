using System;
using System.Threading;
using System.Threading.Tasks;

namespace ActivityCore.Local.Service;

/// <summary>
/// A one-shot timer on a <see cref="TimeProvider"/> that holds any duration: a timer's due time is capped at
/// 4,294,967,294 ms (about 49.7 days), and the service allows timeouts of up to 99,999,999 s (about 3.2 years), so a
/// longer duration is waited out in steps, each re-armed for what is left on the provider's clock. Disposing it stops it
/// (a callback already running may still finish). Thread-safe.
/// </summary>
internal sealed class LongTimer : IDisposable
{
    /// <summary>The longest step a timer takes.</summary>
    internal static readonly TimeSpan MaxStep = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private readonly TimeProvider time;
    private readonly TimeSpan due;
    private readonly Action callback;
    private readonly long started;
    private readonly object gate = new();
    private ITimer? timer;
    private bool disposed;

    private LongTimer(TimeProvider time, TimeSpan due, Action callback)
    {
        this.time = time;
        this.due = due;
        this.callback = callback;
        this.started = time.GetTimestamp();
    }

    /// <summary>Calls <paramref name="callback"/> once <paramref name="due"/> (zero or more) has passed.</summary>
    internal static LongTimer Start(TimeProvider time, TimeSpan due, Action callback)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(due, TimeSpan.Zero);
        var timer = new LongTimer(time, due, callback);
        timer.Arm(due);
        return timer;
    }

    /// <summary>Waits <paramref name="delay"/> (zero or more, any length) on <paramref name="time"/>.</summary>
    internal static async Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        for (var left = delay; left > TimeSpan.Zero; left = delay - time.GetElapsedTime(started))
        {
            await Task.Delay(left < MaxStep ? left : MaxStep, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            this.timer?.Dispose();
        }
    }

    private void Arm(TimeSpan left)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            this.timer?.Dispose();
            this.timer = this.time.CreateTimer(static state => ((LongTimer)state!).Fire(), this, left < MaxStep ? left : MaxStep, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire()
    {
        var left = this.due - this.time.GetElapsedTime(this.started);
        if (left > TimeSpan.Zero)
        {
            Arm(left);
            return;
        }

        lock (gate)
        {
            if (disposed)
            {
                return;
            }
        }

        this.callback();
    }
}
