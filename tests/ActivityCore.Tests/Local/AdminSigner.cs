using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ActivityCore.Local;

namespace ActivityCore.Tests.Local;

/// <summary>SigV4 headers for any method and path (the admin routes), written from the AWS documentation: Host, Content-Type (when given) and X-Amz-Date signed.</summary>
internal static class AdminSigner
{
    public static List<(string, string)> Headers(string method, string path, string host, string? contentType, string body, LocalCredentials credentials, string region, DateTimeOffset now)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var signed = contentType is null ? "host;x-amz-date" : "content-type;host;x-amz-date";
        var canonicalHeaders = (contentType is null ? string.Empty : $"content-type:{contentType}\n") + $"host:{host}\nx-amz-date:{amzDate}\n";
        var canonical = $"{method}\n{path}\n\n{canonicalHeaders}\n{signed}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}";
        var scope = $"{date}/{region}/states/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), date);
        foreach (var part in new[] { region, "states", "aws4_request" })
        {
            key = Hmac(key, part);
        }

        var headers = new List<(string, string)> { ("Host", host), ("X-Amz-Date", amzDate) };
        if (contentType is not null)
        {
            headers.Add(("Content-Type", contentType));
        }

        headers.Add(("Authorization", $"AWS4-HMAC-SHA256 Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signed}, Signature={Hex(Hmac(key, toSign))}"));
        return headers;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
