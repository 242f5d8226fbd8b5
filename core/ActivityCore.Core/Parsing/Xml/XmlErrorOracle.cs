using System;

namespace ActivityCore.Parsing.Xml;

/// <summary>
/// The reference reading of an XML error body: the reader <see cref="ErrorDocument.ParseXml"/> ran before
/// <see cref="XmlErrorReader"/> was made fast (names walked one byte at a time, each element classified against the
/// error paths by <see cref="XmlErrorPath"/>, fields collected by <see cref="XmlFieldCollector"/>). Kept so that the
/// differential property test, the <c>xml-error-diff</c> fuzz target and the benchmarks compare the reader with it on
/// every input: the same status and the same located fields (start, length, verbatim flag).
/// </summary>
/// <remarks>
/// <para>Total: every byte sequence gives a status, never an exception. The whole body is read, so a
/// truncated document is <see cref="XmlReadStatus.Malformed"/>. A body containing <c>&lt;!DOCTYPE</c>
/// anywhere (even in a comment or CDATA section) is refused before anything else, so no DTD is
/// ever read and no entity expanded.</para>
/// <para>Checked: an optional UTF-8 byte order mark; the XML declaration, processing instructions and
/// comments anywhere; start tags with attributes in either quote (values may hold <c>&gt;</c>, not
/// <c>&lt;</c>); self-closing elements; CDATA sections (only inside the root); end tags matching their
/// start tags by qualified name; nothing but white space, comments and PIs outside a single root.
/// Not checked (the fields are found all the same): entity references (<see cref="XmlText.TryDecode"/>
/// checks those of the fields), namespace declarations, duplicate attributes, the Unicode class of
/// non-ASCII name characters, the validity of UTF-8.</para>
/// <para>Linear time: every scan starts where the previous one ended. Thread-safe (no state).</para>
/// </remarks>
internal static class XmlErrorOracle
{
    /// <summary><see cref="ErrorDocument.ParseXml"/> as the oracle reads the body.</summary>
    /// <param name="body">The body bytes.</param>
    /// <returns>The document.</returns>
    public static ErrorDocument ParseXml(ReadOnlySpan<byte> body)
    {
        XmlReadStatus read = Read(body, out XmlErrorFields fields);
        return ErrorDocument.FromXmlFields(body, read, fields);
    }

    /// <summary>Reads an XML error document (<see cref="XmlErrorReader.Read"/> must agree with this on every input).</summary>
    /// <param name="body">The UTF-8 body of a response.</param>
    /// <param name="fields">
    /// On <see cref="XmlReadStatus.Ok"/>, the fields of the chosen (first) <c>Error</c> and the request id;
    /// on <see cref="XmlReadStatus.NotAnErrorDocument"/>, whatever was found (a request id, maybe);
    /// otherwise <c>default</c> (nothing present). Decode them against the same <paramref name="body"/>.
    /// </param>
    /// <returns>The status of the read.</returns>
    public static XmlReadStatus Read(ReadOnlySpan<byte> body, out XmlErrorFields fields)
    {
        fields = default;
        if (body.IndexOf(XmlSyntax.DoctypeOpen) >= 0)
        {
            return XmlReadStatus.DoctypeRefused;
        }

        Span<int> nameStarts = stackalloc int[XmlErrorReader.MaxDepth];
        Span<int> nameLengths = stackalloc int[XmlErrorReader.MaxDepth];
        Span<XmlElementRole> roles = stackalloc XmlElementRole[XmlErrorReader.MaxDepth];
        XmlCursor cursor = new(body);
        XmlFieldCollector collector = default;
        int depth = 0;
        bool rootSeen = false;
        bool errorChosen = false;
        while (!cursor.AtEnd)
        {
            int textStart = cursor.Position;
            int textLength = cursor.ReadText();
            if (textLength > 0)
            {
                ReadOnlySpan<byte> text = cursor.Slice(textStart, textLength);
                if (depth == 0 && !XmlCharacters.IsAllWhitespace(text))
                {
                    return XmlReadStatus.Malformed;
                }

                collector.NoteText(text);
                if (cursor.AtEnd)
                {
                    break;
                }
            }

            ReadOnlySpan<byte> rest = cursor.Rest;
            if (rest.StartsWith("</"u8))
            {
                int tagStart = cursor.Position;
                if (depth == 0 || !cursor.TryReadEndTag(out int nameStart, out int nameLength))
                {
                    return XmlReadStatus.Malformed;
                }

                depth--;
                if (!cursor.Slice(nameStart, nameLength).SequenceEqual(cursor.Slice(nameStarts[depth], nameLengths[depth])))
                {
                    return XmlReadStatus.Malformed;
                }

                collector.Close(depth + 1, tagStart);
            }
            else if (IsDelimited(rest, depth > 0, out int openLength, out ReadOnlySpan<byte> close))
            {
                if (!cursor.TrySkipDelimited(openLength, close))
                {
                    return XmlReadStatus.Malformed;
                }

                collector.NoteMarkup();
            }
            else
            {
                if ((depth == 0 && rootSeen) || !cursor.TryReadStartTag(out int nameStart, out int nameLength, out bool selfClosing))
                {
                    return XmlReadStatus.Malformed;
                }

                if (depth == XmlErrorReader.MaxDepth)
                {
                    return XmlReadStatus.TooDeep;
                }

                XmlElementRole parent = depth == 0 ? XmlElementRole.Document : roles[depth - 1];
                XmlElementRole role = XmlErrorPath.Classify(parent, cursor.Slice(nameStart, nameLength), errorChosen);
                errorChosen |= role == XmlElementRole.Error;
                rootSeen = true;
                collector.Open(role, depth + 1, cursor.Position, selfClosing);
                if (!selfClosing)
                {
                    nameStarts[depth] = nameStart;
                    nameLengths[depth] = nameLength;
                    roles[depth] = role;
                    depth++;
                }
            }
        }

        if (depth != 0 || !rootSeen)
        {
            return XmlReadStatus.Malformed;
        }

        fields = collector.ToFields();
        return errorChosen ? XmlReadStatus.Ok : XmlReadStatus.NotAnErrorDocument;
    }

    /// <summary>
    /// Whether <paramref name="rest"/> starts with a comment, a processing instruction, or (inside the
    /// root only) a CDATA section; gives the opener's length and the closing delimiter.
    /// </summary>
    private static bool IsDelimited(ReadOnlySpan<byte> rest, bool insideRoot, out int openLength, out ReadOnlySpan<byte> close)
    {
        if (rest.StartsWith(XmlSyntax.CommentOpen))
        {
            openLength = XmlSyntax.CommentOpen.Length;
            close = XmlSyntax.CommentClose;
        }
        else if (rest.StartsWith(XmlSyntax.PIOpen))
        {
            openLength = XmlSyntax.PIOpen.Length;
            close = XmlSyntax.PIClose;
        }
        else if (insideRoot && rest.StartsWith(XmlSyntax.CDataOpen))
        {
            openLength = XmlSyntax.CDataOpen.Length;
            close = XmlSyntax.CDataClose;
        }
        else
        {
            openLength = 0;
            close = default;
        }

        return openLength > 0;
    }
}
