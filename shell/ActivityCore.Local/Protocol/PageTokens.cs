using System;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Protocol;

/// <summary>ListActivities' opaque <c>nextToken</c>: the creation order of the last activity returned.</summary>
internal static class PageTokens
{
    private const string Prefix = "activitycore-local-page:";

    internal static string Write(long afterSequence) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Prefix + afterSequence.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The creation order a token written by <see cref="Write"/> carries; none for any other text.</summary>
    internal static Option<long> Read(string token)
    {
        Span<byte> bytes = stackalloc byte[128];
        if (token.Length > 160 || !Base64Url.IsValid(token) || !Base64Url.TryDecodeFromChars(token, bytes, out var written))
        {
            return None;
        }

        var text = Encoding.UTF8.GetString(bytes[..written]);
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var afterSequence)
            ? Some(afterSequence)
            : None;
    }
}
