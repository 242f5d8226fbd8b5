using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using ActivityCore.Local.Protocol;
using ActivityCore.Signing;
using LanguageExt;
using Microsoft.AspNetCore.Http;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Http;

/// <summary>
/// Server-side AWS Signature Version 4 verification of a request's <c>Authorization</c> header, and
/// the service's answers when it fails: no header → <c>MissingAuthenticationTokenException</c>;
/// unknown access key or session token → <c>UnrecognizedClientException</c>; a malformed header →
/// <c>IncompleteSignatureException</c>; a wrong signature, service, region or a date too far from
/// the clock → <c>InvalidSignatureException</c> (a wrong signature's message quotes the canonical request and the
/// string to sign, as AWS's does); credentials accepted before a <see cref="Rotate"/> → <c>ExpiredTokenException</c>.
/// Thread-safe.
/// </summary>
internal sealed class SigV4Verifier(LocalCredentials credentials, string region, TimeProvider time, TimeSpan maxSkew)
{
    private const string Algorithm = SigV4.Algorithm;
    private const string Service = Endpoints.SigningName;
    private const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";

    private readonly object gate = new();
    private LocalCredentials current = credentials;
    private LocalCredentials[] retired = [];

    /// <summary>The credentials requests must be signed with now.</summary>
    internal LocalCredentials Current => Volatile.Read(ref this.current);

    /// <summary>From now on only <paramref name="next"/> is accepted; the credentials accepted until now are expired.</summary>
    internal void Rotate(LocalCredentials next)
    {
        lock (gate)
        {
            var current = this.current;
            if (current == next)
            {
                return;
            }

            Volatile.Write(ref retired, [.. retired.Where(r => r != next), current]);
            Volatile.Write(ref this.current, next);
        }
    }

    /// <summary>None when the request is signed with the current credentials; the error to answer otherwise.</summary>
    internal Option<ServiceError> Verify(HttpRequest request, ReadOnlySpan<byte> body)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return Auth("MissingAuthenticationTokenException", "Missing Authentication Token");
        }

        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal) || !TryParse(authorization[(Algorithm.Length + 1)..], out var parts))
        {
            return Auth("IncompleteSignatureException", "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters. Authorization=" + Algorithm);
        }

        var scope = parts.Credential.Split('/');
        if (scope.Length != 5)
        {
            return Auth("IncompleteSignatureException", "Credential should have 5 parts separated by '/'.");
        }

        var accepted = Current;
        var sessionToken = request.Headers["x-amz-security-token"].ToString();
        if (!Matches(accepted, scope[0], sessionToken))
        {
            // A key or session the endpoint accepted before a rotation has expired; one it never knew is unrecognised.
            return System.Array.Exists(Volatile.Read(ref retired), r => Matches(r, scope[0], sessionToken))
                ? new ServiceError(400, "ExpiredTokenException", "The security token included in the request is expired")
                : Auth("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        if (scope[3] != Service)
        {
            return Invalid($"Credential should be scoped to correct service: '{Service}'. ");
        }

        if (scope[2] != region)
        {
            return Invalid($"Credential should be scoped to a valid region, not '{scope[2]}'. ");
        }

        if (scope[4] != SigV4.Terminator)
        {
            return Invalid($"Credential should be scoped with a valid terminator: '{SigV4.Terminator}', not '{scope[4]}'. ");
        }

        var amzDate = request.Headers["x-amz-date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var signedAt))
        {
            return Auth("IncompleteSignatureException", "Authorization header requires existence of a valid 'X-Amz-Date' header.");
        }

        if (!amzDate.StartsWith(scope[1], StringComparison.Ordinal) || scope[1].Length != 8)
        {
            return Invalid($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scope[1]}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        if (CheckSkew(signedAt).Case is ServiceError skewError)
        {
            return skewError;
        }

        var signedHeaders = parts.SignedHeaders.Split(';');
        if (!signedHeaders.Contains("host", StringComparer.Ordinal))
        {
            return Invalid("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }

        // The canonical request is the core's (the client signs with the same function): the headers the request
        // says it signed, in the order and case SigV4 prescribes; a list that is not in that form does not match.
        var canonical = SigV4.Canonicalize(
            request.Method,
            string.IsNullOrEmpty(request.Path.Value) ? "/" : request.Path.Value,
            request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty,
            signedHeaders.Select(name => KeyValuePair.Create(name, string.Join(',', request.Headers[name].ToArray()))),
            SigV4.HashHex(body));
        // The string to sign is the core's; the HMAC key chain is the server's own (the core has no HMAC, by design).
        var stringToSign = SigV4.StringToSign(amzDate, SigV4.CredentialScope(scope[1], region, Service), canonical.Text);
        var expected = Signature(accepted.SecretAccessKey, region, scope[1], stringToSign);
        var given = Encoding.ASCII.GetBytes(parts.Signature);
        return canonical.SignedHeaders == parts.SignedHeaders && CryptographicOperations.FixedTimeEquals(expected, given)
            ? None
            : Invalid(Mismatch(canonical.Text, stringToSign));
    }

    /// <summary>
    /// The message of a signature that does not match, as AWS writes it: it quotes the canonical request and the string
    /// to sign the service computed, so the canonical headers' values, a session token included, come back in the answer.
    /// </summary>
    internal static string Mismatch(string canonicalRequest, string stringToSign) =>
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
        + "\n\nThe Canonical String for this request should have been\n'" + canonicalRequest + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n";

    /// <summary>The lower-case hex signature of a string to sign, as ASCII bytes.</summary>
    internal static byte[] Signature(string secret, string region, string date, string stringToSign)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(date));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Service));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(SigV4.Terminator));
        return Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign))));
    }

    /// <summary>None when the signature's date is within the allowed skew of the clock; <c>InvalidSignatureException</c> otherwise.</summary>
    private Option<ServiceError> CheckSkew(DateTimeOffset signedAt)
    {
        var now = time.GetUtcNow();
        var minutes = ((int)maxSkew.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        if (signedAt < now - maxSkew)
        {
            return Invalid($"Signature expired: {Format(signedAt)} is now earlier than {Format(now - maxSkew)} ({Format(now)} - {minutes} min.)");
        }

        return signedAt > now + maxSkew
            ? Invalid($"Signature not yet current: {Format(signedAt)} is still later than {Format(now + maxSkew)} ({Format(now)} + {minutes} min.)")
            : None;
    }

    /// <summary>Whether a request's access key id and session token (empty when absent) are those of <paramref name="credentials"/>.</summary>
    private static bool Matches(LocalCredentials credentials, string accessKeyId, string sessionToken) =>
        string.Equals(accessKeyId, credentials.AccessKeyId, StringComparison.Ordinal)
        && (credentials.SessionToken is { } expected
            ? CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sessionToken), Encoding.UTF8.GetBytes(expected))
            : sessionToken.Length == 0);

    private static string Format(DateTimeOffset date) => date.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static ServiceError Auth(string code, string message) => new(403, code, message);

    private static ServiceError Invalid(string message) => Auth("InvalidSignatureException", message);

    private static bool TryParse(string text, out (string Credential, string SignedHeaders, string Signature) parts)
    {
        parts = default;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var piece in text.Split(','))
        {
            var trimmed = piece.Trim();
            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            values[trimmed[..equals]] = trimmed[(equals + 1)..];
        }

        if (!values.TryGetValue("Credential", out var credential) || !values.TryGetValue("SignedHeaders", out var signedHeaders)
            || !values.TryGetValue("Signature", out var signature))
        {
            return false;
        }

        parts = (credential, signedHeaders, signature);
        return true;
    }
}
