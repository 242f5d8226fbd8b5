using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ActivityCore.Signing;

/// <summary>The SigV4 text rules: URI-encoding, canonical path, canonical query, header value trimming.</summary>
internal static class SigV4Encoding
{
    /// <summary>
    /// Percent-encodes every byte of the UTF-8 form except the unreserved characters <c>A-Z a-z 0-9 - _ . ~</c>
    /// (RFC 3986), with upper-case hex; <c>/</c> is kept when <paramref name="keepSlash"/>.
    /// </summary>
    public static string UriEncode(string text, bool keepSlash)
    {
        var result = new StringBuilder(text.Length + 8);
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            char c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~'
                || (keepSlash && c == '/'))
            {
                result.Append(c);
            }
            else
            {
                result.Append('%').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }

    /// <summary>The canonical URI of a non-S3 service: the wire path encoded once more, <c>/</c> kept; empty is <c>/</c>.</summary>
    public static string CanonicalPath(string path) => path.Length == 0 ? "/" : UriEncode(path, keepSlash: true);

    /// <summary>
    /// The canonical query: each <c>name=value</c> pair percent-decoded and re-encoded by <see cref="UriEncode"/>,
    /// sorted by name then value (ordinal), joined by <c>&amp;</c>; a pair without <c>=</c> has an empty value.
    /// </summary>
    public static string CanonicalQuery(string query)
    {
        if (query.Length == 0)
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (string part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            string name = eq < 0 ? part : part[..eq];
            string value = eq < 0 ? string.Empty : part[(eq + 1)..];
            pairs.Add((UriEncode(Uri.UnescapeDataString(name), false), UriEncode(Uri.UnescapeDataString(value), false)));
        }

        return string.Join('&', pairs
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>A header value trimmed, with each inner run of spaces collapsed to one space.</summary>
    public static string CanonicalHeaderValue(string value)
    {
        string trimmed = value.Trim();
        if (!trimmed.Contains("  ", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var result = new StringBuilder(trimmed.Length);
        bool lastWasSpace = false;
        foreach (char c in trimmed)
        {
            if (c == ' ' && lastWasSpace)
            {
                continue;
            }

            lastWasSpace = c == ' ';
            result.Append(c);
        }

        return result.ToString();
    }
}
