using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// What an attempt's answer said about itself: its HTTP status (0 when there was no answer), its request id (redacted),
/// its <c>Date</c> and its <c>x-amz-retry-after</c>.
/// </summary>
/// <param name="Status">The HTTP status, or 0 when no answer came.</param>
/// <param name="RequestId">The <c>x-amzn-RequestId</c>, without the request's secrets.</param>
/// <param name="ServerDate">The answer's <c>Date</c> header (a clock-skew correction is learnt from it).</param>
internal readonly record struct AnswerInfo(int Status, Option<string> RequestId, Option<DateTimeOffset> ServerDate)
{
    /// <summary>No answer: the attempt failed before one came.</summary>
    public static AnswerInfo None => new(0, Option<string>.None, Option<DateTimeOffset>.None);

    /// <summary>The delay the server recommended in <c>x-amz-retry-after</c> (<see cref="Retries.RetryAfterHeader.Parse"/>), if a valid one; the 2026 retry rules honour it.</summary>
    public Option<TimeSpan> RetryAfter { get; init; }

    /// <summary>The request id for a log line: <c>-</c> when there is none.</summary>
    public string RequestIdOrDash => RequestId.IfNone("-");
}
