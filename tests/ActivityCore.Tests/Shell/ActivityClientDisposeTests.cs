using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell;

/// <summary>Disposing a client ends its calls in flight, on a handler the caller gave as on the client's own.</summary>
public class ActivityClientDisposeTests
{
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(5);

    /// <summary>A handler that answers only when its request is cancelled (a long poll on a silent server).</summary>
    private static FakeHandler HangingUntilCancelled() => new(async (_, _, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("a cancelled delay never ends otherwise");
    });

    [Fact]
    public async Task Disposing_the_client_ends_a_poll_in_flight_and_its_retry_throws_ObjectDisposedException()
    {
        var handler = HangingUntilCancelled();
        var client = NewClient(handler);
        var poll = client.GetActivityTaskAsync(Arn, None);
        await handler.FirstRequest.Task.WaitAsync(Prompt);

        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => poll.WaitAsync(Prompt));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Disposing_the_client_ends_a_single_attempt_call_in_flight_as_a_network_failure()
    {
        var handler = HangingUntilCancelled();
        var client = NewClient(handler, o => o.MaxAttempts = 1);
        var heartbeat = client.SendTaskHeartbeatAsync(Token);
        await handler.FirstRequest.Task.WaitAsync(Prompt);

        client.Dispose();

        var failure = (await heartbeat.WaitAsync(Prompt)).LeftOrThrow();
        var network = Assert.IsType<ActivityFailure<SendTaskHeartbeatError>.NetworkFailure>(failure);
        Assert.Equal("TaskCanceledException", network.ExceptionType); // as the HttpClient the client used before gave it
    }

    [Fact]
    public async Task No_retry_reaches_the_handler_once_Dispose_has_begun_even_when_the_cancellation_runs_the_call_inline()
    {
        // The handler's cancellation completes a plain completion source, so the call's code after it (its retry) runs
        // on the thread that disposes the client, before Dispose returns.
        for (int round = 0; round < 20; round++)
        {
            var handler = new FakeHandler((_, _, ct) =>
            {
                var answer = new TaskCompletionSource<System.Net.Http.HttpResponseMessage>();
                ct.Register(() => answer.TrySetCanceled(ct));
                return answer.Task;
            });
            var client = NewClient(handler, o => o.MaxAttempts = 3);
            var calls = new[] { client.SendTaskHeartbeatAsync(Token), client.SendTaskHeartbeatAsync(Token), client.SendTaskHeartbeatAsync(Token) };
            while (handler.Requests.Count < calls.Length)
            {
                await Task.Delay(1);
            }

            client.Dispose();

            Assert.Equal(calls.Length, handler.Requests.Count);
            foreach (var call in calls)
            {
                await Assert.ThrowsAsync<ObjectDisposedException>(() => call.WaitAsync(Prompt));
            }
        }
    }

    [Fact]
    public async Task A_token_a_callers_handler_was_given_is_never_cancelled_by_a_later_call()
    {
        // A handler may keep its request's token after answering (background work, hedging): a later call's timeout must
        // not cancel it.
        var tokens = new System.Collections.Concurrent.ConcurrentQueue<CancellationToken>();
        var handler = new FakeHandler(async (_, _, ct) =>
        {
            tokens.Enqueue(ct);
            if (tokens.Count == 1)
            {
                return FakeHandler.Json(200, "{}");
            }

            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("a cancelled delay never ends otherwise");
        });
        using var client = NewClient(handler, o => { o.MaxAttempts = 1; o.RequestTimeout = TimeSpan.FromMilliseconds(300); });

        Assert.True((await client.SendTaskHeartbeatAsync(Token)).IsRight);
        var second = await client.SendTaskHeartbeatAsync(Token);

        Assert.True(second.IsLeft);
        Assert.True(tokens.TryDequeue(out var first));
        Assert.False(first.IsCancellationRequested);
    }
}
