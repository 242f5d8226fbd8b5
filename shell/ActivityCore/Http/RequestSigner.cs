using System;
using System.Buffers;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using ActivityCore.Signing;
using Amazon.Runtime;
using LanguageExt;

namespace ActivityCore.Http;

/// <summary>
/// Builds a client's signed AWS JSON 1.0 requests to one endpoint and region. The canonical request is the core's
/// (<see cref="SigV4.Canonicalize"/>) for the five headers the client signs (<c>content-type</c>, <c>host</c>,
/// <c>x-amz-date</c>, <c>x-amz-security-token</c> when there is a session token, <c>x-amz-target</c>), written here
/// as UTF-8 bytes straight into a stack or pooled buffer and hashed there: the same bytes, without the strings. The
/// signing key (SigV4's key derivation: "AWS4" + secret, then the date, region, service and <c>aws4_request</c>) is
/// derived once per secret and day (<see cref="SigningKeys"/>), the signature is the framework's
/// <see cref="HMACSHA256"/> over the string to sign, also written as bytes. AWSSDK.Core is used for credentials only.
/// Thread-safe.
/// </summary>
internal sealed class RequestSigner
{
    /// <summary>The content type of AWS JSON 1.0.</summary>
    public const string ContentType = "application/x-amz-json-1.0";

    private const int StackBytes = 1024;

    private const int HexLength = 2 * SHA256.HashSizeInBytes;

    private readonly Uri endpoint;
    private readonly string host;

    /// <summary>The canonical request up to the <c>x-amz-date</c> value: <c>POST\n{path}\n\ncontent-type:…\nhost:…\nx-amz-date:</c>.</summary>
    private readonly byte[] canonicalHead;

    private readonly SigningKeys keys;
    private readonly AmzDates dates;

    /// <summary>A signer for one endpoint and region (the signing name is Step Functions', <see cref="Endpoints.SigningName"/>).</summary>
    public RequestSigner(Uri endpoint, string region)
    {
        this.endpoint = endpoint;
        host = endpoint.Authority;
        canonicalHead = Encoding.UTF8.GetBytes(string.Concat(
            "POST\n", SigV4Encoding.CanonicalPath(endpoint.AbsolutePath), "\n\ncontent-type:", ContentType, "\nhost:", SigV4Encoding.CanonicalHeaderValue(host), "\nx-amz-date:"));
        keys = new SigningKeys(region, Endpoints.SigningName);
        dates = new AmzDates(region, Endpoints.SigningName);
    }

