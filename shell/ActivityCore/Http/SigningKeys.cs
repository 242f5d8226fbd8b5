using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using ActivityCore.Signing;

namespace ActivityCore.Http;

/// <summary>
/// A client's SigV4 signing key (<see cref="Derive"/>), kept for the secret and the day it was derived for: deriving it
/// is four HMACs, signing with it one. A new secret (refreshed credentials) or a new day derives a new key; the old one
/// is dropped (not cleared: a concurrent signer may still read it). Thread-safe.
/// </summary>
internal sealed class SigningKeys(string region, string service)
{
    private Entry? current;

    /// <summary>SigV4's key derivation: HMAC("AWS4" + secret, date), then the region, the service and <c>aws4_request</c>; intermediate keys cleared.</summary>
    public static void Derive(string secretKey, string dateStamp, string region, string service, Span<byte> key)
    {
        byte[] secret = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        try
        {
            Span<byte> next = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(dateStamp), key);
            foreach (string part in (ReadOnlySpan<string>)[region, service, SigV4.Terminator])
            {
                HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part), next);
                next.CopyTo(key);
            }

            next.Clear();
        }
        finally
        {
            Array.Clear(secret);
        }
    }

    /// <summary>Signs a string to sign (as bytes) with the key of this secret and day.</summary>
    public void Sign(string secretKey, string dateStamp, ReadOnlySpan<byte> stringToSign, Span<byte> signature)
    {
        Entry? entry = Volatile.Read(ref current);
        if (entry is null || !string.Equals(entry.DateStamp, dateStamp, StringComparison.Ordinal) || !string.Equals(entry.Secret, secretKey, StringComparison.Ordinal))
        {
            var key = new byte[HMACSHA256.HashSizeInBytes];
            Derive(secretKey, dateStamp, region, service, key);
            entry = new Entry(secretKey, dateStamp, key);
            Volatile.Write(ref current, entry);
        }

        HMACSHA256.HashData(entry.Key, stringToSign, signature);
    }

    /// <summary>A derived key with the secret and day it was derived for (a class, not a record: no generated <c>ToString</c> that would print the secret).</summary>
    private sealed class Entry(string secret, string dateStamp, byte[] key)
    {
        public string Secret => secret;

        public string DateStamp => dateStamp;

        public byte[] Key => key;
    }
}
