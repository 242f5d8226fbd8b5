using System;
using ActivityCore.Retries;
using FsCheck;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Core.Retries;

/// <summary>The <c>x-amz-retry-after</c> header: milliseconds, invalid values ignored (aws-sdk-go-v2 pull request 3400).</summary>
public class RetryAfterHeaderTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("1500", 1500)]
    [InlineData(" 250 ", 250)]
    [InlineData("000042", 42)]
    public void A_whole_number_of_milliseconds_is_read(string value, int ms) =>
        Assert.Equal(Some(TimeSpan.FromMilliseconds(ms)), RetryAfterHeader.Parse(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-1")]
    [InlineData("+5")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("abc")]
    [InlineData("Wed, 21 Oct 2015 07:28:00 GMT")]
    [InlineData("99999999999999999999999")]
    [InlineData("١٢٣")]
    public void An_invalid_value_is_ignored(string? value) =>
        Assert.Equal(Option<TimeSpan>.None, RetryAfterHeader.Parse(value));

    [Property]
    public bool Parsing_is_total_and_never_negative(string? value) =>
        RetryAfterHeader.Parse(value).ForAll(static d => d >= TimeSpan.Zero);

    [Property]
    public bool Every_non_negative_long_of_milliseconds_within_TimeSpan_round_trips(NonNegativeInt ms) =>
        RetryAfterHeader.Parse(ms.Get.ToString(System.Globalization.CultureInfo.InvariantCulture)) == Some(TimeSpan.FromMilliseconds(ms.Get));

    [Property]
    public bool Clamping_holds_the_value_within_the_backoff_and_5_s_more(NonNegativeInt backoffMs, NonNegativeInt afterMs)
    {
        var backoff = TimeSpan.FromMilliseconds(backoffMs.Get);
        var clamped = RetryAfterHeader.Clamp(backoff, TimeSpan.FromMilliseconds(afterMs.Get));
        return clamped >= backoff && clamped <= backoff + RetryAfterHeader.MaxExtra
               && (afterMs.Get < backoffMs.Get || afterMs.Get > backoffMs.Get + 5000 || clamped == TimeSpan.FromMilliseconds(afterMs.Get));
    }

    [Fact]
    public void Clamping_near_the_largest_TimeSpan_does_not_overflow() =>
        Assert.Equal(TimeSpan.MaxValue, RetryAfterHeader.Clamp(TimeSpan.MaxValue - TimeSpan.FromSeconds(1), TimeSpan.MaxValue));
}
