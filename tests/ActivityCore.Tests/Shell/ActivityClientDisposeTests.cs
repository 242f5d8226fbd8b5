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
}
