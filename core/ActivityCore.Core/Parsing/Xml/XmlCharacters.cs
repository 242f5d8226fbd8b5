using System;
using System.Runtime.CompilerServices;

namespace ActivityCore.Parsing.Xml;

/// <summary>Byte and code-point classes of XML 1.0, and UTF-8 encoding of a code point; pure, allocation-free.</summary>
internal static class XmlCharacters
{
    /// <summary>The largest Unicode code point.</summary>
    public const int MaxCodePoint = 0x10FFFF;

    /// <summary>Whether <paramref name="b"/> is XML white space: space, tab, line feed or carriage return.</summary>
    /// <param name="b">The byte.</param>
    /// <returns>True for the four white-space bytes.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    /// <summary>Whether every byte of <paramref name="text"/> is XML white space.</summary>
    /// <param name="text">The bytes.</param>
    /// <returns>True when empty or all white space.</returns>
    public static bool IsAllWhitespace(ReadOnlySpan<byte> text) => text.IndexOfAnyExcept(" \t\n\r"u8) < 0;

    /// <summary>
    /// Whether <paramref name="b"/> may start a name: an ASCII letter, <c>_</c>, <c>:</c>, or any non-ASCII
    /// byte (non-ASCII names are accepted without checking their Unicode class).
    /// </summary>
    /// <param name="b">The byte.</param>
    /// <returns>True when the byte may start a name.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNameStart(byte b) =>
        b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or (byte)'_' or (byte)':' or >= 0x80;

    /// <summary>Whether <paramref name="b"/> may continue a name: a name-start byte, a digit, <c>-</c> or <c>.</c>.</summary>
    /// <param name="b">The byte.</param>
    /// <returns>True when the byte may continue a name.</returns>
    public static bool IsNameChar(byte b) => IsNameStart(b) || b is >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.';

    /// <summary>
    /// Whether <paramref name="codePoint"/> is a legal XML 1.0 character: tab, line feed, carriage return,
    /// U+0020..U+D7FF, U+E000..U+FFFD, U+10000..U+10FFFF (so not 0, not a surrogate, not U+FFFE/U+FFFF).
    /// </summary>
    /// <param name="codePoint">The code point.</param>
    /// <returns>True when a character reference may denote it.</returns>
    public static bool IsLegalChar(int codePoint) =>
        codePoint is 0x9 or 0xA or 0xD
            or >= 0x20 and <= 0xD7FF
            or >= 0xE000 and <= 0xFFFD
            or >= 0x10000 and <= MaxCodePoint;

    /// <summary>The number of UTF-8 bytes of a scalar value.</summary>
    /// <param name="codePoint">A Unicode scalar value.</param>
    /// <returns>1 to 4.</returns>
    public static int Utf8Length(int codePoint) => codePoint switch
    {
        < 0x80 => 1,
        < 0x800 => 2,
        < 0x10000 => 3,
        _ => 4,
    };

    /// <summary>Writes the UTF-8 encoding of a scalar value at the start of <paramref name="destination"/>.</summary>
    /// <param name="codePoint">A Unicode scalar value (checked by <see cref="IsLegalChar"/>).</param>
    /// <param name="destination">Where to write; must hold <see cref="Utf8Length"/> bytes.</param>
    /// <returns>The number of bytes written, or 0 when <paramref name="destination"/> is too small.</returns>
    public static int WriteUtf8(int codePoint, Span<byte> destination)
    {
        int length = Utf8Length(codePoint);
        if (destination.Length < length)
        {
            return 0;
        }

        uint c = (uint)codePoint;
        switch (length)
        {
            case 1:
                destination[0] = (byte)c;
                break;
            case 2:
                destination[0] = (byte)(0xC0 | (c >> 6));
                destination[1] = (byte)(0x80 | (c & 0x3F));
                break;
            case 3:
                destination[0] = (byte)(0xE0 | (c >> 12));
                destination[1] = (byte)(0x80 | ((c >> 6) & 0x3F));
                destination[2] = (byte)(0x80 | (c & 0x3F));
                break;
            default:
                destination[0] = (byte)(0xF0 | (c >> 18));
                destination[1] = (byte)(0x80 | ((c >> 12) & 0x3F));
                destination[2] = (byte)(0x80 | ((c >> 6) & 0x3F));
                destination[3] = (byte)(0x80 | (c & 0x3F));
                break;
        }

        return length;
    }

    /// <summary>
    /// Parses the body of a character reference, the bytes between <c>&amp;#</c> and <c>;</c>: decimal
    /// digits, or <c>x</c> and hexadecimal digits. Stops accumulating past U+10FFFF, so it cannot overflow.
    /// </summary>
    /// <param name="digits">The bytes after <c>&amp;#</c>, without the <c>;</c>.</param>
    /// <param name="codePoint">The legal XML character denoted, or 0.</param>
    /// <returns>False when empty, not digits, too large, or not a legal XML 1.0 character.</returns>
    public static bool TryParseCharRef(ReadOnlySpan<byte> digits, out int codePoint)
    {
        codePoint = 0;
        bool hex = digits.Length > 0 && digits[0] == (byte)'x';
        if (hex)
        {
            digits = digits[1..];
        }

        if (digits.IsEmpty)
        {
            return false;
        }

        int value = 0;
        foreach (byte b in digits)
        {
            int digit = DigitValue(b, hex);
            if (digit < 0)
            {
                return false;
            }

            value = (value * (hex ? 16 : 10)) + digit;
            if (value > MaxCodePoint)
            {
                return false;
            }
        }

        if (!IsLegalChar(value))
        {
            return false;
        }

        codePoint = value;
        return true;
    }

    /// <summary>The value of a decimal or hexadecimal digit byte.</summary>
    private static int DigitValue(byte b, bool hex) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' when hex => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' when hex => b - 'A' + 10,
        _ => -1,
    };
}
