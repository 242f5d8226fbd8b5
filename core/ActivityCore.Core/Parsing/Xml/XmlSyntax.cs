using System;

namespace ActivityCore.Parsing.Xml;

/// <summary>The markup delimiters of XML as UTF-8 literals, and linear skips over delimited markup.</summary>
internal static class XmlSyntax
{
    /// <summary>The UTF-8 byte order mark.</summary>
    public static ReadOnlySpan<byte> ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>Opens a CDATA section.</summary>
    public static ReadOnlySpan<byte> CDataOpen => "<![CDATA["u8;

    /// <summary>Closes a CDATA section.</summary>
    public static ReadOnlySpan<byte> CDataClose => "]]>"u8;

    /// <summary>Opens a comment.</summary>
    public static ReadOnlySpan<byte> CommentOpen => "<!--"u8;

    /// <summary>Closes a comment.</summary>
    public static ReadOnlySpan<byte> CommentClose => "-->"u8;

    /// <summary>Opens a processing instruction (and the XML declaration).</summary>
    public static ReadOnlySpan<byte> PIOpen => "<?"u8;

    /// <summary>Closes a processing instruction.</summary>
    public static ReadOnlySpan<byte> PIClose => "?>"u8;

    /// <summary>Opens a document type declaration, which the reader refuses.</summary>
    public static ReadOnlySpan<byte> DoctypeOpen => "<!DOCTYPE"u8;

    /// <summary>Finds <paramref name="terminator"/> at or after <paramref name="from"/>.</summary>
    /// <param name="text">The bytes.</param>
    /// <param name="from">Where to start looking (at most <c>text.Length</c>).</param>
    /// <param name="terminator">The closing delimiter.</param>
    /// <returns>The index just past the terminator, or -1 when it is absent.</returns>
    public static int SkipPast(ReadOnlySpan<byte> text, int from, ReadOnlySpan<byte> terminator)
    {
        if ((uint)from > (uint)text.Length)
        {
            return -1;
        }

        int found = text[from..].IndexOf(terminator);
        return found < 0 ? -1 : from + found + terminator.Length;
    }

    /// <summary>
    /// Skips a start or end tag that begins at <c>text[0]</c> (a <c>&lt;</c>): up to its <c>&gt;</c>, stepping
    /// over quoted attribute values (which may hold <c>&gt;</c>).
    /// </summary>
    /// <param name="text">The bytes, starting with <c>&lt;</c>.</param>
    /// <returns>The index just past the tag's <c>&gt;</c>, or -1 when the tag is unterminated or holds a stray <c>&lt;</c>.</returns>
    public static int SkipTag(ReadOnlySpan<byte> text)
    {
        int i = 1;
        while (i < text.Length)
        {
            int next = text[i..].IndexOfAny("\"'<>"u8);
            if (next < 0)
            {
                return -1;
            }

            i += next;
            byte b = text[i];
            if (b == (byte)'>')
            {
                return i + 1;
            }

            if (b == (byte)'<')
            {
                return -1;
            }

            int close = text[(i + 1)..].IndexOf(b);
            if (close < 0)
            {
                return -1;
            }

            i += close + 2;
        }

        return -1;
    }
}
