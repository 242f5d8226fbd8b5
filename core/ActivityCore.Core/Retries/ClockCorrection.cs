using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Retries;

/// <summary>
/// The clock correction learnt from a clock-skew answer's <c>Date</c> header, bounded: the service rejects a signature
/// more than 15 minutes off, and a host clock is wrong by minutes, or by up to 14 hours when its time zone is set wrong;
/// an offset beyond <see cref="Limit"/> (24 hours) is not a clock the client can trust, it is a broken or hostile
/// server, and is ignored. Pure and total: no arithmetic here can overflow.
/// </summary>
internal static class ClockCorrection
{
    /// <summary>The largest correction accepted, either way: 24 hours.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromHours(24);

    /// <summary>The server's clock minus ours, when within <see cref="Limit"/>; none otherwise (the answer is not trusted).</summary>
    /// <param name="serverDate">The answer's <c>Date</c>.</param>
    /// <param name="localNow">The local clock when the answer was read.</param>
    /// <returns>The offset to add to the local clock when signing, or none.</returns>
    public static Option<TimeSpan> Offset(DateTimeOffset serverDate, DateTimeOffset localNow)
    {
        // Two instants of 0001..9999 differ by less than TimeSpan.MaxValue: the subtraction cannot overflow.
        TimeSpan offset = serverDate.UtcDateTime - localNow.UtcDateTime;
        return offset >= -Limit && offset <= Limit ? Some(offset) : None;
    }

    /// <summary>The signing time: the local clock plus the offset, held within the range of <see cref="DateTimeOffset"/>.</summary>
    /// <param name="localNow">The local clock.</param>
    /// <param name="offset">The correction (any value).</param>
    /// <returns>The corrected time.</returns>
    public static DateTimeOffset Apply(DateTimeOffset localNow, TimeSpan offset)
    {
        DateTimeOffset now = localNow.ToUniversalTime();
        if (offset > TimeSpan.Zero && offset > DateTimeOffset.MaxValue - now)
        {
            return DateTimeOffset.MaxValue;
        }

        if (offset < TimeSpan.Zero && offset < DateTimeOffset.MinValue - now)
        {
            return DateTimeOffset.MinValue;
        }

        return now + offset;
    }
}
