using System;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Operations;
using Amazon.Runtime;
using Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell;

/// <summary>What goes on the wire, what goes in the logs, and which options are refused.</summary>
public class ActivityClientWireTests
{
    [Fact]
    public async Task Requests_carry_the_protocol_headers_and_a_valid_signature()
    {
        var handler = FakeHandler.Always(() => FakeHandler.Json(200, "{}"));
        using var client = NewClient(handler);

        await client.SendTaskHeartbeatAsync(Token);

        var r = handler.Requests.Single();
        Assert.Equal("application/x-amz-json-1.0", r.Headers["Content-Type"]);
        Assert.Equal("AWSStepFunctions.SendTaskHeartbeat", r.Headers["X-Amz-Target"]);
        Assert.Equal("127.0.0.1:9", r.Headers["Host"]);
        Assert.Matches("^[0-9]{8}T[0-9]{6}Z$", r.Headers["X-Amz-Date"]);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=" + FakeHandler.AccessKey + "/", r.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Contains("/us-east-1/states/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=", r.Headers["Authorization"], StringComparison.Ordinal);
        Assert.False(r.Headers.ContainsKey("X-Amz-Security-Token"));
        Assert.True(r.SignatureValid);
        Assert.Equal("{\"taskToken\":\"" + Token.Reveal() + "\"}", r.Json);
    }

    [Fact]
    public async Task Session_credentials_send_and_sign_the_security_token()
    {
        var handler = FakeHandler.Always(() => FakeHandler.Json(200, "{}"));
        using var client = NewClient(Options(handler, new SessionAWSCredentials(FakeHandler.AccessKey, FakeHandler.SecretKey, "SESSION-TOKEN-123")));

        await client.SendTaskHeartbeatAsync(Token);

        var r = handler.Requests.Single();
        Assert.Equal("SESSION-TOKEN-123", r.Headers["X-Amz-Security-Token"]);
        Assert.Contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,", r.Headers["Authorization"], StringComparison.Ordinal);
        Assert.True(r.SignatureValid);
    }

