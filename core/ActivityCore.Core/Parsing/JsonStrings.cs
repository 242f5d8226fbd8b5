using System;
using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace ActivityCore.Parsing;

/// <summary>
/// Turns the raw bytes of a JSON string token into text without throwing: escapes are decoded here (a lone
/// surrogate escape such as <c>\ud800</c> becomes U+FFFD) and invalid UTF-8 becomes U+FFFD, where
/// <c>Utf8JsonReader.GetString</c> would throw.
/// </summary>
internal static class JsonStrings
{
    /// <summary>Below this many bytes the unescaped text is built on the stack.</summary>
    private const int StackLimit = 256;

    /// <summary>Runs of unescaped text up to this long are copied byte by byte rather than searched and copied.</summary>
    private const int ShortRun = 8;

    /// <summary>Decodes a raw string token (<paramref name="escaped"/> as <c>Utf8JsonReader.ValueIsEscaped</c> says) to a string.</summary>
    public static string Decode(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
        {
            return DecodeUnescaped(raw, Ascii.IsValid(raw));
        }

        byte[]? rented = null;
        Span<byte> buffer = raw.Length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            int written = Unescape(raw, buffer);
            return Encoding.UTF8.GetString(buffer[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                // The buffer held a token, an input or a message: clear it before it goes back to the pool.
                rented.AsSpan(0, raw.Length).Clear();
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Decodes raw string bytes that hold no escape. ASCII (<paramref name="ascii"/>, as <see cref="Ascii.IsValid(ReadOnlySpan{byte})"/>
    /// says) is only widened to UTF-16, in one vectorised pass into the new string (ASCII is Latin-1); UTF-8's decoder
    /// would first count the chars in a pass of its own. Anything else is decoded as UTF-8.
    /// </summary>
    public static string DecodeUnescaped(ReadOnlySpan<byte> raw, bool ascii) =>
        ascii ? Encoding.Latin1.GetString(raw) : Encoding.UTF8.GetString(raw);

    /// <summary>
    /// Unescapes <paramref name="raw"/> into <paramref name="destination"/> (which must be at least as long:
    /// unescaping never grows the text) and returns the number of bytes written. Malformed escapes, which a
    /// <c>Utf8JsonReader</c> would have refused already, are copied as they are.
    /// </summary>
    public static int Unescape(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        int i = raw.IndexOf((byte)'\\');
        if (i < 0)
        {
            raw.CopyTo(destination);
            return raw.Length;
        }

        raw[..i].CopyTo(destination);
        int written = i;
        while (i < raw.Length)
        {
            // raw[i] is a backslash.
            if (i + 1 >= raw.Length)
            {
                destination[written++] = raw[i++];
                break;
            }

            byte kind = raw[i + 1];
            int consumed = 2;
            switch (kind)
            {
                case (byte)'n': destination[written++] = (byte)'\n'; break;
                case (byte)'t': destination[written++] = (byte)'\t'; break;
                case (byte)'r': destination[written++] = (byte)'\r'; break;
                case (byte)'b': destination[written++] = (byte)'\b'; break;
                case (byte)'f': destination[written++] = (byte)'\f'; break;
                case (byte)'u':
                    consumed = UnescapeUnicode(raw[i..], destination[written..], out int bytes);
                    written += bytes;
                    break;
                default: destination[written++] = kind; break; // \" \\ \/ and anything else: the character itself
            }

            i += consumed;

            // The text up to the next escape. In escaped JSON (an input, an output) most runs are a few bytes long
            // (":", "\",\"", "[{"): copy those byte by byte, and search and copy only the long ones.
            int shortEnd = Math.Min(raw.Length, i + ShortRun);
            while (i < shortEnd && raw[i] != (byte)'\\')
            {
                destination[written++] = raw[i++];
            }

            if (i < raw.Length && raw[i] != (byte)'\\')
            {
                int run = raw[i..].IndexOf((byte)'\\');
                if (run < 0)
                {
                    run = raw.Length - i;
                }

                raw.Slice(i, run).CopyTo(destination[written..]);
                written += run;
                i += run;
            }
        }

        return written;
    }

    /// <summary>Decodes <c>\uXXXX</c> (and a following <c>\uXXXX</c> low surrogate) at the start of <paramref name="raw"/>.</summary>
    private static int UnescapeUnicode(ReadOnlySpan<byte> raw, Span<byte> destination, out int written)
    {
        if (!TryHex4(raw, out int unit))
        {
            raw[..2].CopyTo(destination);
            written = 2;
            return 2;
        }

        int consumed = 6;
        int scalar = unit;
        if (char.IsHighSurrogate((char)unit))
        {
            if (raw.Length >= 12 && raw[6] == (byte)'\\' && TryHex4(raw[6..], out int low) && char.IsLowSurrogate((char)low))
            {
                scalar = char.ConvertToUtf32((char)unit, (char)low);
                consumed = 12;
            }
            else
            {
                scalar = 0xFFFD;
            }
        }
        else if (char.IsLowSurrogate((char)unit))
        {
            scalar = 0xFFFD;
        }

        new Rune(scalar).TryEncodeToUtf8(destination, out written);
        return consumed;
    }

    private static bool TryHex4(ReadOnlySpan<byte> raw, out int value)
    {
        value = 0;
        return raw.Length >= 6 && raw[1] == (byte)'u'
            && Utf8Parser.TryParse(raw.Slice(2, 4), out ushort parsed, out int used, 'X') && used == 4
            && (value = parsed) >= 0;
    }
}
