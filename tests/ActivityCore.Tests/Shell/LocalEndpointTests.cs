using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local;
using ActivityCore.Local.Protocol;
using ActivityCore.Local.Service;
using ActivityCore.Operations;
using Amazon.Runtime;
using LanguageExt;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell;

/// <summary>
/// End to end: <see cref="ActivityClient"/> against <see cref="LocalStepFunctions"/> on 127.0.0.1, which verifies
/// every SigV4 signature with its own implementation (a wrong signature would be refused).
/// </summary>
public class LocalEndpointTests
{
    private const string AccessKey = "AKIDLOCALTEST";
    private const string SecretKey = "local/test/secret+key/0000000000000000";

    private static Task<LocalStepFunctions> StartAsync(TimeSpan? pollHold = null, string? sessionToken = null) =>
        LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            PollHoldTime = pollHold ?? TimeSpan.FromMilliseconds(200),
            Credentials = new LocalCredentials(AccessKey, SecretKey, sessionToken),
        });

    private static ActivityClient ClientFor(LocalStepFunctions local, Action<ActivityClientOptions>? configure = null, AWSCredentials? credentials = null)
    {
        var options = new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = local.ServiceUrl,
            Credentials = credentials ?? new BasicAWSCredentials(AccessKey, SecretKey),
            RetryBaseDelay = TimeSpan.Zero,
        };
        configure?.Invoke(options);
        return NewClient(options);
    }

    private static ActivityArn ArnOf(string text) => ActivityArn.Parse(text).RightOrThrow();

    [Fact]
    public async Task The_whole_activity_lifecycle_succeeds_with_signing_verified()
    {
        await using var local = await StartAsync();
        using var client = ClientFor(local);

        var created = (await client.CreateActivityAsync(ActivityName.Parse("lifecycle").RightOrThrow())).RightOrThrow();
        var again = (await client.CreateActivityAsync(ActivityName.Parse("lifecycle").RightOrThrow())).RightOrThrow();
        Assert.Equal(created.ActivityArn, again.ActivityArn); // idempotent by name

        var described = (await client.DescribeActivityAsync(created.ActivityArn)).RightOrThrow();
        Assert.Equal("lifecycle", described.Name);
        var page = (await client.ListActivitiesAsync(ListActivitiesRequest.FirstPage)).RightOrThrow();
        Assert.Contains(page.Activities, a => a.ActivityArn.Equals(created.ActivityArn));

        var succeeded = local.EnqueueTask(created.ActivityArn.Value, "{\"n\":1}");
        var task = (ActivityTask)(await client.GetActivityTaskAsync(created.ActivityArn, WorkerName.Parse("w1").ToOption())).RightOrThrow();
        Assert.True((await client.SendTaskHeartbeatAsync(task.Token)).IsRight);
        Assert.True((await client.SendTaskSuccessAsync(task.Token, TaskOutput.Parse("{\"ok\":true}").RightOrThrow())).IsRight);
        var success = Assert.IsType<LocalTaskSucceeded>(await succeeded.Outcome.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Contains("\"ok\"", success.Output, StringComparison.Ordinal);

        var failed = local.EnqueueTask(created.ActivityArn.Value, "{\"n\":2}");
        var second = (ActivityTask)(await client.GetActivityTaskAsync(created.ActivityArn, None)).RightOrThrow();
        Assert.True((await client.SendTaskFailureAsync(second.Token, TaskFailure.Create(Some("Boom"), Some("why")).RightOrThrow())).IsRight);
        var failure = Assert.IsType<LocalTaskFailed>(await failed.Outcome.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal("Boom", failure.Error);

        Assert.True((await client.DeleteActivityAsync(created.ActivityArn)).IsRight);
        var gone = (await client.DescribeActivityAsync(created.ActivityArn)).LeftOrThrow();
        Assert.IsType<DescribeActivityError.ActivityDoesNotExist>(Assert.IsType<ActivityFailure<DescribeActivityError>.ServiceError>(gone).Error);
    }

    [Fact]
    public async Task Empty_poll_gives_none()
    {
        await using var local = await StartAsync(pollHold: TimeSpan.FromMilliseconds(100));
        using var client = ClientFor(local);
        var arn = ArnOf(local.CreateActivity("empty"));
        Assert.Equal(Option<ActivityTask>.None, (await client.GetActivityTaskAsync(arn, None)).RightOrThrow());
    }

    [Fact]
    public async Task Session_credentials_are_signed_and_accepted()
    {
        await using var local = await StartAsync(sessionToken: "LOCAL-SESSION-TOKEN");
        using var client = ClientFor(local, credentials: new SessionAWSCredentials(AccessKey, SecretKey, "LOCAL-SESSION-TOKEN"));
        var arn = ArnOf(local.CreateActivity("session"));
        Assert.True((await client.DescribeActivityAsync(arn)).IsRight);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_endpoints_verifier_and_not_retried()
    {
        await using var local = await StartAsync();
        using var client = ClientFor(local, credentials: new BasicAWSCredentials(AccessKey, "not-the-secret"));
        var arn = ArnOf(local.CreateActivity("wrong"));

        var failure = (await client.DescribeActivityAsync(arn)).LeftOrThrow();

        var error = Assert.IsType<ActivityFailure<DescribeActivityError>.ServiceError>(failure).Error;
        Assert.Equal("InvalidSignatureException", error.Code);
        Assert.Equal(ErrorKind.Configuration, error.Kind);
    }

    public static TheoryData<string, string> ModeledErrors() => ActivityClientOperationTests.ModeledErrors();

    [Theory]
    [MemberData(nameof(ModeledErrors))]
    public async Task Each_modeled_error_from_the_endpoint_comes_back_as_its_case(string operation, string code)
    {
        await using var local = await StartAsync();
        using var client = ClientFor(local, o => o.MaxAttempts = 1);
        local.Faults.Add(Enum.Parse<LocalOperation>(operation), LocalFault.Error(400, code, "injected"));

        var (ok, error) = await ActivityClientOperationTests.Call(client, operation);

        Assert.False(ok);
        Assert.Equal(code, error!.Code);
        Assert.Equal(code, error.GetType().Name);
    }

    [Fact]
    public async Task Errors_the_endpoint_makes_itself_are_modeled_cases()
    {
        await using var local = await StartAsync();
        using var client = ClientFor(local);
        var missing = ArnOf("arn:aws:states:us-east-1:123456789012:activity:never-created");

        var poll = Assert.IsType<ActivityFailure<GetActivityTaskError>.ServiceError>((await client.GetActivityTaskAsync(missing, None)).LeftOrThrow());
        Assert.IsType<GetActivityTaskError.ActivityDoesNotExist>(poll.Error);
        Assert.True(poll.RequestId.IsSome);

        var unknownToken = TaskToken.Parse("bm90LWEtcmVhbC10b2tlbg==").RightOrThrow();
        var heartbeat = Assert.IsType<ActivityFailure<SendTaskHeartbeatError>.ServiceError>((await client.SendTaskHeartbeatAsync(unknownToken)).LeftOrThrow());
        Assert.Equal(ErrorKind.TaskEnded, heartbeat.Error.Kind);
    }

    [Fact]
    public async Task Throttling_then_success_is_retried_and_succeeds()
    {
        await using var local = await StartAsync();
        using var client = ClientFor(local);
        var arn = ArnOf(local.CreateActivity("throttled"));
        var handle = local.EnqueueTask(arn.Value, "{}");
        local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.Throttling, times: 2);

        var task = (await client.GetActivityTaskAsync(arn, None)).RightOrThrow();

        Assert.True(task.IsSome);
        Assert.Equal(0, local.Faults.Pending(LocalOperation.GetActivityTask));
        Assert.Equal(1, handle.Deliveries);
    }

    [Fact]
    public async Task Server_errors_beyond_max_attempts_give_retries_exhausted()
    {
        await using var local = await StartAsync();
        using var client = ClientFor(local);
        var arn = ArnOf(local.CreateActivity("failing"));
        local.Faults.Add(LocalOperation.DescribeActivity, LocalFault.InternalFailure, times: 5);

        var failure = (await client.DescribeActivityAsync(arn)).LeftOrThrow();

        var exhausted = Assert.IsType<ActivityFailure<DescribeActivityError>.RetriesExhausted>(failure);
        Assert.Equal(3, exhausted.Attempts);
        Assert.Equal("InternalFailure", Assert.IsType<ActivityFailure<DescribeActivityError>.ServiceError>(exhausted.Last).Error.Code);
        Assert.Equal(2, local.Faults.Pending(LocalOperation.DescribeActivity));
    }

    [Fact]
    public async Task A_server_that_hangs_past_the_timeout_gives_the_timeout_value()
    {
        await using var local = await StartAsync();
        using var client = ClientFor(local, o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(200);
            o.MaxAttempts = 1;
        });
        var arn = ArnOf(local.CreateActivity("slow"));
        local.Faults.Add(LocalOperation.DescribeActivity, LocalFault.Delay(TimeSpan.FromSeconds(1)));

        var failure = (await client.DescribeActivityAsync(arn)).LeftOrThrow();

        Assert.Equal(TimeSpan.FromMilliseconds(200), Assert.IsType<ActivityFailure<DescribeActivityError>.Timeout>(failure).Limit);
    }

    [Fact]
    public async Task Cancellation_mid_poll_throws()
    {
        await using var local = await StartAsync(pollHold: TimeSpan.FromSeconds(30));
        using var client = ClientFor(local);
        var arn = ArnOf(local.CreateActivity("cancelled"));
        using var cts = new CancellationTokenSource();

        var poll = client.GetActivityTaskAsync(arn, None, cts.Token);
        for (int i = 0; i < 100 && local.HeldPolls(arn.Value) == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, local.HeldPolls(arn.Value));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll.WaitAsync(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task A_truncated_answer_is_a_network_failure()
    {
        await using var local = await StartAsync();
        using var client = ClientFor(local, o => o.MaxAttempts = 1);
        var arn = ArnOf(local.CreateActivity("truncated"));
        local.Faults.Add(LocalOperation.DescribeActivity, LocalFault.TruncatedBody);

        var failure = (await client.DescribeActivityAsync(arn)).LeftOrThrow();

        Assert.True(failure is ActivityFailure<DescribeActivityError>.NetworkFailure or ActivityFailure<DescribeActivityError>.ServiceError { Error.Code: "MalformedResponse" }, failure.ToString());
    }

    [Fact]
    public async Task A_poll_answer_lost_on_the_wire_loses_the_task_even_though_the_poll_is_retried()
    {
        await using var local = await StartAsync(pollHold: TimeSpan.FromMilliseconds(100));
        using var client = ClientFor(local);
        var arn = ArnOf(local.CreateActivity("lost"));
        var handle = local.EnqueueTask(arn.Value, "{}");
        local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.DropAfterDispatch);

        var result = await client.GetActivityTaskAsync(arn, None);

        // The retried poll cannot get the task back: it waits for its timeout (what the README warns about).
        Assert.Equal(Option<ActivityTask>.None, result.RightOrThrow());
        Assert.Equal(1, local.Counters.DeliveriesLost);
        Assert.False(handle.Outcome.IsCompleted);
    }

    [Fact]
    public async Task A_skewed_clock_is_corrected_from_the_answers_date_and_the_call_succeeds()
    {
        await using var local = await StartAsync();
        var skewed = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2));
        using var client = ClientFor(local, o => o.TimeProvider = skewed);
        var arn = ArnOf(local.CreateActivity("skewed"));

        Assert.True((await client.DescribeActivityAsync(arn)).IsRight);
        Assert.InRange(client.ClockOffset, TimeSpan.FromMinutes(119), TimeSpan.FromMinutes(121));
    }

    [Fact]
    public async Task An_endpoint_whose_clock_is_off_is_learnt_from_its_Date_header_and_the_call_succeeds()
    {
        // The endpoint's clock (a fake one, 2 hours ahead) judges the signatures: its Date header must tell that clock.
        var endpointClock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(2));
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            PollHoldTime = TimeSpan.FromMilliseconds(200),
            Credentials = new LocalCredentials(AccessKey, SecretKey),
            TimeProvider = endpointClock,
        });
        using var client = ClientFor(local);
        var arn = ArnOf(local.CreateActivity("endpoint-ahead"));

        Assert.True((await client.DescribeActivityAsync(arn)).IsRight);
        Assert.InRange(client.ClockOffset, TimeSpan.FromMinutes(119), TimeSpan.FromMinutes(121));
    }

    [Fact]
    public async Task Concurrent_long_polls_each_get_one_task()
    {
        await using var local = await StartAsync(pollHold: TimeSpan.FromSeconds(5));
        using var client = ClientFor(local);
        var arn = ArnOf(local.CreateActivity("concurrent"));
        var polls = Enumerable.Range(0, 50).Select(_ => client.GetActivityTaskAsync(arn, None)).ToArray();
        for (int i = 0; i < 200 && local.HeldPolls(arn.Value) < 50; i++)
        {
            await Task.Delay(10);
        }

        var handles = Enumerable.Range(0, 50).Select(i => local.EnqueueTask(arn.Value, $"{{\"i\":{i}}}")).ToArray();
        var results = await Task.WhenAll(polls).WaitAsync(TimeSpan.FromSeconds(5));

        var tokens = results.Select(r => ((ActivityTask)r.RightOrThrow()).Token).ToList();
        Assert.Equal(50, tokens.Distinct().Count());
        Assert.All(handles, h => Assert.Equal(1, h.Deliveries));
    }
    [Fact]
    public async Task The_README_polling_sample_handles_tasks_against_the_local_endpoint()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            PollHoldTime = TimeSpan.FromMilliseconds(200),
            Credentials = new LocalCredentials("AKIDLOCAL", "local-secret"),
        });
        using var client = MyWorker.ClientSample.ForLocal(local.ServiceUrl, "AKIDLOCAL", "local-secret");
        var activity = ArnOf(local.CreateActivity("resize"));
        var good = local.EnqueueTask(activity.Value, """{"width": 64}""");
        using var stop = new CancellationTokenSource();

        var worker = MyWorker.ClientSample.PollAsync(
            client, activity, input => TaskOutput.Parse(input.Json).MapLeft(e => TaskFailure.Bounded("BadOutput", e.ToString())), stop.Token);
        var outcome = await good.Outcome.WaitAsync(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();

        Assert.Equal("""{"width": 64}""", Assert.IsType<LocalTaskSucceeded>(outcome).Output);
        Assert.Equal(1, await worker.WaitAsync(TimeSpan.FromSeconds(2)));
    }
}
