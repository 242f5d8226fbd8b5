using System;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Operations;
using ActivityCore.Tests.Regressions;
using Xunit;
using static ActivityCore.Tests.Shell.ClientFixture;

namespace ActivityCore.Tests.Shell;

/// <summary>Credentials: AWSSDK.Core's default chain when none are given, refresh after an expired-token answer.</summary>
public class ActivityClientCredentialTests
{
    [Fact]
    public async Task Without_credentials_the_default_chain_is_used_environment_first()
    {
        string? oldKey = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID");
        string? oldSecret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", FakeHandler.AccessKey);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", FakeHandler.SecretKey);
        try
        {
            var handler = FakeHandler.Always(() => FakeHandler.Json(200, "{}"));
            var options = Options(handler);
            options.Credentials = null;
            using var client = NewClient(options);

            Assert.True((await client.SendTaskHeartbeatAsync(Token)).IsRight);

            var request = handler.Requests.Single();
            Assert.True(request.SignatureValid);
            Assert.Contains("Credential=" + FakeHandler.AccessKey + "/", request.Headers["Authorization"], StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", oldKey);
            Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", oldSecret);
        }
    }

    [Fact]
    public async Task An_expired_token_answer_is_retried_with_fresh_credentials()
    {
        var handler = FakeHandler.Sequence(
            () => FakeHandler.Error(400, "ExpiredTokenException", "The security token included in the request is expired"),
            () => FakeHandler.Json(200, "{}"));
        using var client = NewClient(Options(handler, new Regressions.ExpiredStaticCredentialsTests.CountingRefresh()));

        Assert.True((await client.SendTaskHeartbeatAsync(Token)).IsRight);
        Assert.Equal(2, handler.Requests.Count);
    }
}
