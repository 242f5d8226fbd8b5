using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Retries;
using Amazon.Runtime;
using LanguageExt;
using Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;

namespace ActivityCore.Tests.Shell;

/// <summary>
/// The two retry rule sets end to end, against a raw server: <c>x-amz-retry-after</c>, the per-class base delays and
/// costs, and a long poll whose retry quota is empty (it backs off, then gives up) against a report (it fails fast).
/// </summary>
public class ActivityClientRetryRulesTests
{
    private const string Unavailable = "{\"__type\":\"com.amazon.coral.service#ServiceUnavailable\",\"message\":\"try later\"}";
    private const string Throttled = "{\"__type\":\"com.amazon.coral.availability#ThrottlingException\",\"message\":\"Rate exceeded\"}";
    private const string Json = "Content-Type: application/x-amz-json-1.0";

    [Fact]
    public async Task Under_the_2026_rules_a_503_with_x_amz_retry_after_waits_what_the_server_asked()
    {
        var clock = Stopwatch.StartNew();
        var seen = new long[2];
        await using var server = new RawHttpServer((_, i) =>
        {
            seen[Math.Min(i, 1)] = clock.ElapsedMilliseconds;
            return i == 0 ? RawHttpServer.Answer(503, Unavailable, Json, "x-amz-retry-after: 400") : RawHttpServer.Answer(200, "{}", Json);
        });
        var log = new ListLogger();
        using var client = Client(server, RetryRules.Standard2026, o => o.Logger = log);

        var result = await client.SendTaskHeartbeatAsync(Token);

        Assert.True(result.IsRight);
        Assert.Equal(2, server.Requests.Count);
        Assert.Contains(log.Lines, l => l.Contains("retrying after attempt 1 in 400 ms", StringComparison.Ordinal)); // not the 25 ms backoff
        Assert.True(seen[1] - seen[0] >= 390, $"the retry came {seen[1] - seen[0]} ms after the first attempt");
        Assert.Equal(RetryQuota.InitialTokens, client.RetryQuotaAvailable); // the retry's 14 tokens came back with its success
    }

    [Fact]
    public async Task Under_the_standard_rules_x_amz_retry_after_is_not_read()
    {
        await using var server = new RawHttpServer((_, i) =>
            i == 0 ? RawHttpServer.Answer(503, Unavailable, Json, "x-amz-retry-after: 4000") : RawHttpServer.Answer(200, "{}", Json));
        var log = new ListLogger();
        using var client = Client(server, RetryRules.Standard, o => o.Logger = log);

        var clock = Stopwatch.StartNew();
        Assert.True((await client.SendTaskHeartbeatAsync(Token)).IsRight);

        Assert.Contains(log.Lines, l => l.Contains("retrying after attempt 1 in 500 ms", StringComparison.Ordinal)); // 0.5 * 1 s
        Assert.InRange(clock.ElapsedMilliseconds, 450, 3_500);
    }

    [Theory]
    [InlineData(RetryRules.Standard2026, 503, 25, RetryQuota.InitialTokens - 14)]
    [InlineData(RetryRules.Standard2026, 400, 500, RetryQuota.InitialTokens - 5)]
    [InlineData(RetryRules.Standard, 503, 500, RetryQuota.InitialTokens - 5)]
    [InlineData(RetryRules.Standard, 400, 500, RetryQuota.InitialTokens - 5)]
    public async Task The_base_delay_and_the_cost_of_a_retry_follow_the_rules(RetryRules rules, int status, int delayMs, int quotaLeft)
    {
        await using var server = new RawHttpServer((_, _) => RawHttpServer.Answer(status, status == 400 ? Throttled : Unavailable, Json));
        var log = new ListLogger();
        using var client = Client(server, rules, o =>
        {
            o.Logger = log;
            o.MaxAttempts = 2;
        });

        var failure = (await client.DescribeActivityAsync(Arn)).LeftOrThrow();

        Assert.Equal(2, Assert.IsType<ActivityFailure<DescribeActivityError>.RetriesExhausted>(failure).Attempts);
        Assert.Contains(log.Lines, l => l.Contains($"retrying after attempt 1 in {delayMs} ms", StringComparison.Ordinal));
        Assert.Equal(quotaLeft, client.RetryQuotaAvailable);
    }

