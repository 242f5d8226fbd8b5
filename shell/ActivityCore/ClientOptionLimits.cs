using System;
using System.Globalization;
using ActivityCore.Retries;

namespace ActivityCore;

/// <summary>
/// The one table of the client's option ranges and defaults: <see cref="ActivityClientOptions"/> takes its defaults
/// from here, <see cref="ClientSettings.From"/> checks against it and writes its messages from it (the XML docs of the
/// options state the same numbers; <c>ClientOptionLimitsTests</c> pins docs, defaults and messages to this table).
/// </summary>
internal static class ClientOptionLimits
{
    /// <summary>GetActivityTask's attempt timeout: 61 s..15 min, default 65 s (the service holds a poll up to 60 s).</summary>
    public static readonly Limit<TimeSpan> PollTimeout = new(TimeSpan.FromSeconds(61), TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(65), "61 s..15 min (the service holds a poll up to 60 s)");

    /// <summary>Every other call's attempt timeout: 1 ms..5 min, default 10 s.</summary>
    public static readonly Limit<TimeSpan> RequestTimeout = new(TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(10), "1 ms..5 min");

    /// <summary>The most attempts of a call: 1..<see cref="RetryPolicy.MaxAttemptsLimit"/> (checked by <see cref="RetryPolicy.Create"/>), default 3.</summary>
    public static readonly Limit<int> MaxAttempts = new(1, RetryPolicy.MaxAttemptsLimit, RetryPolicy.Standard.MaxAttempts, "1..20");

    /// <summary>The retry backoff's base: 0..20 s (checked by <see cref="RetryPolicy.Create"/>), default 1 s.</summary>
    public static readonly Limit<TimeSpan> RetryBaseDelay = new(TimeSpan.Zero, TimeSpan.FromSeconds(20), RetryPolicy.Standard.BaseDelay, "0..20 s");

    /// <summary>The retry backoff's cap, not an option: 20 s (the standard mode's).</summary>
    public static readonly TimeSpan MaxBackoff = RetryPolicy.Standard.MaxBackoff;

    /// <summary>The retry quota's capacity: 0..100,000, default 500.</summary>
    public static readonly Limit<int> RetryQuotaCapacity = new(0, 100_000, RetryQuota.InitialTokens, "0..100000");

    /// <summary>The largest answer body read: 64 KiB..256 MiB, default 8 MiB.</summary>
    public static readonly Limit<int> MaxResponseBytes = new(64 * 1024, 256 * 1024 * 1024, ActivityClientOptions.DefaultMaxResponseBytes, "64 KiB..256 MiB");

    /// <summary>The connections per server of the client's own handler: 1..65,536, default 1,024.</summary>
    public static readonly Limit<int> MaxConnectionsPerServer = new(1, 65_536, 1024, "1..65536");

    /// <summary>An option's range (inclusive), its default and the range as the messages write it.</summary>
    /// <typeparam name="T">The option's type.</typeparam>
    /// <param name="Min">The smallest value accepted.</param>
    /// <param name="Max">The largest value accepted.</param>
    /// <param name="Default">The default.</param>
    /// <param name="Text">The range in words, e.g. <c>61 s..15 min</c>.</param>
    internal sealed record Limit<T>(T Min, T Max, T Default, string Text)
        where T : IComparable<T>
    {
        /// <summary>Whether the value is within the range.</summary>
        public bool Contains(T value) => value.CompareTo(Min) >= 0 && value.CompareTo(Max) <= 0;

        /// <summary>The message of a value out of range: <c>must be in {Text}, is {value}</c>.</summary>
        public string OutOfRange(T value) => string.Create(CultureInfo.InvariantCulture, $"must be in {Text}, is {value}");
    }
}
