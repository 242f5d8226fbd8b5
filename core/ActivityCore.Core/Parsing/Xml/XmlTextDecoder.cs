using System;
using System.Buffers;

namespace ActivityCore.Parsing.Xml;

/// <summary>
/// Decodes the raw content of an element to UTF-8 text, in one linear pass, without allocating:
/// the five predefined entities, decimal and hexadecimal character references, CDATA sections
/// (copied verbatim), comments and processing instructions (skipped), child element tags (skipped,
/// their text kept, like <c>XElement.Value</c>), and line ends (<c>\r\n</c> and <c>\r</c> become <c>\n</c>,
/// as XML 1.0 section 2.11 requires). Any other entity reference is malformed: none is ever expanded.
/// </summary>
internal static class XmlTextDecoder
{
    /// <summary>Decodes <paramref name="raw"/> into <paramref name="destination"/>.</summary>
    /// <param name="raw">The raw content of an element.</param>
    /// <param name="destination">Where the text goes; <c>raw.Length</c> bytes always suffice.</param>
    /// <param name="written">The number of bytes written so far (all of them on success).</param>
    /// <returns><see cref="OperationStatus.Done"/>, <see cref="OperationStatus.DestinationTooSmall"/> or <see cref="OperationStatus.InvalidData"/>.</returns>
    public static OperationStatus Decode(ReadOnlySpan<byte> raw, Span<byte> destination, out int written)
    {
        written = 0;
        while (!raw.IsEmpty)
        {
            int special = raw.IndexOfAny((byte)'&', (byte)'<', (byte)'\r');
            int plain = special < 0 ? raw.Length : special;
            if (plain > destination.Length - written)
            {
                return OperationStatus.DestinationTooSmall;
            }

            raw[..plain].CopyTo(destination[written..]);
            written += plain;
            raw = raw[plain..];
            if (raw.IsEmpty)
            {
                break;
            }

            int consumed;
            OperationStatus status = raw[0] switch
            {
                (byte)'&' => DecodeReference(raw, destination, ref written, out consumed),
                (byte)'<' => DecodeMarkup(raw, destination, ref written, out consumed),
                _ => DecodeLineEnd(raw, destination, ref written, out consumed),
            };
            if (status != OperationStatus.Done)
            {
                return status;
            }

            raw = raw[consumed..];
        }

        return OperationStatus.Done;
    }

    /// <summary>Decodes the entity or character reference at the start of <paramref name="raw"/> (which starts with <c>&amp;</c>).</summary>
    private static OperationStatus DecodeReference(ReadOnlySpan<byte> raw, Span<byte> destination, ref int written, out int consumed)
    {
        consumed = 0;
        int semicolon = raw.IndexOf((byte)';');
        if (semicolon < 0)
        {
            return OperationStatus.InvalidData;
        }

        ReadOnlySpan<byte> name = raw[1..semicolon];
        consumed = semicolon + 1;
        int codePoint;
        if (name.Length > 0 && name[0] == (byte)'#')
        {
            if (!XmlCharacters.TryParseCharRef(name[1..], out codePoint))
            {
                return OperationStatus.InvalidData;
            }
        }
        else
        {
            codePoint = PredefinedEntity(name);
            if (codePoint < 0)
            {
                return OperationStatus.InvalidData;
            }
        }

        int length = XmlCharacters.WriteUtf8(codePoint, destination[written..]);
        if (length == 0)
        {
            return OperationStatus.DestinationTooSmall;
        }

        written += length;
        return OperationStatus.Done;
    }

    /// <summary>The line end at the start of <paramref name="raw"/> (a <c>\r</c>, maybe followed by <c>\n</c>), written as one <c>\n</c>.</summary>
    private static OperationStatus DecodeLineEnd(ReadOnlySpan<byte> raw, Span<byte> destination, ref int written, out int consumed)
    {
        consumed = raw.Length > 1 && raw[1] == (byte)'\n' ? 2 : 1;
        if (written == destination.Length)
        {
            return OperationStatus.DestinationTooSmall;
        }

        destination[written] = (byte)'\n';
        written++;
        return OperationStatus.Done;
    }

    /// <summary>The character of one of the five predefined entities, or -1 for any other name (by length, then bytes).</summary>
    private static int PredefinedEntity(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 => name.SequenceEqual("lt"u8) ? '<' : name.SequenceEqual("gt"u8) ? '>' : -1,
        3 => name.SequenceEqual("amp"u8) ? '&' : -1,
        4 => name.SequenceEqual("apos"u8) ? '\'' : name.SequenceEqual("quot"u8) ? '"' : -1,
        _ => -1,
    };

    /// <summary>Decodes the markup at the start of <paramref name="raw"/> (which starts with <c>&lt;</c>): CDATA, comment, PI or a child tag.</summary>
    private static OperationStatus DecodeMarkup(ReadOnlySpan<byte> raw, Span<byte> destination, ref int written, out int consumed)
    {
        consumed = 0;
        if (raw.StartsWith(XmlSyntax.CDataOpen))
        {
            int end = raw[XmlSyntax.CDataOpen.Length..].IndexOf(XmlSyntax.CDataClose);
            if (end < 0)
            {
                return OperationStatus.InvalidData;
            }

            if (!CopyNormalizingLineEnds(raw.Slice(XmlSyntax.CDataOpen.Length, end), destination, ref written))
            {
                return OperationStatus.DestinationTooSmall;
            }

            consumed = XmlSyntax.CDataOpen.Length + end + XmlSyntax.CDataClose.Length;
            return OperationStatus.Done;
        }

        consumed = raw.StartsWith(XmlSyntax.CommentOpen) ? XmlSyntax.SkipPast(raw, XmlSyntax.CommentOpen.Length, XmlSyntax.CommentClose)
            : raw.StartsWith(XmlSyntax.PIOpen) ? XmlSyntax.SkipPast(raw, XmlSyntax.PIOpen.Length, XmlSyntax.PIClose)
            : raw.Length > 1 && (raw[1] == (byte)'/' || XmlCharacters.IsNameStart(raw[1])) ? XmlSyntax.SkipTag(raw)
            : -1;
        return consumed < 0 ? OperationStatus.InvalidData : OperationStatus.Done;
    }

    /// <summary>Appends <paramref name="source"/> with <c>\r\n</c> and lone <c>\r</c> turned into <c>\n</c>; false when it does not fit.</summary>
    private static bool CopyNormalizingLineEnds(ReadOnlySpan<byte> source, Span<byte> destination, ref int written)
    {
        while (!source.IsEmpty)
        {
            int cr = source.IndexOf((byte)'\r');
            int run = cr < 0 ? source.Length : cr;
            Span<byte> free = destination[written..];
            if (run > free.Length || (cr >= 0 && run >= free.Length))
            {
                return false;
            }

            source[..run].CopyTo(free);
            written += run;
            if (cr < 0)
            {
                break;
            }

            destination[written] = (byte)'\n';
            written++;
            int skip = cr + 1 < source.Length && source[cr + 1] == (byte)'\n' ? 2 : 1;
            source = source[(cr + skip)..];
        }

        return true;
    }
}
