using System;
using System.Linq;
using System.Text;

namespace ActivityCore.Errors;

/// <summary>
/// The error codes the core knows by name, how a raw code is sanitised, and what each code means
/// (<see cref="Classify"/>). Known codes are recognised from UTF-8 bytes without allocating: the
/// <see cref="string"/> handed back is one of the known constants. The known codes and <see cref="Classify"/> are
/// generated from one table (<c>tools/generate_error_unions.py</c>, <c>ErrorCodes.Known.g.cs</c>).
/// </summary>
public static partial class ErrorCodes
{
    /// <summary>The code given to a successful (2xx) answer whose body could not be read (truncated, not JSON). Transient.</summary>
    public const string MalformedResponse = "MalformedResponse";

    /// <summary>The prefix of the code given to an error answer that carries no code at all: <c>HttpStatus</c> + the status, e.g. <c>HttpStatus503</c>.</summary>
    public const string HttpStatusPrefix = "HttpStatus";

    /// <summary>
    /// Sanitises a raw error code as the AWS SDKs do: the part before the first <c>,</c>, then before the first
    /// <c>:</c>, then after the last <c>#</c>, then trimmed of ASCII whitespace. An empty result means "no code".
    /// </summary>
    /// <param name="raw">The raw code bytes (UTF-8), e.g. <c>com.amazonaws.swf.service.v2.model#InvalidArn</c>.</param>
    /// <returns>A slice of <paramref name="raw"/>.</returns>
    public static ReadOnlySpan<byte> Sanitize(ReadOnlySpan<byte> raw)
    {
        // Before the first ',' then before the first ':' is before the first of either: one vectorised search.
        int end = raw.IndexOfAny((byte)',', (byte)':');
        if (end >= 0)
        {
            raw = raw[..end];
        }

        int hash = raw.LastIndexOf((byte)'#');
        if (hash >= 0)
        {
            raw = raw[(hash + 1)..];
        }

        return raw.Trim(" \t\r\n"u8);
    }

    /// <summary>The same sanitising rules as <see cref="Sanitize(ReadOnlySpan{byte})"/>, on UTF-16 text (a header value).</summary>
    /// <param name="raw">The raw code, e.g. <c>InvalidArn:http://internal.amazon.com/coral/...</c>.</param>
    /// <returns>A slice of <paramref name="raw"/>.</returns>
    public static ReadOnlySpan<char> Sanitize(ReadOnlySpan<char> raw)
    {
        // Before the first ',' then before the first ':' is before the first of either: one vectorised search.
        int end = raw.IndexOfAny(',', ':');
        if (end >= 0)
        {
            raw = raw[..end];
        }

        int hash = raw.LastIndexOf('#');
        if (hash >= 0)
        {
            raw = raw[(hash + 1)..];
        }

        return raw.Trim(" \t\r\n");
    }

    /// <summary>Sanitises raw UTF-8 code bytes and names the code: null when nothing is left, a constant when known.</summary>
    internal static string? FromRawUtf8(ReadOnlySpan<byte> raw)
    {
        ReadOnlySpan<byte> sanitized = Sanitize(raw);
        return sanitized.IsEmpty ? null : FromUtf8(sanitized);
    }

    /// <summary>Sanitises a raw code (a header, a decoded string) and names it: null when nothing is left, a constant when known.</summary>
    internal static string? FromRawChars(ReadOnlySpan<char> raw)
    {
        ReadOnlySpan<char> sanitized = Sanitize(raw);
        return sanitized.IsEmpty ? null : FromChars(sanitized);
    }

    /// <summary>The code string for sanitised UTF-8 bytes: a constant when the code is known (no allocation), else a new string.</summary>
    internal static string FromUtf8(ReadOnlySpan<byte> sanitized)
    {
        foreach (int i in KnownByLength.Of(sanitized.Length))
        {
            if (sanitized.SequenceEqual(KnownUtf8[i]))
            {
                return Known[i];
            }
        }

        return Encoding.UTF8.GetString(sanitized);
    }

    /// <summary>The code string for sanitised UTF-16 text: a constant when the code is known, else a new string.</summary>
    internal static string FromChars(ReadOnlySpan<char> sanitized)
    {
        foreach (int i in KnownByLength.Of(sanitized.Length))
        {
            if (sanitized.SequenceEqual(Known[i]))
            {
                return Known[i];
            }
        }

        return sanitized.ToString();
    }

    /// <summary>
    /// The indices of <see cref="Known"/> by length, so that a lookup compares only the few codes of its length instead
    /// of all of them. The codes are ASCII: a length in chars is the same in UTF-8 bytes. A nested class, so that it is
    /// built on first use, after <see cref="Known"/> (declared in another file of this partial class).
    /// </summary>
    private static class KnownByLength
    {
        private static readonly int[][] Indices = Build();

        /// <summary>The indices of the known codes of <paramref name="length"/> (none when no known code is that long).</summary>
        public static ReadOnlySpan<int> Of(int length) => (uint)length < (uint)Indices.Length ? Indices[length] : [];

        private static int[][] Build()
        {
            var indices = new int[Known.Max(k => k.Length) + 1][];
            for (int length = 0; length < indices.Length; length++)
            {
                indices[length] = Enumerable.Range(0, Known.Length).Where(i => Known[i].Length == length && Ascii.IsValid(Known[i])).ToArray();
            }

            return indices;
        }
    }

    /// <summary>True when <paramref name="code"/> is one of the codes recognised without allocating.</summary>
    /// <param name="code">A sanitised code.</param>
    /// <returns>Whether the code is known.</returns>
    public static bool IsKnown(string code) => Array.IndexOf(Known, code) >= 0;

    /// <summary>Whether a signature error's message says the signature expired or is not yet current (clock skew).</summary>
    private static bool IsSkewMessage(string? message) =>
        message is not null
        && (message.Contains("Signature expired", StringComparison.OrdinalIgnoreCase)
            || message.Contains("Signature not yet current", StringComparison.OrdinalIgnoreCase));

    /// <summary>The code of an error answer with no code: <c>HttpStatus{status}</c>.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <returns>e.g. <c>HttpStatus503</c>; the common statuses return a cached string.</returns>
    public static string FromStatus(int status) => status switch
    {
        400 => "HttpStatus400",
        403 => "HttpStatus403",
        404 => "HttpStatus404",
        408 => "HttpStatus408",
        413 => "HttpStatus413",
        429 => "HttpStatus429",
        500 => "HttpStatus500",
        502 => "HttpStatus502",
        503 => "HttpStatus503",
        504 => "HttpStatus504",
        _ => HttpStatusPrefix + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
