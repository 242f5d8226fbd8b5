using System;
using System.Globalization;

namespace ActivityCore;

/// <summary>How sensitive values print: never their text, only a length and a short fingerprint.</summary>
internal static class Redaction
{
    /// <summary>
    /// A 32-bit FNV-1a hash of the UTF-16 text, as 8 hex digits: enough to tell two tokens apart in a log,
    /// useless for recovering one (2,048 characters of entropy behind 32 bits).
    /// </summary>
    public static string Fingerprint(ReadOnlySpan<char> text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = unchecked((hash ^ c) * 16777619);
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary><c>Type(redacted, N chars, #fingerprint)</c>.</summary>
    public static string Describe(string typeName, string text) =>
        $"{typeName}(redacted, {text.Length} chars, #{Fingerprint(text)})";
}