    [Fact]
    public async Task The_signing_time_comes_from_the_time_provider()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero));
        var handler = FakeHandler.Always(() => FakeHandler.Json(200, "{}"));
        using var client = NewClient(handler, o => o.TimeProvider = clock);

        await client.SendTaskHeartbeatAsync(Token);

        Assert.Equal("20150830T123600Z", handler.Requests.Single().AmzDate);
    }

    [Fact]
    public async Task Logs_carry_operation_attempt_request_id_and_never_a_token_input_output_or_secret()
    {
        var logger = new ListLogger();
        var handler = FakeHandler.Sequence(
            () => FakeHandler.Error(400, "ThrottlingException", "slow down", requestId: "rid-throttled"),
            () => FakeHandler.Json(200, "{\"taskToken\":\"" + Token.Reveal() + "\",\"input\":\"{\\\"secretInput\\\":1}\"}", requestId: "rid-ok"));
        using var client = NewClient(handler, o => o.Logger = logger);

        Assert.True((await client.GetActivityTaskAsync(Arn, None)).IsRight);
        await client.SendTaskSuccessAsync(Token, Output);

        string all = string.Join("\n", logger.Lines);
        Assert.Contains("GetActivityTask attempt 1 failed: ThrottlingException", all, StringComparison.Ordinal);
        Assert.Contains("rid-throttled", all, StringComparison.Ordinal);
        Assert.Contains("GetActivityTask attempt 2 succeeded: HTTP 200, request id rid-ok", all, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-TOKEN", all, StringComparison.Ordinal);
        Assert.DoesNotContain("secretInput", all, StringComparison.Ordinal);
        Assert.DoesNotContain("secretOutput", all, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeHandler.SecretKey, all, StringComparison.Ordinal);
        Assert.DoesNotContain("Signature=", all, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PollTimeout")]
    [InlineData("RequestTimeout")]
    [InlineData("MaxAttempts")]
    [InlineData("RetryBaseDelay")]
    [InlineData("MaxResponseBytes")]
    [InlineData("MaxConnectionsPerServer")]
    [InlineData("RetryQuotaCapacity")]
    [InlineData("Region")]
    [InlineData("ServiceUrl")]
    public void Options_out_of_range_are_refused_with_a_typed_error(string field)
    {
        var options = Options(FakeHandler.Always(() => FakeHandler.Json(200, "{}")));
        switch (field)
        {
            case "PollTimeout": options.PollTimeout = TimeSpan.FromSeconds(60); break;
            case "RequestTimeout": options.RequestTimeout = TimeSpan.Zero; break;
            case "MaxAttempts": options.MaxAttempts = 0; break;
            case "RetryBaseDelay": options.RetryBaseDelay = TimeSpan.FromSeconds(21); break;
            case "MaxResponseBytes": options.MaxResponseBytes = 1024; break;
            case "MaxConnectionsPerServer": options.MaxConnectionsPerServer = 0; break;
            case "RetryQuotaCapacity": options.RetryQuotaCapacity = -1; break;
            case "Region": options.Region = null; break;
            case "ServiceUrl": options.UseFips = true; break;
        }

        var error = ActivityClient.Create(options).LeftOrThrow();
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Defaults_are_the_documented_ones()
    {
        var options = new ActivityClientOptions();
        Assert.Equal(TimeSpan.FromSeconds(65), options.PollTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RequestTimeout);
        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(1), options.RetryBaseDelay);
        Assert.Equal(500, options.RetryQuotaCapacity);
        Assert.Equal(8 * 1024 * 1024, options.MaxResponseBytes);
        Assert.Equal(1024, options.MaxConnectionsPerServer);
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Null(options.Credentials);
    }

    [Fact]
    public void Poll_timeout_of_61_seconds_is_accepted()
    {
        var options = Options(FakeHandler.Always(() => FakeHandler.Json(200, "{}")));
        options.PollTimeout = TimeSpan.FromSeconds(61);
        Assert.True(ActivityClient.Create(options).IsRight);
    }

    [Fact]
    public void Endpoint_is_resolved_from_the_region_without_a_service_url()
    {
        using var client = NewClient(new ActivityClientOptions { Region = "eu-central-1", UseFips = true, Credentials = new BasicAWSCredentials("a", "b") });
        Assert.Equal(new Uri("https://states-fips.eu-central-1.amazonaws.com/"), client.Endpoint);
    }

    [Fact]
    public async Task A_disposed_client_refuses_calls()
    {
        var client = NewClient(FakeHandler.Always(() => FakeHandler.Json(200, "{}")));
        client.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.SendTaskHeartbeatAsync(Token));
    }

    [Fact]
    public async Task Failing_credentials_are_a_client_failure_value()
    {
        var handler = FakeHandler.Always(() => FakeHandler.Json(200, "{}"));
        using var client = NewClient(Options(handler, new BrokenCredentials()));
        var failure = (await client.SendTaskHeartbeatAsync(Token)).LeftOrThrow();
        Assert.Equal(ClientFailureReason.CredentialsUnavailable, Assert.IsType<ActivityFailure<SendTaskHeartbeatError>.ClientFailure>(failure).Reason);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Many_concurrent_polls_share_one_client()
    {
        var handler = new FakeHandler(async (_, _, ct) =>
        {
            await Task.Delay(50, ct);
            return FakeHandler.Json(200, "{}");
        });
        using var client = NewClient(handler);
        var polls = Enumerable.Range(0, 200).Select(_ => client.GetActivityTaskAsync(Arn, None)).ToArray();
        var results = await Task.WhenAll(polls);
        Assert.All(results, r => Assert.True(r.IsRight));
        Assert.Equal(200, handler.Requests.Count);
    }

    private sealed class BrokenCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException("Unable to find credentials");
    }
}
