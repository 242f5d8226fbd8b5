using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActivityCore.Signing;

/// <summary>
/// The pure half of AWS Signature Version 4 (SigV4): the canonical request, the credential scope, the string to
/// sign and the <c>Authorization</c> header, as strings. The signing key and the HMAC signature are not here: the
/// shell computes them with the framework's HMAC-SHA256 (<c>RequestSigner</c>), so this library holds no keyed crypto. The only
/// hashing here is SHA-256, which is deterministic. Follows "Create a signed AWS API request" (AWS IAM user
/// guide) for non-S3 services: the path is URI-encoded a second time, header values are trimmed and their inner
/// runs of spaces collapsed. Thread-safe: every member is a pure function.
/// </summary>
public static class SigV4
{
    /// <summary>The algorithm name, first line of the string to sign.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The last part of the credential scope.</summary>
    public const string Terminator = "aws4_request";

    /// <summary>The SHA-256 of an empty payload, in lower-case hex.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>The <c>X-Amz-Date</c> form of an instant: <c>yyyyMMddTHHmmssZ</c> in UTC.</summary>
    /// <param name="instant">The signing time.</param>
    /// <returns>e.g. <c>20150830T123600Z</c>.</returns>
    public static string FormatAmzDate(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The date part (<c>yyyyMMdd</c>) of an <c>X-Amz-Date</c> value.</summary>
    /// <param name="amzDate">An <c>X-Amz-Date</c> value.</param>
    /// <returns>Its first eight characters, or the whole value when it is shorter.</returns>
    public static string DateStamp(string amzDate)
    {
        ArgumentNullException.ThrowIfNull(amzDate);
        return amzDate.Length <= 8 ? amzDate : amzDate[..8];
    }

    /// <summary>The credential scope <c>{date}/{region}/{service}/aws4_request</c>.</summary>
    /// <param name="dateStamp">The date, <c>yyyyMMdd</c>.</param>
    /// <param name="region">The signing region, e.g. <c>us-east-1</c>.</param>
    /// <param name="service">The signing name, <c>states</c> for Step Functions.</param>
    /// <returns>The scope.</returns>
    public static string CredentialScope(string dateStamp, string region, string service) =>
        string.Concat(dateStamp, "/", region, "/", service, "/", Terminator);

    /// <summary>The lower-case hex SHA-256 of some bytes (the payload hash, the canonical request hash).</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>64 lower-case hex characters.</returns>
    public static string HashHex(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// The canonical request: method, canonical URI, canonical query, canonical headers, signed headers, payload hash,
    /// separated by newlines.
    /// </summary>
    /// <param name="method">The HTTP method, e.g. <c>POST</c>.</param>
    /// <param name="path">The path as sent on the wire (already percent-encoded); empty means <c>/</c>.</param>
    /// <param name="query">The query string as sent, without the <c>?</c>; empty for none.</param>
    /// <param name="headers">The headers to sign (names in any case; a name given twice has its values joined by <c>,</c>).</param>
    /// <param name="payloadHash">The lower-case hex SHA-256 of the body (<see cref="HashHex"/>).</param>
    /// <returns>The canonical request and its signed-headers list.</returns>
    public static CanonicalRequest Canonicalize(
        string method, string path, string query, IEnumerable<KeyValuePair<string, string>> headers, string payloadHash)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(payloadHash);
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            string key = name.Trim().ToLowerInvariant();
            string canonicalValue = SigV4Encoding.CanonicalHeaderValue(value ?? string.Empty);
            sorted[key] = sorted.TryGetValue(key, out string? previous) ? previous + "," + canonicalValue : canonicalValue;
        }

        var text = new StringBuilder(256);
        text.Append(method.ToUpperInvariant()).Append('\n');
        text.Append(SigV4Encoding.CanonicalPath(path ?? string.Empty)).Append('\n');
        text.Append(SigV4Encoding.CanonicalQuery(query ?? string.Empty)).Append('\n');
        foreach (var (name, value) in sorted)
        {
            text.Append(name).Append(':').Append(value).Append('\n');
        }

        string signedHeaders = string.Join(';', sorted.Keys);
        text.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return new CanonicalRequest(text.ToString(), signedHeaders);
    }

    /// <summary>The string to sign: algorithm, <c>X-Amz-Date</c>, credential scope, hex SHA-256 of the canonical request.</summary>
    /// <param name="amzDate">The <c>X-Amz-Date</c> value.</param>
    /// <param name="credentialScope">The scope (<see cref="CredentialScope"/>).</param>
    /// <param name="canonicalRequest">The canonical request text.</param>
    /// <returns>The string to sign.</returns>
    public static string StringToSign(string amzDate, string credentialScope, string canonicalRequest)
    {
        ArgumentNullException.ThrowIfNull(canonicalRequest);
        return string.Concat(Algorithm, "\n", amzDate, "\n", credentialScope, "\n", HashHex(Encoding.UTF8.GetBytes(canonicalRequest)));
    }

    /// <summary>The <c>Authorization</c> header value.</summary>
    /// <param name="accessKeyId">The access key id (not secret).</param>
    /// <param name="credentialScope">The scope.</param>
    /// <param name="signedHeaders">The signed-headers list.</param>
    /// <param name="signatureHex">The signature, lower-case hex.</param>
    /// <returns><c>AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c>.</returns>
    public static string AuthorizationHeader(string accessKeyId, string credentialScope, string signedHeaders, string signatureHex) =>
        string.Concat(Algorithm, " Credential=", accessKeyId, "/", credentialScope, ", SignedHeaders=", signedHeaders, ", Signature=", signatureHex);
}

/// <summary>A SigV4 canonical request and the list of the headers it signs.</summary>
/// <param name="Text">The canonical request.</param>
/// <param name="SignedHeaders">The lower-case header names, sorted, joined by <c>;</c>.</param>
public sealed record CanonicalRequest(string Text, string SignedHeaders);
