using System.Globalization;
using System.Text;

namespace ActivityCore.Local.Http;

/// <summary>
/// Client-controlled text made safe for a log line: control characters (escape codes, CR, LF, C1) written as
/// <c>\xNN</c> (<c>\uNNNN</c> above 0xFF), and cut to <see cref="MaxLength"/> characters with <c>...</c>.
/// </summary>
internal static class LogText
{
    /// <summary>The most characters of a client's text that reach a log line.</summary>
    internal const int MaxLength = 128;

    /// <summary>The text as it may appear in a log line.</summary>
    internal static string Clean(string text)
    {
        var cut = text.Length > MaxLength;
        var kept = cut ? text[..MaxLength] : text;
        if (!cut && !HasControl(kept))
        {
            return kept;
        }

        var clean = new StringBuilder(kept.Length + 16);
        foreach (var c in kept)
        {
            if (!char.IsControl(c))
            {
                clean.Append(c);
            }
            else if (c <= '\xff')
            {
                clean.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                clean.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
        }

        return cut ? clean.Append("...").ToString() : clean.ToString();
    }

    private static bool HasControl(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
