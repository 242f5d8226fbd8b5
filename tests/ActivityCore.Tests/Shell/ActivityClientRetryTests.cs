using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local.Protocol;
using ActivityCore.Operations;
using ActivityCore.Retries;
using Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell;

/// <summary>Standard-mode retries through the client: what is retried, how often, the quota, clock skew.</summary>
public class ActivityClientRetryTests
{
    [Fact]
    public async Task Throttling_then_success_is_retried_and_succeeds()
    {
        var handler = FakeHandler.Sequence(
            () => FakeHandler.Error(400, "ThrottlingException", "Rate exceeded"),
            () => FakeHandler.Json(200, "{}"));
        using var client = NewClient(handler);

        var result = await client.SendTaskHeartbeatAsync(Token);

        Assert.True(result.IsRight);
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.True(r.SignatureValid));
    }

    [Fact]
    public async Task Server_errors_beyond_max_attempts_give_retries_exhausted()
    {
        var handler = FakeHandler.Always(() => FakeHandler.Json(500, "{\"__type\":\"InternalFailure\"}"));
        using var client = NewClient(handler);

        var failure = (await client.DescribeActivityAsync(Arn)).LeftOrThrow();

        var exhausted = Assert.IsType<ActivityFailure<DescribeActivityError>.RetriesExhausted>(failure);
        Assert.Equal(3, exhausted.Attempts);
        var last = Assert.IsType<ActivityFailure<DescribeActivityError>.ServiceError>(exhausted.Last);
        Assert.Equal(500, last.StatusCode);
        Assert.Equal("InternalFailure", last.Error.Code);
        Assert.Equal(Some("req-0001"), last.RequestId);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Gateway_statuses_without_a_code_are_retried(int status)
    {
        var handler = FakeHandler.Sequence(() => FakeHandler.Json(status, ""), () => FakeHandler.Json(200, "{}"));
        using var client = NewClient(handler);
        Assert.True((await client.DeleteActivityAsync(Arn)).IsRight);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Theory]
    [InlineData("TaskTimedOut")]
    [InlineData("InvalidToken")]
    [InlineData("AccessDeniedException")]
    public async Task A_failure_that_is_not_retryable_is_sent_once(string code)
    {
        var handler = FakeHandler.Always(() => FakeHandler.Error(400, code));
        using var client = NewClient(handler);

        var failure = (await client.SendTaskSuccessAsync(Token, Output)).LeftOrThrow();

        Assert.IsType<ActivityFailure<SendTaskSuccessError>.ServiceError>(failure);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Connection_failures_are_network_failure_values_and_retried()
    {
        var handler = new FakeHandler((_, _, _) => throw new HttpRequestException("Connection refused (127.0.0.1:9)", new System.Net.Sockets.SocketException(111)));
        using var client = NewClient(handler);

        var failure = (await client.SendTaskHeartbeatAsync(Token)).LeftOrThrow();

        var exhausted = Assert.IsType<ActivityFailure<SendTaskHeartbeatError>.RetriesExhausted>(failure);
        var network = Assert.IsType<ActivityFailure<SendTaskHeartbeatError>.NetworkFailure>(exhausted.Last);
        Assert.Equal("HttpRequestException", network.ExceptionType);
        Assert.Contains("Connection refused", network.Message, StringComparison.Ordinal);
        Assert.Equal(3, handler.Requests.Count);
    }

    [Fact]
    public async Task With_one_attempt_the_failure_is_itself()
    {
        var handler = FakeHandler.Always(() => FakeHandler.Json(503, ""));
        using var client = NewClient(handler, o => o.MaxAttempts = 1);
        var failure = (await client.SendTaskHeartbeatAsync(Token)).LeftOrThrow();
        Assert.IsType<ActivityFailure<SendTaskHeartbeatError>.ServiceError>(failure);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_empty_retry_quota_stops_retries()
    {
        var handler = FakeHandler.Always(() => FakeHandler.Json(503, ""));
        using var client = NewClient(handler, o =>
        {
            o.MaxAttempts = 10;
            o.RetryQuotaCapacity = 7; // one retry (5) fits, a second does not
        });

        var failure = (await client.SendTaskHeartbeatAsync(Token)).LeftOrThrow();

        var exhausted = Assert.IsType<ActivityFailure<SendTaskHeartbeatError>.RetriesExhausted>(failure);
        Assert.Equal(2, exhausted.Attempts);
        Assert.Equal(2, client.RetryQuotaAvailable);
    }

    [Fact]
    public async Task A_success_after_a_retry_refunds_the_quota()
    {
        var handler = FakeHandler.Sequence(() => FakeHandler.Json(503, ""), () => FakeHandler.Json(200, "{}"));
        using var client = NewClient(handler);
        Assert.True((await client.SendTaskHeartbeatAsync(Token)).IsRight);
        Assert.Equal(RetryQuota.InitialTokens, client.RetryQuotaAvailable);
    }

    [Fact]
    public async Task Clock_skew_corrects_the_offset_from_the_date_header_and_retries()
    {
        var serverNow = DateTimeOffset.UtcNow.AddHours(1);
        var handler = FakeHandler.Sequence(
            () =>
            {
                var r = FakeHandler.Error(400, "InvalidSignatureException", "Signature expired: 20260101T000000Z is now earlier than ...");
                r.Headers.Date = serverNow;
                return r;
            },
            () => FakeHandler.Json(200, "{}"));
        using var client = NewClient(handler);

        Assert.True((await client.SendTaskHeartbeatAsync(Token)).IsRight);

        Assert.InRange(client.ClockOffset, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        var second = handler.Requests.Last();
        var signedAt = DateTimeOffset.ParseExact(second.AmzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(signedAt, serverNow.AddMinutes(-1), serverNow.AddMinutes(1));
        Assert.True(second.SignatureValid);
    }

    [Fact]
    public async Task Clock_skew_without_a_date_is_not_retried()
    {
        var handler = FakeHandler.Always(() => FakeHandler.Error(400, "RequestTimeTooSkewed"));
        using var client = NewClient(handler);
        Assert.True((await client.SendTaskHeartbeatAsync(Token)).IsLeft);
        Assert.Single(handler.Requests);
    }
}
