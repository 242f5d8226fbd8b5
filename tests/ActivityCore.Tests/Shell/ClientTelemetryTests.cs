using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Errors;
using Amazon.Runtime;
using LanguageExt;
using Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell;

/// <summary>The client's spans, read through the real OpenTelemetry SDK and its in-memory exporter.</summary>
public class ClientTelemetryTests
{
    [Fact]
    public async Task A_successful_call_is_one_client_span_by_the_AWS_SDK_conventions()
    {
        using var otel = new OpenTelemetryCapture();
        var handler = FakeHandler.Always(() => FakeHandler.Json(200, "{\"taskToken\":\"tok-1\",\"input\":\"{}\"}", requestId: "req-42"));
        using var client = NewClient(handler);

        var trace = await InTraceAsync(() => client.GetActivityTaskAsync(Arn, None));

        var span = Assert.Single(otel.SpansOf(trace), s => s.Source.Name == ClientTelemetry.ActivitySourceName);
        Assert.Equal("SFN.GetActivityTask", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        var tags = Tags(span);
        Assert.Equal("aws-api", tags["rpc.system"]);
        Assert.Equal("SFN", tags["rpc.service"]);
        Assert.Equal("GetActivityTask", tags["rpc.method"]);
        Assert.Equal("us-east-1", tags["cloud.region"]);
        Assert.Equal("127.0.0.1", tags["server.address"]);
        Assert.Equal("9", tags["server.port"]);
        Assert.Equal("req-42", tags["aws.request_id"]);
        Assert.Equal("200", tags["http.response.status_code"]);
        Assert.Equal("1", tags[ClientTelemetry.Attempts]);
        Assert.False(tags.ContainsKey("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task A_service_error_sets_error_type_to_its_code_and_the_Error_status()
    {
        using var otel = new OpenTelemetryCapture();
        using var client = NewClient(FakeHandler.Always(() => FakeHandler.Error(400, "ActivityDoesNotExist", requestId: "req-404")));

        var trace = await InTraceAsync(() => client.DescribeActivityAsync(Arn));

        var span = Assert.Single(otel.SpansOf(trace), s => s.Source.Name == ClientTelemetry.ActivitySourceName);
        Assert.Equal("SFN.DescribeActivity", span.DisplayName);
        var tags = Tags(span);
        Assert.Equal("ActivityDoesNotExist", tags["error.type"]);
        Assert.Equal("DescribeActivity", tags["rpc.method"]);
        Assert.Equal("400", tags["http.response.status_code"]);
        Assert.Equal("req-404", tags["aws.request_id"]);
        Assert.Equal("1", tags[ClientTelemetry.Attempts]);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
    }

    [Fact]
    public async Task A_call_with_retries_is_one_span_that_counts_its_attempts()
    {
        using var otel = new OpenTelemetryCapture();
        var handler = FakeHandler.Sequence(
            () => FakeHandler.Error(500, "InternalFailure", requestId: "req-1"),
            () => FakeHandler.Error(400, "ThrottlingException", requestId: "req-2"),
            () => FakeHandler.Json(200, "{}", requestId: "req-3"));
        using var client = NewClient(handler, o => o.MaxAttempts = 3);

        var trace = await InTraceAsync(() => client.SendTaskHeartbeatAsync(Token));

        var span = Assert.Single(otel.SpansOf(trace), s => s.Source.Name == ClientTelemetry.ActivitySourceName);
        Assert.Equal(3, handler.Requests.Count);
        var tags = Tags(span);
        Assert.Equal("SFN.SendTaskHeartbeat", span.DisplayName);
        Assert.Equal("3", tags[ClientTelemetry.Attempts]);
        Assert.Equal("req-3", tags["aws.request_id"]); // the last answer's
        Assert.Equal("200", tags["http.response.status_code"]);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task Exhausted_retries_name_the_last_failure_and_a_timeout_or_network_failure_has_its_own_type()
    {
        using var otel = new OpenTelemetryCapture();
        using var throttled = NewClient(FakeHandler.Always(() => FakeHandler.Error(400, "ThrottlingException")), o => o.MaxAttempts = 2);
        using var unreachable = NewClient(new FakeHandler((_, _, _) => throw new System.Net.Http.HttpRequestException("refused")), o => o.MaxAttempts = 1);

        var first = await InTraceAsync(() => throttled.SendTaskHeartbeatAsync(Token));
        var second = await InTraceAsync(() => unreachable.SendTaskHeartbeatAsync(Token));

        var exhausted = Tags(Assert.Single(otel.SpansOf(first), s => s.Source.Name == ClientTelemetry.ActivitySourceName));
        Assert.Equal("ThrottlingException", exhausted["error.type"]);
        Assert.Equal("2", exhausted[ClientTelemetry.Attempts]);
        var network = Assert.Single(otel.SpansOf(second), s => s.Source.Name == ClientTelemetry.ActivitySourceName);
        Assert.Equal("HttpRequestException", Tags(network)["error.type"]);
        Assert.False(Tags(network).ContainsKey("http.response.status_code")); // no answer came
        Assert.Equal(ActivityStatusCode.Error, network.Status);
    }

    [Fact]
    public async Task No_attribute_carries_a_token_an_output_a_cause_a_key_or_a_signature_even_when_the_server_echoes_them()
    {
        const string Session = "SESSION-TOKEN-0123456789abcdefghijklmnopqrstuvwxyz";
        const string Cause = "SECRET-CAUSE-0123456789";
        using var otel = new OpenTelemetryCapture();

        // A hostile server echoes the request's token in its request id, and its cause in its error message.
        var handler = FakeHandler.Sequence(
            () => FakeHandler.Json(200, "{}", requestId: Token.Reveal()),
            () => FakeHandler.Error(400, "TaskTimedOut", message: Cause + " " + Token.Reveal(), requestId: Token.Reveal()),
            () => FakeHandler.Json(200, "{}", requestId: "req-" + Session));
        using var client = NewClient(handler, o => o.Credentials = new SessionAWSCredentials(FakeHandler.AccessKey, FakeHandler.SecretKey, Session));
        var failure = TaskFailure.Create(Some("Odd"), Some(Cause)).RightOrThrow();

        var trace = await InTraceAsync(async () =>
        {
            await client.SendTaskSuccessAsync(Token, Output);
            await client.SendTaskFailureAsync(Token, failure);
            await client.SendTaskHeartbeatAsync(Token);
        });

        var spans = otel.SpansOf(trace).Where(s => s.Source.Name == ClientTelemetry.ActivitySourceName).ToArray();
        Assert.Equal(3, spans.Length);
        var signatures = handler.Requests.Select(r => r.Headers["Authorization"].Split("Signature=")[1]).ToArray();
        var secrets = new[] { Token.Reveal()[..24], Token.Reveal()[^24..], Output.Json, Cause, Session, FakeHandler.SecretKey, FakeHandler.AccessKey }
            .Concat(signatures).Concat(signatures.Select(s => s[..16]));
        var texts = spans.SelectMany(s => Tags(s).SelectMany(t => new[] { t.Key, t.Value }).Append(s.DisplayName).Append(s.StatusDescription ?? "")).ToArray();
        Assert.All(secrets, secret => Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal)));
        Assert.Equal("TaskTimedOut", Tags(spans[1])["error.type"]);
        Assert.Equal(3, spans.Count(s => Tags(s).ContainsKey("aws.request_id"))); // recorded, without the secret it echoed
    }

    /// <summary>Runs the calls under a test span of their own and answers its trace.</summary>
    private static async Task<ActivityTraceId> InTraceAsync<T>(Func<Task<T>> calls)
    {
        using var root = OpenTelemetryCapture.TestSource.StartActivity("test");
        Assert.NotNull(root);
        await calls();
        return root.TraceId;
    }

    private static Task<ActivityTraceId> InTraceAsync(Func<Task> calls) => InTraceAsync(async () =>
    {
        await calls();
        return 0;
    });

    private static Dictionary<string, string> Tags(Activity span) =>
        span.TagObjects.ToDictionary(t => t.Key, t => Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
}
