using System;
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
/// Regression: <c>ExpiredTokenException</c> was retried with static credentials, which a refresh cannot change, so
/// every retry failed the same way. Only refreshing credentials are asked again and the call retried.
/// </summary>
public class ExpiredStaticCredentialsTests
{
    private static FakeHandler Expired() => FakeHandler.Sequence(
        () => FakeHandler.Error(400, "ExpiredTokenException", "The security token included in the request is expired"),
        () => FakeHandler.Json(200, "{}"));

    public static TheoryData<string> StaticCredentials() => new("basic", "session");

    [Theory]
    [MemberData(nameof(StaticCredentials))]
    public async Task With_static_credentials_an_expired_token_is_not_retried(string kind)
    {
        var handler = Expired();
        AWSCredentials credentials = kind == "basic"
            ? new BasicAWSCredentials(FakeHandler.AccessKey, FakeHandler.SecretKey)
            : new SessionAWSCredentials(FakeHandler.AccessKey, FakeHandler.SecretKey, "session-token");
        using var client = NewClient(Options(handler, credentials));

        var failure = (await client.SendTaskHeartbeatAsync(Token)).LeftOrThrow();

        var error = Assert.IsType<ActivityFailure<SendTaskHeartbeatError>.ServiceError>(failure);
        Assert.Equal("ExpiredTokenException", error.Error.Code);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task With_refreshing_credentials_an_expired_token_is_retried_with_new_ones()
    {
        var handler = Expired();
        var credentials = new CountingRefresh();
        using var client = NewClient(Options(handler, credentials));

        Assert.True((await client.SendTaskHeartbeatAsync(Token)).IsRight);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(2, credentials.Refreshes);
    }

    /// <summary>Refreshing credentials that count how often they were fetched.</summary>
    internal sealed class CountingRefresh : RefreshingAWSCredentials
    {
        private int refreshes;

        public int Refreshes => Volatile.Read(ref refreshes);

        protected override CredentialsRefreshState GenerateNewCredentials()
        {
            Interlocked.Increment(ref refreshes);
            return new CredentialsRefreshState(new ImmutableCredentials(FakeHandler.AccessKey, FakeHandler.SecretKey, null), DateTime.UtcNow.AddHours(1));
        }

        protected override Task<CredentialsRefreshState> GenerateNewCredentialsAsync() => Task.FromResult(GenerateNewCredentials());
    }
}
