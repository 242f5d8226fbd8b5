using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ActivityCore.Http;
using ActivityCore.Operations;
using ActivityCore.Signing;
using Amazon.Runtime;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Http;

/// <summary>
/// The client's signer writes the canonical request and the string to sign as bytes, and keeps the signing key per
/// secret and day: its <c>Authorization</c> header must be the one the core's string path gives
/// (<see cref="SigV4.Canonicalize"/>, <see cref="RequestSigner.Sign"/>, <see cref="SigV4.AuthorizationHeader"/>) for
/// the headers it sends.
/// </summary>
public class RequestSignerTests
{
    private const string AccessKey = "AKIDEXAMPLE";

    [Property(Arbitrary = [typeof(SignerCases)], MaxTest = 300)]
    public bool The_signers_Authorization_is_the_core_paths(SignerCase c)
    {
        var signer = new RequestSigner(c.Endpoint, c.Region);
        var credentials = new ImmutableCredentials(AccessKey, c.Secret, c.SessionToken);
        using var signed = signer.Create(c.Target, c.Body, Some(credentials), c.When);
        return Authorization(signed) == Expected(c.Endpoint, c.Region, c.Target, c.Body, credentials, c.When)
            && signed.Signature == Some(Authorization(signed)[^64..]);
    }

    [Fact]
    public void One_signer_signs_right_across_secrets_and_days()
    {
        var endpoint = new Uri("https://states.eu-west-3.amazonaws.com/");
        var signer = new RequestSigner(endpoint, "eu-west-3");
        byte[] body = Encoding.UTF8.GetBytes("{\"taskToken\":\"AAAA\"}");
        var day = new DateTimeOffset(2026, 12, 2, 23, 59, 59, TimeSpan.Zero);
        var first = new ImmutableCredentials(AccessKey, "secret-one-0123456789", null);
        var second = new ImmutableCredentials(AccessKey, "secret-two-0123456789", "FQoGsession");
        foreach (var (credentials, when) in new[] { (first, day), (first, day), (second, day), (first, day.AddSeconds(1)), (second, day.AddDays(1)), (first, day) })
        {
            using var signed = signer.Create(SendTaskHeartbeat.Target, body, Some(credentials), when);
            Assert.Equal(Expected(endpoint, "eu-west-3", SendTaskHeartbeat.Target, body, credentials, when), Authorization(signed));
            Assert.Equal(SigV4.FormatAmzDate(when), Header(signed, "X-Amz-Date"));
        }
    }

    [Fact]
    public void Without_credentials_the_request_is_unsigned_with_its_date_and_target()
    {
        var signer = new RequestSigner(new Uri("http://127.0.0.1:8083/"), "us-east-1");
        var when = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);
        using var request = signer.Create(GetActivityTask.Target, "{}"u8.ToArray(), Option<ImmutableCredentials>.None, when);
        Assert.False(request.Message.Headers.Contains("Authorization"));
        Assert.Equal(Option<string>.None, request.Signature);
        Assert.Equal("20261202T030000Z", Header(request, "X-Amz-Date"));
        Assert.Equal(GetActivityTask.Target, Header(request, "X-Amz-Target"));
        Assert.Equal("127.0.0.1:8083", request.Message.Headers.Host);
        Assert.Equal(RequestSigner.ContentType, request.Message.Content!.Headers.ContentType!.MediaType);
    }

    /// <summary>The core's string path over the headers the request carries.</summary>
    private static string Expected(Uri endpoint, string region, string target, byte[] body, ImmutableCredentials credentials, DateTimeOffset when)
    {
        string amzDate = SigV4.FormatAmzDate(when);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", RequestSigner.ContentType),
            new("Host", endpoint.Authority),
            new("X-Amz-Date", amzDate),
            new("X-Amz-Target", target),
        };
        if (!string.IsNullOrEmpty(credentials.Token))
        {
            headers.Add(new("X-Amz-Security-Token", credentials.Token));
        }

        var canonical = SigV4.Canonicalize("POST", endpoint.AbsolutePath, string.Empty, headers, SigV4.HashHex(body));
        string stamp = SigV4.DateStamp(amzDate);
        string scope = SigV4.CredentialScope(stamp, region, Endpoints.SigningName);
        string signature = RequestSigner.Sign(credentials.SecretKey, region, stamp, Endpoints.SigningName, SigV4.StringToSign(amzDate, scope, canonical.Text));
        return SigV4.AuthorizationHeader(credentials.AccessKey, scope, canonical.SignedHeaders, signature);
    }

    private static string Authorization(SignedRequest signed) => Header(signed, "Authorization");

    private static string Header(SignedRequest signed, string name) => signed.Message.Headers.GetValues(name).Single();

    public sealed record SignerCase(Uri Endpoint, string Region, string Target, byte[] Body, string Secret, string? SessionToken, DateTimeOffset When)
    {
        public override string ToString() => $"{Endpoint} {Region} {Target} body={Body.Length} token={SessionToken is not null} {When:O}";
    }

    public static class SignerCases
    {
        private static readonly Gen<string> Label = Gen.Choose(1, 12)
            .SelectMany(n => Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray()), n))
            .Select(c => new string(c));

        public static Arbitrary<SignerCase> Cases() => Arb.From(
            from region in Gen.Elements("us-east-1", "eu-west-3", "cn-north-1", "us-gov-west-1", "ap-southeast-2")
            from endpoint in Gen.OneOf(
                Label.Select(l => new Uri("https://" + l + ".example.com/")),
                Gen.Choose(1024, 65535).Select(p => new Uri("http://127.0.0.1:" + p + "/")),
                Gen.Elements("/", "/a", "/a/b-c_d.e~f", "/a b/%20c").Select(p => new Uri("https://states.example.com" + p)))
            from target in Gen.Elements(GetActivityTask.Target, SendTaskSuccess.Target, SendTaskFailure.Target, SendTaskHeartbeat.Target, ListActivities.Target)
            from body in Gen.ListOf(Gen.Choose(0x20, 0x2FF).Select(c => ((char)c).ToString())).Select(p => Encoding.UTF8.GetBytes(string.Concat(p)))
            from secret in Gen.Choose(16, 40).SelectMany(n => Gen.ArrayOf(Gen.Elements("ABCDEFGHIJabcdefghij0123456789+/".ToCharArray()), n)).Select(c => new string(c))
            from token in Gen.OneOf(
                Gen.Constant<string?>(null),
                Gen.Constant<string?>(string.Empty),
                Label.Select(l => (string?)("FQoG" + l + "//==")),
                Gen.Choose(600, 1400).SelectMany(n => Gen.ArrayOf(Gen.Elements("ABCDEFGHIJabcdefghij0123456789+/".ToCharArray()), n)).Select(c => (string?)new string(c)))
            from seconds in Gen.Choose(0, int.MaxValue)
            select new SignerCase(endpoint, region, target, body, secret, token, DateTimeOffset.FromUnixTimeSeconds(seconds)));
    }
}