    [Fact]
    public async Task Under_the_2026_rules_a_poll_whose_quota_is_empty_backs_off_then_returns_without_retrying()
    {
        await using var server = new RawHttpServer((_, _) => RawHttpServer.Answer(503, Unavailable, Json, "x-amz-retry-after: 600"));
        var log = new ListLogger();
        using var client = Client(server, RetryRules.Standard2026, o =>
        {
            o.Logger = log;
            o.RetryQuotaCapacity = 13; // less than the 14 a transient retry costs
            o.Randomizer = static () => 0; // a zero backoff: the wait is the server's 600 ms
        });

        var clock = Stopwatch.StartNew();
        var failure = (await client.GetActivityTaskAsync(Arn, WorkerName.Parse("w").IfLeft(_ => throw new InvalidOperationException()))).LeftOrThrow();

        Assert.InRange(clock.ElapsedMilliseconds, 580, 5_000);
        Assert.Single(server.Requests);
        Assert.Equal(1, Assert.IsType<ActivityFailure<GetActivityTaskError>.RetriesExhausted>(failure).Attempts);
        Assert.Contains(log.Lines, l => l.Contains("the retry quota is empty; a long poll backs off 600 ms", StringComparison.Ordinal));
        Assert.Equal(13, client.RetryQuotaAvailable);
    }

    [Fact]
    public async Task Under_the_2026_rules_a_report_whose_quota_is_empty_fails_fast()
    {
        await using var server = new RawHttpServer((_, _) => RawHttpServer.Answer(503, Unavailable, Json, "x-amz-retry-after: 3000"));
        using var client = Client(server, RetryRules.Standard2026, o =>
        {
            o.RetryQuotaCapacity = 13;
            o.Randomizer = static () => 0;
        });

        var clock = Stopwatch.StartNew();
        var failure = (await client.SendTaskSuccessAsync(Token, Output)).LeftOrThrow();

        Assert.InRange(clock.ElapsedMilliseconds, 0, 2_000);
        Assert.Single(server.Requests);
        Assert.IsType<ActivityFailure<SendTaskSuccessError>.RetriesExhausted>(failure);
    }

    [Fact]
    public async Task Under_the_standard_rules_a_poll_whose_quota_is_empty_fails_fast()
    {
        await using var server = new RawHttpServer((_, _) => RawHttpServer.Answer(503, Unavailable, Json, "x-amz-retry-after: 3000"));
        using var client = Client(server, RetryRules.Standard, o => o.RetryQuotaCapacity = 4);

        var clock = Stopwatch.StartNew();
        var failure = (await client.GetActivityTaskAsync(Arn, Option<WorkerName>.None)).LeftOrThrow();

        Assert.InRange(clock.ElapsedMilliseconds, 0, 2_000);
        Assert.Single(server.Requests);
        Assert.IsType<ActivityFailure<GetActivityTaskError>.RetriesExhausted>(failure);
    }

    [Fact]
    public async Task A_stop_request_ends_the_back_off_of_a_poll_whose_quota_is_empty()
    {
        await using var server = new RawHttpServer((_, _) => RawHttpServer.Answer(503, Unavailable, Json, "x-amz-retry-after: 4000"));
        using var client = Client(server, RetryRules.Standard2026, o =>
        {
            o.RetryQuotaCapacity = 0;
            o.Randomizer = static () => 0;
        });
        using var stop = new System.Threading.CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        var result = await client.GetActivityTaskAsync(Arn, Option<WorkerName>.None, stopRetrying: stop.Token);

        Assert.True(result.IsLeft);
        Assert.InRange(clock.ElapsedMilliseconds, 0, 3_000);
    }

    [Fact]
    public void The_default_rules_are_the_environment_flags()
    {
        var expected = RetryRulesFlag.Parse(Environment.GetEnvironmentVariable(RetryRulesFlag.EnvironmentVariable));
        Assert.Equal(expected, new ActivityClientOptions().RetryRules);
    }

    [Fact]
    public void Rules_outside_the_enum_are_refused()
    {
        var options = new ActivityClientOptions { Region = "us-east-1", RetryRules = (RetryRules)7 };
        var error = ActivityClient.Create(options).LeftOrThrow();
        Assert.Equal("RetryRules", error.Field);
    }

    private static ActivityClient Client(RawHttpServer server, RetryRules rules, Action<ActivityClientOptions> configure)
    {
        var options = new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = server.Url,
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            RetryRules = rules,
            Randomizer = static () => 0.5,
            RequestTimeout = TimeSpan.FromSeconds(10),
        };
        configure(options);
        return NewClient(options);
    }
}
