using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local.Protocol;
using ActivityCore.Operations;
using ActivityCore.Tests.Shell;
using ActivityCore.Worker;
using Amazon.Runtime;
using LanguageExt;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Xunit.Abstractions;
using static ActivityCore.Tests.Shell.ClientFixture;

namespace ActivityCore.Tests.Regressions;

/// <summary>
/// Regression: against an endpoint that accepts connections and never answers, <c>StopAsync</c> took 193 s: 3 poll
/// attempts of 65 s plus backoff. Once a stop begins the client starts no new attempt of a poll (a pending retry ends
/// as a value at once); the attempt in flight is never aborted. So a stop is bounded by one poll.
/// </summary>
public class StopBoundedByOnePollTests(ITestOutputHelper output)
{
    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "timed out waiting for " + what);
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Against_a_black_hole_a_stop_takes_the_polls_timeout_not_its_retries()
    {
        await using var blackHole = new RawHttpServer((_, _) => null);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = NewClient(new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = blackHole.Url,
            Credentials = new BasicAWSCredentials(FakeHandler.AccessKey, FakeHandler.SecretKey),
            TimeProvider = clock,
            PollTimeout = ActivityClientOptions.MinPollTimeout,
        });
        await using var worker = ActivityWorker.Create(
                client,
                new ActivityWorkerOptions { ActivityArn = Arn.Value, Pollers = 1, TimeProvider = clock },
                (_, _) => throw new InvalidOperationException("no task can come from a black hole"))
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        await worker.StartAsync();
        await EventuallyAsync(() => blackHole.Requests.Count == 1, "the first poll");

        var started = clock.GetUtcNow();
        var stop = worker.StopAsync();
        clock.Advance(ActivityClientOptions.MinPollTimeout); // the attempt in flight times out
        var finished = await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(10)));
        var stoppedAt = clock.GetUtcNow();
        for (int i = 0; i < 200 && !stop.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(5)); // let a stop that waits for retries end, so that the test ends
            await Task.Delay(20);
        }

        output.WriteLine($"stop against a black hole: {((finished == stop ? stoppedAt : clock.GetUtcNow()) - started).TotalSeconds} s on the fake clock (poll timeout {ActivityClientOptions.MinPollTimeout.TotalSeconds} s), {blackHole.Requests.Count} attempt(s)");
        Assert.Same(stop, finished);
        output.WriteLine($"stop against a black hole: {(clock.GetUtcNow() - started).TotalSeconds} s on the fake clock (poll timeout {ActivityClientOptions.MinPollTimeout.TotalSeconds} s), {blackHole.Requests.Count} attempt(s)");
        Assert.Equal(ActivityClientOptions.MinPollTimeout, stoppedAt - started);
        Assert.Single(blackHole.Requests);
    }

    [Fact]
    public async Task A_stop_ends_a_pending_retry_at_once_with_the_last_failure()
    {
        var handler = FakeHandler.Always(() => FakeHandler.Error(500, "InternalFailure"));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = NewClient(handler, o =>
        {
            o.TimeProvider = clock;
            o.RetryBaseDelay = TimeSpan.FromSeconds(10); // a pending delay that only the fake clock could end
        });
        using var stopRetrying = new CancellationTokenSource();

        var call = client.GetActivityTaskAsync(Arn, Option<WorkerName>.None, CancellationToken.None, stopRetrying.Token);
        await EventuallyAsync(() => handler.Requests.Count == 1, "the first attempt");
        int quota = client.RetryQuotaAvailable;
        await stopRetrying.CancelAsync();
        var finished = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(call, finished);
        var failure = (await call).LeftOrThrow();
        Assert.Equal("InternalFailure", Assert.IsType<ActivityFailure<GetActivityTaskError>.ServiceError>(failure).Error.Code);
        Assert.Single(handler.Requests);
        Assert.True(client.RetryQuotaAvailable >= quota, "the retry not made is not paid for");
    }

    [Fact]
    public async Task After_a_stop_no_new_attempt_starts_and_the_attempt_in_flight_is_never_aborted()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new FakeHandler(async (_, n, _) =>
        {
            await answer.Task; // ignores cancellation, like a server that answers late
            return n == 0
                ? FakeHandler.Json(200, "{\"taskToken\":\"the-token\",\"input\":\"{}\"}")
                : FakeHandler.Json(200, "{}");
        });
        using var client = NewClient(handler);
        using var stopRetrying = new CancellationTokenSource();

        var call = client.GetActivityTaskAsync(Arn, Option<WorkerName>.None, CancellationToken.None, stopRetrying.Token);
        await EventuallyAsync(() => handler.Requests.Count == 1, "the attempt");
        await stopRetrying.CancelAsync();
        answer.SetResult();

        var task = (await call).RightOrThrow();
        Assert.Equal("the-token", task.Map(t => t.Token.Reveal()).IfNone(""));

        // Signalled before the call: the first attempt still runs (the stop concerns retries), a failure is not retried.
        var failing = FakeHandler.Always(() => FakeHandler.Error(503, "ServiceUnavailable"));
        using var second = NewClient(failing);
        var failure = (await second.GetActivityTaskAsync(Arn, Option<WorkerName>.None, CancellationToken.None, stopRetrying.Token)).LeftOrThrow();
        Assert.IsType<ActivityFailure<GetActivityTaskError>.ServiceError>(failure);
        Assert.Single(failing.Requests);
    }
}
