using System;
using System.Globalization;
using System.Text;

namespace ActivityCore;

/// <summary>Durations as people write them in a sentence ("300 ms", "30 s", "1 min 30 s", "2 h"). Pure.</summary>
internal static class Durations
{
    /// <summary>
    /// Writes a duration: under a second in milliseconds, under two minutes in seconds (up to three decimals),
    /// beyond in hours, minutes and seconds, leaving out the parts that are zero. A negative duration is written as
    /// its size with a minus sign.
    /// </summary>
    /// <param name="span">The duration.</param>
    /// <returns>The text, e.g. <c>30 s</c>.</returns>
    public static string Describe(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            return "-" + Describe(span == TimeSpan.MinValue ? TimeSpan.MaxValue : span.Negate());
        }

        if (span == TimeSpan.Zero)
        {
            return "0 s";
        }

        if (span < TimeSpan.FromSeconds(1))
        {
            return Number(span.TotalMilliseconds) + " ms";
        }

        if (span < TimeSpan.FromMinutes(2))
        {
            return Number(span.TotalSeconds) + " s";
        }

        long hours = (long)Math.Floor(span.TotalHours);
        var text = new StringBuilder();
        Append(text, hours, "h");
        Append(text, span.Minutes, "min");
        Append(text, span.Seconds, "s");
        return text.ToString();
    }

    private static string Number(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static void Append(StringBuilder text, long amount, string unit)
    {
        if (amount == 0)
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append(' ');
        }

        text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit);
    }
}
