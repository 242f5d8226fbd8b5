using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local.Protocol;
using ActivityCore.Operations;
using ActivityCore.Tests.Shell;
using Amazon.Runtime;
using Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;

namespace ActivityCore.Tests.Regressions;

/// <summary>
/// Regression: with a user-supplied handler (<c>new SocketsHttpHandler()</c>, <c>new HttpClientHandler()</c>, whose
/// <c>AllowAutoRedirect</c> is true by default) a 307 to another host was followed, and the other host received the
/// security token and the task token. A handler that follows redirects is refused at <see cref="ActivityClient.Create"/>;
/// a 3xx answer is a value; a redirect a hidden handler followed anyway is a failure, never a success.
/// </summary>
public class RedirectTests
{
    private static ActivityClientOptions Options(Uri url, HttpMessageHandler? handler) => new()
    {
        Region = "us-east-1",
        ServiceUrl = url,
        Credentials = new SessionAWSCredentials(FakeHandler.AccessKey, FakeHandler.SecretKey, "SESSION-TOKEN-NOT-FOR-OTHER-HOSTS"),
        HttpMessageHandler = handler,
        RetryBaseDelay = TimeSpan.Zero,
    };

    public static TheoryData<string> RedirectingHandlers() => new("sockets", "client", "delegating-sockets", "delegating-client");

    private static HttpMessageHandler Redirecting(string kind) => kind switch
    {
        "sockets" => new SocketsHttpHandler(),
        "client" => new HttpClientHandler(),
        "delegating-sockets" => new PassThrough(new SocketsHttpHandler()),
        _ => new PassThrough(new PassThrough(new HttpClientHandler())),
    };

    [Theory]
    [MemberData(nameof(RedirectingHandlers))]
    public async Task A_handler_that_follows_redirects_is_refused_and_the_other_host_receives_nothing(string kind)
    {
        await using var other = new RawHttpServer((_, _) => RawHttpServer.Answer(200, "{}"));
        await using var first = new RawHttpServer((_, _) => RawHttpServer.Answer(307, "", $"Location: {other.Url}"));
        using var handler = Redirecting(kind);

        var created = ActivityClient.Create(Options(first.Url, handler));
        if (created.IsRight)
        {
            using var client = created.RightOrThrow();
            _ = await client.SendTaskHeartbeatAsync(Token);
        }

        Assert.Empty(other.Requests);
        var refused = created.LeftOrThrow();
        Assert.Equal("HttpMessageHandler", refused.Field);
        Assert.Contains("AllowAutoRedirect", refused.Message, StringComparison.Ordinal);
    }

    public static TheoryData<bool> NonRedirectingHandlers() => new(true, false);

    [Theory]
    [MemberData(nameof(NonRedirectingHandlers))]
    public async Task A_3xx_answer_is_a_value_and_never_followed(bool ownHandler)
    {
        await using var other = new RawHttpServer((_, _) => RawHttpServer.Answer(200, "{}"));
        await using var first = new RawHttpServer((_, _) => RawHttpServer.Answer(307, "", $"Location: {other.Url}"));
        using var given = new SocketsHttpHandler { AllowAutoRedirect = false };
        using var client = NewClient(Options(first.Url, ownHandler ? null : given));

        var failure = (await client.SendTaskHeartbeatAsync(Token)).LeftOrThrow();

        var error = Assert.IsType<ActivityFailure<SendTaskHeartbeatError>.ServiceError>(failure);
        Assert.Equal(307, error.StatusCode);
        Assert.Single(first.Requests);
        Assert.Empty(other.Requests);
    }

    [Fact]
    public async Task A_redirect_followed_by_a_handler_the_client_cannot_see_into_is_a_failure_not_a_success()
    {
        await using var other = new RawHttpServer((_, _) => RawHttpServer.Answer(200, "{}"));
        await using var first = new RawHttpServer((_, _) => RawHttpServer.Answer(307, "", $"Location: {other.Url}"));
        using var hidden = new Hidden();
        using var client = NewClient(Options(first.Url, hidden));

        var failure = (await client.SendTaskHeartbeatAsync(Token)).LeftOrThrow();

        var refused = Assert.IsType<ActivityFailure<SendTaskHeartbeatError>.ClientFailure>(failure);
        Assert.Equal(ClientFailureReason.RedirectFollowed, refused.Reason);
        Assert.Single(other.Requests); // the handler sent it: the client cannot stop what it cannot see, only refuse the answer
    }

    private sealed class PassThrough(HttpMessageHandler inner) : DelegatingHandler(inner);

    /// <summary>A handler that is no DelegatingHandler and follows redirects inside (an invoker over its own sockets handler).</summary>
    private sealed class Hidden : HttpMessageHandler
    {
        private readonly HttpMessageInvoker inner = new(new SocketsHttpHandler());

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            inner.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
