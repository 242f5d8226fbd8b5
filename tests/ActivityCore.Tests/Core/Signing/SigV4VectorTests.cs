using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using ActivityCore.Http;
using ActivityCore.Signing;
using Xunit;

namespace ActivityCore.Tests.Core.Signing;

/// <summary>The AWS SigV4 test suite's POST cases (Data/sigv4-post-vectors.json names its source): core canonical request and string to sign, AWSSDK.Core signature.</summary>
public class SigV4VectorTests
{
    private static readonly JsonDocument Suite = JsonDocument.Parse(File.ReadAllText(DataPath("sigv4-post-vectors.json")));

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var v in Suite.RootElement.GetProperty("vectors").EnumerateArray())
        {
            names.Add(v.GetProperty("name").GetString()!);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Vector_gives_the_suites_authorization_header(string name)
    {
        var root = Suite.RootElement;
        var v = root.GetProperty("vectors").EnumerateArray().Single(x => x.GetProperty("name").GetString() == name);
        string amzDate = root.GetProperty("amzDate").GetString()!;
        string region = root.GetProperty("region").GetString()!;
        string service = root.GetProperty("service").GetString()!;
        var headers = v.GetProperty("signedHeaders").EnumerateArray()
            .Select(h => new KeyValuePair<string, string>(h[0].GetString()!, h[1].GetString()!)).ToList();
        string payloadHash = SigV4.HashHex(Encoding.UTF8.GetBytes(v.GetProperty("body").GetString()!));

        var canonical = SigV4.Canonicalize("POST", v.GetProperty("path").GetString()!, v.GetProperty("query").GetString()!, headers, payloadHash);
        string scope = SigV4.CredentialScope(SigV4.DateStamp(amzDate), region, service);
        string toSign = SigV4.StringToSign(amzDate, scope, canonical.Text);
        string signature = RequestSigner.Sign(root.GetProperty("secretAccessKey").GetString()!, region, SigV4.DateStamp(amzDate), service, toSign);
        string authorization = SigV4.AuthorizationHeader(root.GetProperty("accessKeyId").GetString()!, scope, canonical.SignedHeaders, signature);

        if (v.TryGetProperty("canonicalRequest", out var creq))
        {
            Assert.Equal(creq.GetString(), canonical.Text);
        }

        if (v.TryGetProperty("stringToSign", out var sts))
        {
            Assert.Equal(sts.GetString(), toSign);
        }

        Assert.Equal(v.GetProperty("authorization").GetString(), authorization);
    }

    [Fact]
    public void Amz_date_is_utc_basic_format()
    {
        var instant = new DateTimeOffset(2015, 8, 30, 14, 36, 0, TimeSpan.FromHours(2));
        Assert.Equal("20150830T123600Z", SigV4.FormatAmzDate(instant));
    }

    [Fact]
    public void Header_values_are_trimmed_and_inner_spaces_collapsed_and_duplicates_joined()
    {
        var canonical = SigV4.Canonicalize("post", "", "", [new("My-Header", "  a   b  "), new("my-header", "c"), new("Host", "h")], SigV4.EmptyPayloadHash);
        Assert.Equal("POST\n/\n\nhost:h\nmy-header:a b,c\n\nhost;my-header\n" + SigV4.EmptyPayloadHash, canonical.Text);
    }

    internal static string DataPath(string file) => Path.Combine(AppContext.BaseDirectory, "Data", file);
}