    /// <summary>The signature of a string to sign, lower-case hex; every intermediate key is cleared after use.</summary>
    public static string Sign(string secretKey, string region, string dateStamp, string service, string stringToSign)
    {
        Span<byte> key = stackalloc byte[HMACSHA256.HashSizeInBytes];
        SigningKeys.Derive(secretKey, dateStamp, region, service, key);
        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign), signature);
        key.Clear();
        return Convert.ToHexStringLower(signature);
    }

    /// <summary>
    /// Creates the <c>POST</c>, signed with the credentials, or unsigned (no <c>Authorization</c>, no
    /// <c>X-Amz-Security-Token</c>) with none (<see cref="AnonymousAWSCredentials"/>). The body memory must outlive the request.
    /// </summary>
    public SignedRequest Create(string target, ReadOnlyMemory<byte> body, Option<ImmutableCredentials> credentials, DateTimeOffset signingTime)
    {
        AmzDate date = dates.At(signingTime);
        var request = Unsigned(target, body, date.Text);
        return credentials.Match(
            (Signer: this, Request: request, Target: target, Body: body, Date: date),
            some: static (s, keys) => s.Signer.Sign(s.Request, s.Target, s.Body.Span, keys, s.Date),
            none: static s => new SignedRequest(s.Request, Option<string>.None));
    }

    private HttpRequestMessage Unsigned(string target, ReadOnlyMemory<byte> body, string amzDate)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content, Version = System.Net.HttpVersion.Version11 };
        request.Headers.TryAddWithoutValidation("Host", host);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        return request;
    }

    private SignedRequest Sign(HttpRequestMessage request, string target, ReadOnlySpan<byte> body, ImmutableCredentials credentials, AmzDate date)
    {
        string? token = string.IsNullOrEmpty(credentials.Token) ? null : SigV4Encoding.CanonicalHeaderValue(credentials.Token);
        Span<byte> canonicalHash = stackalloc byte[SHA256.HashSizeInBytes];
        HashCanonicalRequest(target, body, date.Text, token, canonicalHash);

        // The string to sign: algorithm, date, scope, hex hash of the canonical request (ASCII throughout).
        Span<byte> toSign = stackalloc byte[SigV4.Algorithm.Length + date.Text.Length + Encoding.UTF8.GetMaxByteCount(date.Scope.Length) + HexLength + 3];
        int at = Ascii(toSign, 0, SigV4.Algorithm);
        toSign[at++] = (byte)'\n';
        at = Ascii(toSign, at, date.Text);
        toSign[at++] = (byte)'\n';
        at = Utf8(toSign, at, date.Scope);
        toSign[at++] = (byte)'\n';
        Convert.TryToHexStringLower(canonicalHash, toSign[at..], out int hex);

        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        keys.Sign(credentials.SecretKey, date.Stamp, toSign[..(at + hex)], signature);

        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        string authorization = Authorization(credentials.AccessKey, date.Scope, token is null ? SignedHeaders : SignedHeadersWithToken, signature);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return new SignedRequest(request, authorization);
    }

    /// <summary>The signed-headers list without a session token.</summary>
    private const string SignedHeaders = "content-type;host;x-amz-date;x-amz-target";

    /// <summary>The signed-headers list with one (sorted: <c>x-amz-security-token</c> comes before <c>x-amz-target</c>).</summary>
    private const string SignedHeadersWithToken = "content-type;host;x-amz-date;x-amz-security-token;x-amz-target";

    /// <summary>The SHA-256 of the canonical request, written as UTF-8 into a stack buffer (a pooled one past 1 KiB, cleared after use: it holds the session token).</summary>
    private void HashCanonicalRequest(string target, ReadOnlySpan<byte> body, string amzDate, string? token, Span<byte> hash)
    {
        string canonicalTarget = SigV4Encoding.CanonicalHeaderValue(target);
        int length = canonicalHead.Length + amzDate.Length + 1
            + (token is null ? 0 : "x-amz-security-token:".Length + Encoding.UTF8.GetMaxByteCount(token.Length) + 1)
            + "x-amz-target:".Length + Encoding.UTF8.GetMaxByteCount(canonicalTarget.Length) + 2
            + SignedHeadersWithToken.Length + 1 + HexLength;
        byte[]? rented = length > StackBytes ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> text = rented ?? stackalloc byte[StackBytes];
        try
        {
            canonicalHead.CopyTo(text);
            int at = canonicalHead.Length;
            at = Ascii(text, at, amzDate);
            text[at++] = (byte)'\n';
            if (token is not null)
            {
                at = Utf8(text, at, "x-amz-security-token:");
                at = Utf8(text, at, token);
                text[at++] = (byte)'\n';
            }

            at = Utf8(text, at, "x-amz-target:");
            at = Utf8(text, at, canonicalTarget);
            text[at++] = (byte)'\n';
            text[at++] = (byte)'\n';
            at = Ascii(text, at, token is null ? SignedHeaders : SignedHeadersWithToken);
            text[at++] = (byte)'\n';
            Span<byte> payloadHash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(body, payloadHash);
            Convert.TryToHexStringLower(payloadHash, text[at..], out int hex);
            at += hex;
            SHA256.HashData(text[..at], hash);
            text[..at].Clear();
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    /// <summary><c>AWS4-HMAC-SHA256 Credential={key}/{scope}, SignedHeaders={list}, Signature={hex}</c> (<see cref="SigV4.AuthorizationHeader"/>), as one string.</summary>
    private static string Authorization(string accessKey, string scope, string signedHeaders, ReadOnlySpan<byte> signature)
    {
        const string Credential = " Credential=";
        const string SignedHeadersPart = ", SignedHeaders=";
        const string SignaturePart = ", Signature=";
        int length = SigV4.Algorithm.Length + Credential.Length + accessKey.Length + 1 + scope.Length + SignedHeadersPart.Length + signedHeaders.Length + SignaturePart.Length + HexLength;
        Span<char> text = length <= 512 ? stackalloc char[length] : new char[length];
        int at = 0;
        foreach (string part in (ReadOnlySpan<string>)[SigV4.Algorithm, Credential, accessKey, "/", scope, SignedHeadersPart, signedHeaders, SignaturePart])
        {
            part.CopyTo(text[at..]);
            at += part.Length;
        }

        Convert.TryToHexStringLower(signature, text[at..], out _);
        return new string(text);
    }

    private static int Ascii(Span<byte> into, int at, string text) => at + Encoding.ASCII.GetBytes(text, into[at..]);

    private static int Utf8(Span<byte> into, int at, string text) => at + Encoding.UTF8.GetBytes(text, into[at..]);
}

/// <summary>A request to send, and its <c>Authorization</c> header (none when unsigned), whose signature is a secret an echoing server may quote back.</summary>
internal sealed class SignedRequest(HttpRequestMessage message, Option<string> authorization) : IDisposable
{
    private const int SignatureLength = 64;

    /// <summary>The request.</summary>
    public HttpRequestMessage Message => message;

    /// <summary>The signature, lower-case hex: the end of the <c>Authorization</c> header (cut only when asked: on a failure, or a success logged at Debug).</summary>
    public Option<string> Signature => authorization.Map(static a => a[^SignatureLength..]);

    /// <summary>Disposes the request.</summary>
    public void Dispose() => message.Dispose();
}
