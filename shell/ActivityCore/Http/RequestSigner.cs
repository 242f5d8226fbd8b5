using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ActivityCore.Signing;
using Amazon.Runtime;
using LanguageExt;

namespace ActivityCore.Http;

/// <summary>
/// Builds a signed AWS JSON 1.0 request: the canonical request and the string to sign come from the core
/// (<see cref="SigV4"/>), the signing key and the HMAC-SHA256 signature from the framework's
/// <see cref="HMACSHA256"/> (SigV4's key derivation: "AWS4" + secret, then the date, region, service and
/// <c>aws4_request</c>). AWSSDK.Core is used for credentials only.
/// </summary>
internal static class RequestSigner
{
    /// <summary>The content type of AWS JSON 1.0.</summary>
    public const string ContentType = "application/x-amz-json-1.0";

    /// <summary>The signature of a string to sign, lower-case hex; every intermediate key is cleared after use.</summary>
    public static string Sign(string secretKey, string region, string dateStamp, string service, string stringToSign)
    {
        byte[] key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        try
        {
            foreach (string part in (ReadOnlySpan<string>)[dateStamp, region, service, SigV4.Terminator])
            {
                byte[] next = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
                Array.Clear(key);
                key = next;
            }

            Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign), signature);
            return Convert.ToHexStringLower(signature);
        }
        finally
        {
            Array.Clear(key);
        }
    }

    /// <summary>
    /// Creates the <c>POST</c>, signed with the credentials, or unsigned (no <c>Authorization</c>, no
    /// <c>X-Amz-Security-Token</c>) with none (<see cref="AnonymousAWSCredentials"/>). The body memory must outlive the request.
    /// </summary>
    public static SignedRequest Create(
        Uri endpoint, string region, string target, ReadOnlyMemory<byte> body, Option<ImmutableCredentials> credentials, DateTimeOffset signingTime) =>
        credentials.Match(
            Some: keys => Signed(endpoint, region, target, body, keys, signingTime),
            None: () => new SignedRequest(Unsigned(endpoint, target, body, SigV4.FormatAmzDate(signingTime)), Option<string>.None));

    private static HttpRequestMessage Unsigned(Uri endpoint, string target, ReadOnlyMemory<byte> body, string amzDate)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new ReadOnlyMemoryContent(body),
            Version = System.Net.HttpVersion.Version11,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        request.Headers.Host = endpoint.Authority;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        return request;
    }

    private static SignedRequest Signed(
        Uri endpoint, string region, string target, ReadOnlyMemory<byte> body, ImmutableCredentials credentials, DateTimeOffset signingTime)
    {
        string amzDate = SigV4.FormatAmzDate(signingTime);
        string host = endpoint.Authority;
        bool withToken = !string.IsNullOrEmpty(credentials.Token);
        var headers = new List<KeyValuePair<string, string>>(5)
        {
            new("content-type", ContentType),
            new("host", host),
            new("x-amz-date", amzDate),
            new("x-amz-target", target),
        };
        if (withToken)
        {
            headers.Add(new("x-amz-security-token", credentials.Token));
        }

        var canonical = SigV4.Canonicalize("POST", endpoint.AbsolutePath, string.Empty, headers, SigV4.HashHex(body.Span));
        string dateStamp = SigV4.DateStamp(amzDate);
        string scope = SigV4.CredentialScope(dateStamp, region, Endpoints.SigningName);
        string signature = Sign(credentials.SecretKey, region, dateStamp, Endpoints.SigningName, SigV4.StringToSign(amzDate, scope, canonical.Text));

        var request = Unsigned(endpoint, target, body, amzDate);
        if (withToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        request.Headers.TryAddWithoutValidation("Authorization", SigV4.AuthorizationHeader(credentials.AccessKey, scope, canonical.SignedHeaders, signature));
        return new SignedRequest(request, signature);
    }
}

/// <summary>A request to send, and its SigV4 signature (none when unsigned): a secret an echoing server may quote back.</summary>
/// <param name="Message">The request.</param>
/// <param name="Signature">The signature, lower-case hex.</param>
internal sealed record SignedRequest(HttpRequestMessage Message, Option<string> Signature) : IDisposable
{
    /// <summary>Disposes the request.</summary>
    public void Dispose() => Message.Dispose();
}
