using System;
using System.Globalization;

namespace ActivityCore.Worker;

/// <summary>
/// The ranges and defaults of <see cref="ActivityWorkerOptions"/>, in one place: the options' initial values, their XML
/// docs (<c>see cref</c> to these constants), <see cref="WorkerSettings.From"/>'s checks and its messages all use them.
/// </summary>
internal static class WorkerOptionLimits
{
    /// <summary>The fewest pollers: 1.</summary>
    public const int MinPollers = 1;

    /// <summary>The most pollers: 1,000.</summary>
    public const int MaxPollers = 1000;

    /// <summary>The default pollers: 4 (with autoscaling, the fewest).</summary>
    public const int DefaultPollers = 4;

    /// <summary>The default most pollers with autoscaling: 64 (never more than the bound on tasks in flight).</summary>
    public const int DefaultMaxPollers = 64;

    /// <summary>The lowest bound on tasks in flight: 1.</summary>
    public const int MinMaxTasksInFlight = 1;

    /// <summary>The highest bound on tasks in flight: 100,000.</summary>
    public const int MaxMaxTasksInFlight = 100_000;

    /// <summary>The default bound on tasks in flight: 16.</summary>
    public const int DefaultMaxTasksInFlight = 16;

    /// <summary>The lowest cap on orphaned handlers: 1.</summary>
    public const int MinMaxOrphanedHandlers = 1;

    /// <summary>The highest cap on orphaned handlers: 100,000.</summary>
    public const int MaxMaxOrphanedHandlers = 100_000;

    /// <summary>The default cap on orphaned handlers: 16.</summary>
    public const int DefaultMaxOrphanedHandlers = 16;

    /// <summary>The shortest heartbeat interval: 100 ms.</summary>
    public static readonly TimeSpan MinHeartbeatInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest heartbeat interval: 1 day.</summary>
    public static readonly TimeSpan MaxHeartbeatInterval = TimeSpan.FromDays(1);

    /// <summary>The default heartbeat interval: 30 s.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(30);

    /// <summary>The shortest handler timeout: 1 ms.</summary>
    public static readonly TimeSpan MinHandlerTimeout = TimeSpan.FromMilliseconds(1);

    /// <summary>The longest handler timeout: 7 days.</summary>
    public static readonly TimeSpan MaxHandlerTimeout = TimeSpan.FromDays(7);

    /// <summary>The shortest drain timeout: 0 (the tasks in hand are failed at once).</summary>
    public static readonly TimeSpan MinDrainTimeout = TimeSpan.Zero;

    /// <summary>The longest drain timeout: 1 hour.</summary>
    public static readonly TimeSpan MaxDrainTimeout = TimeSpan.FromHours(1);

    /// <summary>The default drain timeout: 30 s.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The smallest poll backoff base: 0.</summary>
    public static readonly TimeSpan MinPollBackoffBase = TimeSpan.Zero;

    /// <summary>The largest poll backoff base: 20 s.</summary>
    public static readonly TimeSpan MaxPollBackoffBase = TimeSpan.FromSeconds(20);

    /// <summary>The default poll backoff base: 1 s.</summary>
    public static readonly TimeSpan DefaultPollBackoffBase = TimeSpan.FromSeconds(1);

    /// <summary>The largest poll backoff cap: 5 min (the smallest is the base).</summary>
    public static readonly TimeSpan MaxPollBackoffMax = TimeSpan.FromMinutes(5);

    /// <summary>The default poll backoff cap: 20 s.</summary>
    public static readonly TimeSpan DefaultPollBackoffMax = TimeSpan.FromSeconds(20);

    /// <summary>Whether a number is in a range, both ends included.</summary>
    /// <param name="value">The number.</param>
    /// <param name="min">The lowest allowed.</param>
    /// <param name="max">The highest allowed.</param>
    /// <returns>True when in range.</returns>
    public static bool InRange(int value, int min, int max) => value >= min && value <= max;

    /// <summary>Whether a duration is in a range, both ends included.</summary>
    /// <param name="value">The duration.</param>
    /// <param name="min">The shortest allowed.</param>
    /// <param name="max">The longest allowed.</param>
    /// <returns>True when in range.</returns>
    public static bool InRange(TimeSpan value, TimeSpan min, TimeSpan max) => value >= min && value <= max;

    /// <summary>A range of numbers for a message: <c>1..1000</c>.</summary>
    /// <param name="min">The lowest allowed.</param>
    /// <param name="max">The highest allowed.</param>
    /// <returns>The text.</returns>
    public static string Describe(int min, int max) =>
        string.Create(CultureInfo.InvariantCulture, $"{min}..{max}");

    /// <summary>A range of durations for a message: <c>100 ms..1 day</c>.</summary>
    /// <param name="min">The shortest allowed.</param>
    /// <param name="max">The longest allowed.</param>
    /// <returns>The text.</returns>
    public static string Describe(TimeSpan min, TimeSpan max) => $"{Describe(min)}..{Describe(max)}";

    /// <summary>A duration for a message: whole days as days (<c>7 days</c>), zero as <c>0</c>, else as people write it (<c>100 ms</c>, <c>1 h</c>).</summary>
    /// <param name="span">The duration.</param>
    /// <returns>The text.</returns>
    public static string Describe(TimeSpan span) => span switch
    {
        { Ticks: 0 } => "0",
        { Ticks: > 0 } when span.Ticks % TimeSpan.TicksPerDay == 0 =>
            span.Days == 1 ? "1 day" : string.Create(CultureInfo.InvariantCulture, $"{span.Days} days"),
        _ => Durations.Describe(span),
    };
}
