using System;
using System.Globalization;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ActivityCore.Tests.Local.Http;

public class SigV4VerifierTests
{
    private static readonly LocalCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-01T12:00:00Z", CultureInfo.InvariantCulture);

    private static Task<LocalServer> StartAsync(FakeTimeProvider time, LocalCredentials? credentials = null) =>
        LocalServer.StartAsync(o =>
        {
            o.Credentials = credentials ?? Credentials;
            o.Region = "eu-west-1";
            o.TimeProvider = time;
        });

    private static WireClient Signed(LocalServer s, LocalCredentials credentials, FakeTimeProvider clock, string region = "eu-west-1", string service = "states") =>
        new(s.Local.ServiceUrl, credentials) { SigningRegion = region, SigningService = service, Clock = clock };

    [Fact]
    public async Task A_correctly_signed_request_is_served()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        using var client = Signed(s, Credentials, time);
        var r = await client.CallAsync("CreateActivity", new { name = "signed" });
        Assert.Equal(200, r.Status);
        Assert.Equal("arn:aws:states:eu-west-1:123456789012:activity:signed", r.String("activityArn"));
    }

    [Fact]
    public async Task The_Date_header_tells_the_endpoint_clock_that_judges_signatures()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        using var late = Signed(s, Credentials, new FakeTimeProvider(Now.AddMinutes(-6)));
        using var onTime = Signed(s, Credentials, time);

        var refused = await late.CallAsync("ListActivities", new { });
        var served = await onTime.CallAsync("ListActivities", new { });

        Assert.Equal("InvalidSignatureException", refused.Code);
        Assert.Equal(Now.ToString("r", CultureInfo.InvariantCulture), refused.Date); // not the machine's wall clock
        Assert.Equal(200, served.Status);
        Assert.Equal(Now.ToString("r", CultureInfo.InvariantCulture), served.Date);
    }

    [Fact]
    public async Task No_authorization_is_MissingAuthenticationTokenException()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        using var client = new WireClient(s.Local.ServiceUrl);
        var r = await client.CallAsync("ListActivities", new { });
        Assert.Equal(403, r.Status);
        Assert.Equal("MissingAuthenticationTokenException", r.String("__type"));
        Assert.Equal("Missing Authentication Token", r.Message);
        Assert.NotNull(r.RequestId);
        Assert.StartsWith("MissingAuthenticationTokenException:", r.ErrorTypeHeader, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_access_key_is_UnrecognizedClientException()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        using var client = Signed(s, Credentials with { AccessKeyId = "AKIDOTHER" }, time);
        var r = await client.CallAsync("ListActivities", new { });
        Assert.Equal(403, r.Status);
        Assert.Equal("UnrecognizedClientException", r.String("__type"));
        Assert.Equal("The security token included in the request is invalid.", r.Message);
    }

    [Fact]
    public async Task A_wrong_secret_is_InvalidSignatureException()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        using var client = Signed(s, Credentials with { SecretAccessKey = "wrong" }, time);
        var r = await client.CallAsync("ListActivities", new { });
        Assert.Equal(403, r.Status);
        Assert.Equal("InvalidSignatureException", r.String("__type"));
        Assert.StartsWith("The request signature we calculated does not match", r.Message, StringComparison.Ordinal);
        Assert.Contains("\n\nThe Canonical String for this request should have been\n'POST\n/\n\ncontent-type:application/x-amz-json-1.0\nhost:", r.Message, StringComparison.Ordinal);
        Assert.Contains("\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n", r.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_or_header_changed_after_signing_is_InvalidSignatureException()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        using var client = Signed(s, Credentials, time);
        var body = await client.SendAsync("ListActivities", "{}", m => m.Content = new System.Net.Http.StringContent("{\"maxResults\":1}", null, "application/x-amz-json-1.0"));
        Assert.Equal("InvalidSignatureException", body.Code);
        var target = await client.SendAsync("ListActivities", "{}", m =>
        {
            m.Headers.Remove("X-Amz-Target");
            m.Headers.Add("X-Amz-Target", "AWSStepFunctions.DeleteActivity");
        });
        Assert.Equal("InvalidSignatureException", target.Code);
    }

    [Fact]
    public async Task A_wrong_signing_name_or_region_is_InvalidSignatureException()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        using var swf = Signed(s, Credentials, time, service: "swf");
        var r = await swf.CallAsync("ListActivities", new { });
        Assert.Equal("InvalidSignatureException", r.Code);
        Assert.Contains("correct service: 'states'", r.Message, StringComparison.Ordinal);
        using var elsewhere = Signed(s, Credentials, time, region: "us-east-1");
        var r2 = await elsewhere.CallAsync("ListActivities", new { });
        Assert.Equal("InvalidSignatureException", r2.Code);
        Assert.Contains("valid region", r2.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-301, "Signature expired: 20260301T115459Z is now earlier than 20260301T115500Z (20260301T120000Z - 5 min.)")]
    [InlineData(301, "Signature not yet current: 20260301T120501Z is still later than 20260301T120500Z (20260301T120000Z + 5 min.)")]
    public async Task A_date_more_than_5_minutes_off_is_InvalidSignatureException(int skewSeconds, string message)
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        using var client = Signed(s, Credentials, new FakeTimeProvider(Now.AddSeconds(skewSeconds)));
        var r = await client.CallAsync("ListActivities", new { });
        Assert.Equal(403, r.Status);
        Assert.Equal("InvalidSignatureException", r.Code);
        Assert.Equal(message, r.Message);
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(299)]
    public async Task A_date_within_5_minutes_is_accepted(int skewSeconds)
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        using var client = Signed(s, Credentials, new FakeTimeProvider(Now.AddSeconds(skewSeconds)));
        Assert.Equal(200, (await client.CallAsync("ListActivities", new { })).Status);
    }

    [Fact]
    public async Task A_malformed_authorization_header_is_IncompleteSignatureException()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        using var client = new WireClient(s.Local.ServiceUrl);
        var r = await client.SendAsync("ListActivities", "{}", m => m.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Nonsense"));
        Assert.Equal("IncompleteSignatureException", r.Code);
        var basic = await client.SendAsync("ListActivities", "{}", m => m.Headers.TryAddWithoutValidation("Authorization", "Basic dXNlcjpwYXNz"));
        Assert.Equal("IncompleteSignatureException", basic.Code);
    }

    [Fact]
    public async Task A_configured_session_token_must_be_presented()
    {
        var time = new FakeTimeProvider(Now);
        var withToken = Credentials with { SessionToken = "session-token-value" };
        await using var s = await StartAsync(time, withToken);
        using var good = Signed(s, withToken, time);
        Assert.Equal(200, (await good.CallAsync("ListActivities", new { })).Status);
        using var missing = Signed(s, Credentials, time);
        Assert.Equal("UnrecognizedClientException", (await missing.CallAsync("ListActivities", new { })).Code);
        using var wrong = Signed(s, withToken with { SessionToken = "other" }, time);
        Assert.Equal("UnrecognizedClientException", (await wrong.CallAsync("ListActivities", new { })).Code);
    }

    [Fact]
    public async Task Authentication_comes_before_the_operation_is_looked_at()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        using var client = new WireClient(s.Local.ServiceUrl);
        Assert.Equal("MissingAuthenticationTokenException", (await client.SendAsync("Bogus", "{}")).Code);
    }

    [Fact]
    public async Task The_admin_routes_need_the_same_signature()
    {
        var time = new FakeTimeProvider(Now);
        await using var s = await StartAsync(time);
        using var http = new System.Net.Http.HttpClient();
        var unsigned = await http.GetAsync(new Uri(s.Local.ServiceUrl, "/_local/counters"));
        var signed = await RawHttp.SendAsync(s.Local.ServiceUrl, "GET", "/_local/counters", AdminSigner.Headers("GET", "/_local/counters", s.Local.ServiceUrl.Authority, null, string.Empty, Credentials, "eu-west-1", Now));
        Assert.Equal((403, 200), ((int)unsigned.StatusCode, signed.Status));
    }

    [Fact]
    public void Credentials_never_print_the_secret()
    {
        Assert.DoesNotContain(Credentials.SecretAccessKey, Credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("session-token", (Credentials with { SessionToken = "session-token" }).ToString(), StringComparison.Ordinal);
    }
}
