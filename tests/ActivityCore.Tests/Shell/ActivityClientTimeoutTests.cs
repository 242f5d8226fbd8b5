using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Operations;
using ActivityCore.Retries;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell;

/// <summary>Timeouts as values, the caller's cancellation as an exception, bounded and truncated answers.</summary>
public class ActivityClientTimeoutTests
{
    private static FakeHandler Hanging() => new(async (_, _, ct) =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        throw new InvalidOperationException("unreachable");
    });

    [Fact]
    public async Task A_server_that_hangs_past_the_request_timeout_gives_the_timeout_value()
    {
        var handler = Hanging();
        using var client = NewClient(handler, o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(150);
            o.MaxAttempts = 1;
        });

        var failure = (await client.SendTaskHeartbeatAsync(Token)).LeftOrThrow();

        var timeout = Assert.IsType<ActivityFailure<SendTaskHeartbeatError>.Timeout>(failure);
        Assert.Equal(TimeSpan.FromMilliseconds(150), timeout.Limit);
    }

    [Fact]
    public async Task Timeouts_are_retried_up_to_max_attempts()
    {
        var handler = Hanging();
        using var client = NewClient(handler, o => o.RequestTimeout = TimeSpan.FromMilliseconds(100));

        var failure = (await client.DeleteActivityAsync(Arn)).LeftOrThrow();

        var exhausted = Assert.IsType<ActivityFailure<DeleteActivityError>.RetriesExhausted>(failure);
        Assert.IsType<ActivityFailure<DeleteActivityError>.Timeout>(exhausted.Last);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(RetryQuota.InitialTokens - 20, client.RetryQuotaAvailable); // two timeout retries at 10 each
    }

    [Fact]
    public async Task A_poll_that_hangs_past_the_poll_timeout_gives_the_timeout_value_on_the_fake_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var handler = Hanging();
        using var client = NewClient(handler, o =>
        {
            o.TimeProvider = clock;
            o.MaxAttempts = 1;
        });

        var poll = client.GetActivityTaskAsync(Arn, None);
        await handler.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(2));
        clock.Advance(TimeSpan.FromSeconds(64));
        await Task.Delay(50);
        Assert.False(poll.IsCompleted); // 64 s: still waiting (the service may hold a poll 60 s)
        clock.Advance(TimeSpan.FromSeconds(1));

        var failure = (await poll.WaitAsync(TimeSpan.FromSeconds(2))).LeftOrThrow();
        var timeout = Assert.IsType<ActivityFailure<GetActivityTaskError>.Timeout>(failure);
        Assert.Equal(TimeSpan.FromSeconds(65), timeout.Limit);
    }

    [Fact]
    public async Task The_request_timeout_does_not_apply_to_polls()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var handler = new FakeHandler(async (_, _, ct) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), clock, ct);
            return FakeHandler.Json(200, "{}");
        });
        using var client = NewClient(handler, o =>
        {
            o.TimeProvider = clock;
            o.RequestTimeout = TimeSpan.FromSeconds(1);
        });

        var poll = client.GetActivityTaskAsync(Arn, None);
        await handler.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(2));
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(LanguageExt.Option<ActivityTask>.None, (await poll.WaitAsync(TimeSpan.FromSeconds(2))).RightOrThrow());
    }

    [Fact]
    public async Task Cancellation_mid_poll_throws_and_is_not_retried()
    {
        var handler = Hanging();
        using var client = NewClient(handler);
        using var cts = new CancellationTokenSource();

        var poll = client.GetActivityTaskAsync(Arn, None, cts.Token);
        await handler.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(2));
        await cts.CancelAsync();

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll);
        Assert.Equal(cts.Token, thrown.CancellationToken);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_already_cancelled_token_throws_before_sending()
    {
        var handler = Hanging();
        using var client = NewClient(handler);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendTaskHeartbeatAsync(Token, new CancellationToken(canceled: true)));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Cancellation_during_the_retry_backoff_throws()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var handler = FakeHandler.Always(() => FakeHandler.Json(503, ""));
        using var client = NewClient(handler, o =>
        {
            o.TimeProvider = clock;
            o.RetryBaseDelay = TimeSpan.FromSeconds(20);
        });
        using var cts = new CancellationTokenSource();

        var call = client.SendTaskHeartbeatAsync(Token, cts.Token);
        await handler.FirstRequest.Task.WaitAsync(TimeSpan.FromSeconds(2));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_answer_over_the_bound_is_refused_by_its_length()
    {
        var handler = FakeHandler.Always(() => FakeHandler.Json(200, "{\"taskToken\":\"t\",\"input\":\"" + new string('a', 70_000) + "\"}"));
        using var client = NewClient(handler, o => o.MaxResponseBytes = 64 * 1024);

        var failure = (await client.GetActivityTaskAsync(Arn, None)).LeftOrThrow();

        var refused = Assert.IsType<ActivityFailure<GetActivityTaskError>.ClientFailure>(failure);
        Assert.Equal(ClientFailureReason.ResponseTooLarge, refused.Reason);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_answer_over_the_bound_without_a_length_is_refused_while_reading()
    {
        var handler = FakeHandler.Always(() => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new EndlessStream()),
        });
        using var client = NewClient(handler, o => o.MaxResponseBytes = 64 * 1024);

        var failure = (await client.GetActivityTaskAsync(Arn, None)).LeftOrThrow();

        Assert.Equal(ClientFailureReason.ResponseTooLarge, Assert.IsType<ActivityFailure<GetActivityTaskError>.ClientFailure>(failure).Reason);
    }

    [Fact]
    public async Task A_truncated_body_is_a_network_failure()
    {
        var handler = FakeHandler.Always(() => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(new BreakingStream()),
        });
        using var client = NewClient(handler, o => o.MaxAttempts = 1);

        var failure = (await client.GetActivityTaskAsync(Arn, None)).LeftOrThrow();

        var network = Assert.IsType<ActivityFailure<GetActivityTaskError>.NetworkFailure>(failure);
        Assert.Equal("IOException", network.ExceptionType);
    }

    /// <summary>A body that never ends (no Content-Length).</summary>
    private sealed class EndlessStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            System.Array.Fill(buffer, (byte)'a', offset, count);
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A body cut off after a few bytes, as when the connection drops.</summary>
    private sealed class BreakingStream : Stream
    {
        private bool sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (sent)
            {
                throw new IOException("The response ended prematurely.");
            }

            sent = true;
            buffer[offset] = (byte)'{';
            return 1;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
