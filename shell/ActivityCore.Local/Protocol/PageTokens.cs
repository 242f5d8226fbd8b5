using System;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ActivityCore.Local.Protocol;

/// <summary>ListActivities' opaque <c>nextToken</c>: the creation order of the last activity returned.</summary>
internal static class PageTokens
{
    private const string Prefix = "activitycore-local-page:";

    internal static string Write(long afterSequence) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + afterSequence.ToString(CultureInfo.InvariantCulture)));

    internal static bool TryRead(string token, out long afterSequence)
    {
        afterSequence = 0;
        Span<byte> bytes = stackalloc byte[128];
        if (token.Length > 160 || !Base64Url.IsValid(token) || !Base64Url.TryDecodeFromChars(token, bytes, out var written))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes[..written]);
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out afterSequence);
    }
}
