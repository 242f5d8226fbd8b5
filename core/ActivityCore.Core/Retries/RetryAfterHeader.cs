using System;
using System.Globalization;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Retries;

/// <summary>
/// The <c>x-amz-retry-after</c> response header of the 2026 retry rules: the delay the server recommends before the
/// next attempt, in milliseconds (aws-sdk-go-v2 pull request 3400: "specifies a server-recommended backoff in
/// milliseconds ... clamped between the computed backoff and 5 seconds above it ... Invalid header values are silently
/// ignored"). Pure and total.
/// </summary>
public static class RetryAfterHeader
{
    /// <summary>The header's name: <c>x-amz-retry-after</c>.</summary>
    public const string Name = "x-amz-retry-after";

    /// <summary>How far above the computed backoff the header may take the delay: 5 s.</summary>
    public static readonly TimeSpan MaxExtra = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The header's value as a delay: a whole number of milliseconds, 0 or more, in ASCII digits (surrounding blanks
    /// allowed); none for anything else (absent, empty, negative, fractional, not a number, beyond <see cref="long"/>).
    /// </summary>
    /// <param name="value">The header's value, or null when the answer had none.</param>
    /// <returns>The delay, or none.</returns>
    public static Option<TimeSpan> Parse(string? value)
    {
        if (value is null)
        {
            return None;
        }

        ReadOnlySpan<char> text = value.AsSpan().Trim();
        if (text.IsEmpty || text.ContainsAnyExceptInRange('0', '9'))
        {
            return None;
        }

        // At most TimeSpan.MaxValue's milliseconds; anything longer is not a delay a server means.
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long ms) && ms <= (long)TimeSpan.MaxValue.TotalMilliseconds
            ? Some(TimeSpan.FromMilliseconds(ms))
            : None;
    }

    /// <summary>The delay before the next attempt when the server recommended one: <paramref name="retryAfter"/> held within [<paramref name="backoff"/>, <paramref name="backoff"/> + <see cref="MaxExtra"/>].</summary>
    /// <param name="backoff">The computed backoff (never negative).</param>
    /// <param name="retryAfter">The server's recommendation.</param>
    /// <returns>The delay.</returns>
    public static TimeSpan Clamp(TimeSpan backoff, TimeSpan retryAfter)
    {
        TimeSpan upper = backoff <= TimeSpan.MaxValue - MaxExtra ? backoff + MaxExtra : TimeSpan.MaxValue;
        return retryAfter < backoff ? backoff : retryAfter > upper ? upper : retryAfter;
    }
}
