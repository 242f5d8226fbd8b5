using System;
using System.Globalization;
using System.Net.Http;
using System.Threading.Tasks;
using ActivityCore.Retries;
using ActivityCore.Tests.Shell;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;

namespace ActivityCore.Tests.Regressions;

/// <summary>
/// Regression: a <c>403 InvalidSignatureException "Signature expired"</c> with <c>Date: Fri, 31 Dec 9999 23:59:59 GMT</c>
/// set a clock offset of about 2.9 million days, and every later call of that client threw
/// <see cref="ArgumentOutOfRangeException"/> while signing. No server answer may make the client throw: a clock
/// correction beyond <see cref="ClockCorrection.Limit"/> is ignored (and the call not retried).
/// </summary>
public class HostileDateTests
{
    private static HttpResponseMessage SignatureExpired(string date)
    {
        var answer = FakeHandler.Error(403, "InvalidSignatureException", "Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z");
        answer.Headers.TryAddWithoutValidation("Date", date);
        return answer;
    }

    [Theory]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT")]
    [InlineData("Mon, 01 Jan 0001 00:00:00 GMT")]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT")]
    [InlineData("not a date")]
    public async Task A_hostile_date_never_breaks_later_calls(string date)
    {
        var handler = FakeHandler.Sequence(() => SignatureExpired(date), () => FakeHandler.Json(200, "{}"));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = NewClient(handler, o => o.TimeProvider = clock);

        var first = await client.SendTaskHeartbeatAsync(Token);
        clock.Advance(TimeSpan.FromSeconds(2)); // past 9999-12-31T23:59:59.9999999 with the offset that Date implied
        var later = await client.SendTaskHeartbeatAsync(Token);

        Assert.True(first.IsLeft, first.ToString());
        Assert.True(later.IsRight, later.ToString());
        Assert.Equal(TimeSpan.Zero, client.ClockOffset);
    }

    /// <summary>Any second of 0001..9999, or one within two days of now (where a correction is plausible).</summary>
    private static Gen<DateTimeOffset> Dates =>
        Gen.Frequency(
            (3, from days in Gen.Choose(0, 3_652_058)
                from seconds in Gen.Choose(0, 86_399)
                select DateTimeOffset.MinValue.AddDays(days).AddSeconds(seconds)),
            (1, from seconds in Gen.Choose(-172_800, 172_800)
                select DateTimeOffset.UtcNow.AddSeconds(seconds)));

    [Property(MaxTest = 100)]
    public Property For_any_date_later_calls_still_return_values() =>
        Prop.ForAll(
            Arb.From(Dates.Select(d => d.ToString("r", CultureInfo.InvariantCulture))),
            date =>
            {
                var handler = FakeHandler.Sequence(() => SignatureExpired(date), () => FakeHandler.Json(200, "{}"));
                using var client = NewClient(handler);
                _ = client.SendTaskHeartbeatAsync(Token).GetAwaiter().GetResult(); // a value, whatever it is
                var later = client.SendTaskHeartbeatAsync(Token).GetAwaiter().GetResult();
                return later.IsRight && client.ClockOffset.Duration() <= ClockCorrection.Limit;
            });

    [Theory]
    [InlineData(0, true)]
    [InlineData(-23, true)]
    [InlineData(23, true)]
    [InlineData(25, false)]
    [InlineData(-25, false)]
    public void The_correction_is_the_servers_offset_within_the_limit(int hours, bool corrected)
    {
        var now = new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero);
        var offset = ClockCorrection.Offset(now.AddHours(hours), now);
        Assert.Equal(corrected, offset.IsSome);
        Assert.True(offset.Match(Some: o => o == TimeSpan.FromHours(hours), None: () => true));
    }

    [Fact]
    public void The_corrected_signing_time_never_overflows()
    {
        Assert.Equal(DateTimeOffset.MaxValue, ClockCorrection.Apply(DateTimeOffset.MaxValue.AddHours(-1), ClockCorrection.Limit));
        Assert.Equal(DateTimeOffset.MinValue, ClockCorrection.Apply(DateTimeOffset.MinValue.AddHours(1), -ClockCorrection.Limit));
    }
}
