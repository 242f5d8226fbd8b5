using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local;
using ActivityCore.Local.Protocol;
using ActivityCore.Operations;
using ActivityCore.Tests.Shell.Worker;
using ActivityCore.Worker;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Regressions;

/// <summary>
/// Regression (issue 11): with no credentials, a missing activity or a wrong secret the worker retried every 20 s
/// forever and, without a logger, said nothing at all: a new user's first mistake became an unexplained hang. Now
/// <see cref="ActivityWorker.Health"/> names the failure (no logger needed), <see cref="ActivityWorker.WaitForFirstPollAsync"/>
/// answers it at start, and a logger gets it at Error.
/// </summary>
public class SilentMisconfigurationTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task No_credentials_is_named_by_the_worker_s_state_without_a_logger()
    {
        // An endpoint that verifies nothing: the worker's client fails before it sends anything.
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = ShortHold });
        var arn = local.CreateActivity("work");
        using var client = NewClient(local.ServiceUrl, new NoCredentials());
        await using var worker = NewWorker(client, arn);
        await worker.StartAsync();

        var verdict = await worker.WaitForFirstPollAsync(Quickly);

        var misconfigured = Assert.IsType<WorkerHealth.Misconfigured>(verdict);
        var failure = Assert.IsType<ActivityFailure<GetActivityTaskError>.ClientFailure>(misconfigured.LastFailure.Innermost());
        Assert.Equal(ClientFailureReason.CredentialsUnavailable, failure.Reason);
        Assert.Contains("no credentials here", failure.Message, StringComparison.Ordinal);
        Assert.StartsWith("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", misconfigured.Advice, StringComparison.Ordinal);
        Assert.IsType<WorkerHealth.Misconfigured>(worker.Health);
        Assert.Equal(0, local.Counters.PollsServed);
    }

    [Fact]
    public async Task A_missing_activity_is_named_by_the_worker_s_state_without_a_logger()
    {
        await using var f = await StartAsync();
        string missing = f.Arn.Replace(":activity:work", ":activity:missing", StringComparison.Ordinal);
        await using var worker = NewWorker(f.Client, missing);
        await worker.StartAsync();

        var verdict = await worker.WaitForFirstPollAsync(Quickly);

        var misconfigured = Assert.IsType<WorkerHealth.Misconfigured>(verdict);
        var error = Assert.IsType<ActivityFailure<GetActivityTaskError>.ServiceError>(misconfigured.LastFailure.Innermost());
        Assert.IsType<GetActivityTaskError.ActivityDoesNotExist>(error.Error);
        Assert.True(misconfigured.ConsecutiveFailures >= 1);
        Assert.StartsWith("the activity does not exist: create it", misconfigured.Advice, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AKIDRIGHT", "wrong-secret", "InvalidSignatureException")]
    [InlineData("AKIDUNKNOWN", "right-secret", "UnrecognizedClientException")]
    public async Task Wrong_keys_are_named_by_the_worker_s_state_without_a_logger(string accessKey, string secret, string code)
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            PollHoldTime = ShortHold,
            Credentials = new LocalCredentials("AKIDRIGHT", "right-secret"),
        });
        var arn = local.CreateActivity("work");
        using var client = NewClient(local.ServiceUrl, new BasicAWSCredentials(accessKey, secret));
        await using var worker = NewWorker(client, arn);
        await worker.StartAsync();

        var verdict = await worker.WaitForFirstPollAsync(Quickly);

        var misconfigured = Assert.IsType<WorkerHealth.Misconfigured>(verdict);
        var error = Assert.IsType<ActivityFailure<GetActivityTaskError>.ServiceError>(misconfigured.LastFailure.Innermost());
        Assert.Equal(code, error.Error.Code);
        Assert.Equal(ErrorKind.Configuration, misconfigured.LastFailure.Kind);
        Assert.DoesNotContain("wrong-secret", verdict.ToString(), StringComparison.Ordinal);
        Assert.Contains(code, misconfigured.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_that_ran_well_reports_a_later_configuration_failure_keeps_retrying_and_recovers()
    {
        await using var f = await StartAsync();
        await using var worker = NewWorker(f.Client, f.Arn);
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();
        Assert.IsType<WorkerHealth.Polling>(await worker.WaitForFirstPollAsync(Quickly));

        Assert.True((await f.Client.DeleteActivityAsync(ActivityArn.Parse(f.Arn).Match(a => a, e => throw new InvalidOperationException(e.ToString())))).IsRight);
        await WorkerShutdownTests.WaitUntil(() => worker.Health is WorkerHealth.Misconfigured);
        var misconfigured = (WorkerHealth.Misconfigured)worker.Health;
        Assert.IsType<GetActivityTaskError.ActivityDoesNotExist>(Assert.IsType<ActivityFailure<GetActivityTaskError>.ServiceError>(misconfigured.LastFailure.Innermost()).Error);
        long failed = meter[WorkerTelemetry.FailedPolls];
        await WorkerShutdownTests.WaitUntil(() => meter[WorkerTelemetry.FailedPolls] >= failed + 4); // still trying, at the cap (100 ms here)
        Assert.True(((WorkerHealth.Misconfigured)worker.Health).ConsecutiveFailures >= misconfigured.ConsecutiveFailures + 4);
        Assert.Equal(misconfigured.Since, ((WorkerHealth.Misconfigured)worker.Health).Since);

        Assert.Equal(f.Arn, f.Local.CreateActivity("work"));
        var handle = f.Local.EnqueueTask(f.Arn, "5");
        Assert.IsType<LocalTaskSucceeded>(await Within(handle.Outcome));
        Assert.IsType<WorkerHealth.Polling>(worker.Health);
    }

    [Fact]
    public async Task A_failure_that_may_heal_leaves_the_first_verdict_to_the_timeout_on_the_worker_s_clock()
    {
        var fake = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = NewClient(new Uri("http://127.0.0.1:9/"), new BasicAWSCredentials("AKIDEXAMPLE", "secret")); // discard port: refused
        await using var worker = NewWorker(client, "arn:aws:states:us-east-1:123456789012:activity:work", fake);
        await worker.StartAsync();

        await WorkerShutdownTests.WaitUntil(() => worker.Health is WorkerHealth.Degraded);
        var waiting = worker.WaitForFirstPollAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted); // a network failure may heal: no verdict yet
        fake.Advance(TimeSpan.FromSeconds(30));
        var degraded = Assert.IsType<WorkerHealth.Degraded>(await waiting.WaitAsync(Quickly));
        Assert.Equal(ErrorKind.Transient, degraded.LastFailure.Kind);
    }

    [Fact]
    public async Task The_hosted_worker_logs_a_configuration_failure_at_Error()
    {
        await using var f = await StartAsync();
        using var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(new LoggerFactory([logs]));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ActivityArn"] = f.Arn.Replace(":activity:work", ":activity:missing", StringComparison.Ordinal),
            ["Region"] = "us-east-1",
            ["ServiceUrl"] = f.Local.ServiceUrl.ToString(),
            ["PollBackoffBase"] = "0.01",
            ["PollBackoffMax"] = "0.1",
        }).Build();
        services.AddActivityWorker(config, Echo, configureClient: c => c.Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"));
        await using var provider = services.BuildServiceProvider();
        var hosted = provider.GetServices<IHostedService>().Single();
        await hosted.StartAsync(default);
        try
        {
            await WorkerShutdownTests.WaitUntil(() => logs.Records.Any(r => r.Level == LogLevel.Error));
            var line = logs.Records.First(r => r.Level == LogLevel.Error);
            Assert.Contains("ActivityDoesNotExist", line.Message, StringComparison.Ordinal);
            Assert.Contains("the activity does not exist: create it", line.Message, StringComparison.Ordinal);
            Assert.Equal("ActivityCore.ActivityWorker", line.Category);
        }
        finally
        {
            await hosted.StopAsync(default);
        }
    }

    private static ActivityClient NewClient(Uri serviceUrl, AWSCredentials credentials) =>
        ActivityClient.Create(new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = serviceUrl,
            Credentials = credentials,
            MaxAttempts = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(5),
        }).Match(Right: c => c, Left: e => throw new InvalidOperationException(e.ToString()));

    /// <summary>A worker with no logger at all.</summary>
    private static ActivityWorker NewWorker(ActivityClient client, string arn, TimeProvider? time = null) =>
        ActivityWorker.Create(client, new ActivityWorkerOptions
        {
            ActivityArn = arn,
            Pollers = 2,
            MaxTasksInFlight = 4,
            HeartbeatInterval = null,
            DrainTimeout = TimeSpan.FromSeconds(1),
            PollBackoffBase = TimeSpan.FromMilliseconds(10),
            PollBackoffMax = TimeSpan.FromMilliseconds(100),
            TimeProvider = time ?? TimeProvider.System,
        }, Echo).Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));

    /// <summary>A credential source that finds none (as the default chain on a machine without any).</summary>
    private sealed class NoCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException("no credentials here");

        public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromException<ImmutableCredentials>(new AmazonClientException("no credentials here"));
    }
}
