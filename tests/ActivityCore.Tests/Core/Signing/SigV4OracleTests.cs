using System;
using System.Collections.Generic;
using System.Linq;
using ActivityCore.Http;
using ActivityCore.Operations;
using ActivityCore.Signing;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ActivityCore.Tests.Core.Signing;

/// <summary>AWSSDK.Core's own <see cref="AWS4Signer.SignRequest(IRequest, IClientConfig, Amazon.Runtime.Internal.Util.RequestMetrics, string, string, DateTime)"/> as an oracle for random POST requests.</summary>
public class SigV4OracleTests
{
    private const string AccessKey = "AKIDEXAMPLE";

    [Property(Arbitrary = [typeof(SignedRequests)], MaxTest = 200)]
    public bool Our_signature_equals_AWS4Signers(SignedRequest r)
    {
        var config = new OracleConfig { AuthenticationRegion = r.Region, AuthenticationServiceName = r.Service };
        var request = new DefaultRequest(new OracleRequest(), r.Service)
        {
            HttpMethod = "POST",
            Endpoint = new Uri("https://" + r.Host + "/"),
            ResourcePath = r.Path,
            Content = System.Text.Encoding.UTF8.GetBytes(r.Body),
            AuthenticationRegion = r.Region,
        };
        foreach (var (name, value) in r.Headers)
        {
            request.Headers[name] = value;
        }

        if (r.SessionToken is { } token)
        {
            request.Headers["X-Amz-Security-Token"] = token;
        }

        var expected = new AWS4Signer().SignRequest(request, config, null, AccessKey, r.Secret, r.When.UtcDateTime);

        // The same request through the core: the headers AWS4Signer ended with (host, x-amz-date, x-amz-content-sha256 added).
        string amzDate = SigV4.FormatAmzDate(r.When);
        var headers = request.Headers.Where(h => !h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).ToList();
        var canonical = SigV4.Canonicalize("POST", r.Path, string.Empty, headers, SigV4.HashHex(System.Text.Encoding.UTF8.GetBytes(r.Body)));
        string scope = SigV4.CredentialScope(SigV4.DateStamp(amzDate), r.Region, r.Service);
        string signature = RequestSigner.Sign(r.Secret, r.Region, SigV4.DateStamp(amzDate), r.Service, SigV4.StringToSign(amzDate, scope, canonical.Text));
        string ours = SigV4.AuthorizationHeader(AccessKey, scope, canonical.SignedHeaders, signature);
        return ours == expected.ForAuthorizationHeader;
    }

    public sealed record SignedRequest(
        string Region, string Service, string Host, string Path, string Body, string Secret, DateTimeOffset When,
        IReadOnlyList<KeyValuePair<string, string>> Headers, string? SessionToken)
    {
        public override string ToString() =>
            $"{Region} {Service} {Host}{Path} body={Body.Length} headers=[{string.Join(", ", Headers.Select(h => h.Key + ": " + h.Value))}] token={SessionToken is not null}";
    }

    public static class SignedRequests
    {
        private static readonly Gen<string> Label = Gen.Choose(1, 10)
            .SelectMany(n => Gen.ArrayOf(Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789".ToCharArray()), n))
            .Select(c => new string(c));

        private static readonly Gen<string> HeaderValue = Gen.ListOf(Gen.Frequency(
                (8, Gen.Choose(0x21, 0x7E).Select(c => ((char)c).ToString())),
                (2, Gen.Elements(" ", "  "))))
            .Select(parts => string.Concat(parts));

        private static readonly Gen<KeyValuePair<string, string>> Header =
            from name in Label
            from upper in Gen.Elements(true, false)
            from value in HeaderValue
            select new KeyValuePair<string, string>("X-Test-" + (upper ? name.ToUpperInvariant() : name), value);

        public static Arbitrary<SignedRequest> Requests() => Arb.From(
            from region in Gen.Elements("us-east-1", "eu-west-3", "cn-north-1", "us-gov-west-1", "ap-southeast-2")
            from service in Gen.Elements("states", "service")
            from host in Label.Select(l => l + ".example.com")
            from path in Gen.Elements("/", "/a", "/a/b-c_d.e~f")
            from body in Gen.ListOf(Gen.Choose(0x20, 0x2FF).Select(c => ((char)c).ToString())).Select(p => string.Concat(p))
            from secret in Gen.Choose(16, 40).SelectMany(n => Gen.ArrayOf(Gen.Elements("ABCDEFGHIJabcdefghij0123456789+/".ToCharArray()), n)).Select(c => new string(c))
            from seconds in Gen.Choose(0, int.MaxValue)
            from headers in Gen.ListOf(Header)
            from token in Gen.OneOf(Gen.Constant<string?>(null), Label.Select(l => (string?)("FQoG" + l + "//==")))
            select new SignedRequest(
                region, service, host, path, body, secret,
                DateTimeOffset.FromUnixTimeSeconds(seconds),
                headers.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList(),
                token));
    }

    private sealed class OracleRequest : AmazonWebServiceRequest
    {
    }

    private sealed class OracleConfig : ClientConfig
    {
        public OracleConfig()
            : base(null!)
        {
        }

        public override string ServiceVersion => "2016-11-23";

        public override string UserAgent => "oracle";

        public override string RegionEndpointServiceName => "states";

        public override Amazon.Runtime.Endpoints.Endpoint DetermineServiceOperationEndpoint(Amazon.Runtime.Endpoints.ServiceOperationEndpointParameters parameters) =>
            throw new NotSupportedException();
    }
}
