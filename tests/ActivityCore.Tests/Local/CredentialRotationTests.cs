using System;
using System.Globalization;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ActivityCore.Tests.Local;

/// <summary><see cref="LocalStepFunctions.RotateCredentials"/>: the credentials accepted before a rotation have expired.</summary>
public class CredentialRotationTests
{
    private static readonly LocalCredentials First = new("ASIAFIRST", "first-secret", "first-session");
    private static readonly LocalCredentials Second = new("ASIASECOND", "second-secret", "second-session");
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-01T12:00:00Z", CultureInfo.InvariantCulture);

    private static Task<LocalServer> StartAsync(FakeTimeProvider time) =>
        LocalServer.StartAsync(o =>
        {
            o.Credentials = First;
            o.TimeProvider = time;
        });

    private static WireClient Signed(LocalServer s, LocalCredentials credentials, FakeTimeProvider time) =>
        new(s.Local.ServiceUrl, credentials) { Clock = time };

    [Fact]
    public async Task After_a_rotation_the_old_credentials_are_ExpiredTokenException_and_the_new_ones_are_served()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        using var first = Signed(s, First, time);
        using var second = Signed(s, Second, time);
        Assert.Equal(First, s.Local.Credentials);
        Assert.Equal(200, (await first.CallAsync("ListActivities", new { })).Status);
        Assert.Equal("UnrecognizedClientException", (await second.CallAsync("ListActivities", new { })).Code);

        s.Local.RotateCredentials(Second);

        var expired = await first.CallAsync("ListActivities", new { });
        Assert.Equal(400, expired.Status);
        Assert.Equal("ExpiredTokenException", expired.String("__type")); // no namespace, as AWS sends auth errors
        Assert.Equal("The security token included in the request is expired", expired.Message);
        Assert.StartsWith("ExpiredTokenException:", expired.ErrorTypeHeader, StringComparison.Ordinal);
        Assert.Equal(200, (await second.CallAsync("ListActivities", new { })).Status);
        Assert.Equal(Second, s.Local.Credentials);
    }

    [Fact]
    public async Task Credentials_never_accepted_stay_unrecognized_and_a_rotated_session_token_alone_expires()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        var renewedSession = First with { SessionToken = "first-session-renewed" };
        s.Local.RotateCredentials(renewedSession);

        using var stranger = Signed(s, new LocalCredentials("ASIASTRANGER", "x", "y"), time);
        Assert.Equal("UnrecognizedClientException", (await stranger.CallAsync("ListActivities", new { })).Code);
        using var oldSession = Signed(s, First, time);
        Assert.Equal("ExpiredTokenException", (await oldSession.CallAsync("ListActivities", new { })).Code);
        using var renewed = Signed(s, renewedSession, time);
        Assert.Equal(200, (await renewed.CallAsync("ListActivities", new { })).Status);
    }

    [Fact]
    public async Task Rotating_back_makes_earlier_credentials_current_again()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        s.Local.RotateCredentials(Second);
        s.Local.RotateCredentials(First);

        using var first = Signed(s, First, time);
        using var second = Signed(s, Second, time);
        Assert.Equal(200, (await first.CallAsync("ListActivities", new { })).Status);
        Assert.Equal("ExpiredTokenException", (await second.CallAsync("ListActivities", new { })).Code);
    }

    [Fact]
    public async Task An_expired_key_with_a_wrong_signature_is_still_expired_first()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        s.Local.RotateCredentials(Second);
        using var client = Signed(s, First with { SecretAccessKey = "not-the-secret" }, time);
        Assert.Equal("ExpiredTokenException", (await client.CallAsync("ListActivities", new { })).Code);
    }

    [Fact]
    public async Task Rotation_needs_an_endpoint_that_verifies_signatures()
    {
        await using var s = await LocalServer.StartAsync();
        Assert.Null(s.Local.Credentials);
        Assert.Throws<InvalidOperationException>(() => s.Local.RotateCredentials(Second));
        Assert.Throws<ArgumentNullException>(() => s.Local.RotateCredentials(null!));
    }
}
