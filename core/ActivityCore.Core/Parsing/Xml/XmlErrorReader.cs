using System;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace ActivityCore.Parsing.Xml;

/// <summary>
/// Finds the fields of an AWS XML error document (see <see cref="XmlErrorPath"/> for the shapes) in a
/// UTF-8 body, in one forward pass, without allocating: it records byte ranges only.
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
/// <para>How it is fast: text is skipped with one vectorised search for <c>&lt;</c>, a name with one vectorised
/// search for its first non-name byte; an end tag is compared with its start tag's name in place instead of
/// being read; an element is classified only when its parent is on a recognised path, by the length of its
/// local name first, then by its bytes.</para>
/// <para>It agrees with <see cref="XmlErrorOracle"/> (the byte-by-byte reader it replaced) on every input: the
/// same status and the same fields. A differential property test and the <c>xml-error-diff</c> fuzz target check it.</para>
/// <para>Linear time: every scan starts where the previous one ended. Thread-safe (no state).</para>
/// </remarks>
internal static class XmlErrorReader
{
    /// <summary>
    /// The deepest nesting read: at most 64 elements open at once (the root is at depth 1). An element
    /// that would sit at depth 65, self-closing or not, ends the read with <see cref="XmlReadStatus.TooDeep"/>.
    /// Real error documents nest 4 deep; the bound keeps the name stack on the stack (<c>stackalloc</c>, 576 bytes,
    /// and 72 bytes for a document that nests at most 8 deep).
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The bytes that end a name: every byte that may not continue one (see <see cref="XmlCharacters.IsNameChar"/>).
    /// All of them are ASCII (every non-ASCII byte continues a name), which keeps the vectorised search on its
    /// fastest path.
    /// </summary>
    private static readonly SearchValues<byte> NameEnds = SearchValues.Create(NameEndBytes());

    /// <summary><see cref="NameEnds"/> and <c>:</c>, the separator of a prefix and a local name.</summary>
    private static readonly SearchValues<byte> NameEndsAndColon = SearchValues.Create([.. NameEndBytes(), (byte)':']);

    /// <summary>The capacity of the name stack a walk starts with; a document nesting deeper is walked again with <see cref="MaxDepth"/>.</summary>
    private const int ShallowDepth = 8;

    /// <summary>Reads an XML error document.</summary>
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
        if (ContainsDoctype(body))
        {
            return XmlReadStatus.DoctypeRefused;
        }

        // Most documents nest a few elements deep: their walk keeps its name stack in 72 bytes. One that nests deeper
        // is walked again from the start with the full stack (so the work stays linear, and the large stack is
        // cleared only when it is needed).
        Span<int> nameStarts = stackalloc int[ShallowDepth];
        Span<int> nameLengths = stackalloc int[ShallowDepth];
        Span<XmlElementRole> roles = stackalloc XmlElementRole[ShallowDepth];
        XmlReadStatus status = Walk(body, nameStarts, nameLengths, roles, out fields, out bool stackFull);
        return stackFull ? ReadDeep(body, out fields) : status;
    }

    /// <summary><see cref="Read"/> with a name stack of <see cref="MaxDepth"/> entries.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static XmlReadStatus ReadDeep(ReadOnlySpan<byte> body, out XmlErrorFields fields)
    {
        Span<int> nameStarts = stackalloc int[MaxDepth];
        Span<int> nameLengths = stackalloc int[MaxDepth];
        Span<XmlElementRole> roles = stackalloc XmlElementRole[MaxDepth];
        return Walk(body, nameStarts, nameLengths, roles, out fields, out _);
    }

    /// <summary>
    /// The walk of <see cref="Read"/> (after the DOCTYPE check) with a name stack of the given capacity: when an
    /// element would be pushed beyond it (below <see cref="MaxDepth"/>), stops with <paramref name="stackFull"/> set.
    /// </summary>
    private static XmlReadStatus Walk(
        ReadOnlySpan<byte> body, Span<int> nameStarts, Span<int> nameLengths, Span<XmlElementRole> roles, out XmlErrorFields fields, out bool stackFull)
    {
        fields = default;
        stackFull = false;

        // Unchecked: every index is below body.Length (at most int.MaxValue), so no sum here can overflow.
        unchecked
        {
            XmlFieldCollector collector = default;
            int position = body.StartsWith(XmlSyntax.ByteOrderMark) ? XmlSyntax.ByteOrderMark.Length : 0;
            int depth = 0;
            bool rootSeen = false;
            bool errorChosen = false;
            while (position < body.Length)
            {
                if (body[position] != (byte)'<')
                {
                    int textLength = collector.IsCollecting ? FieldTextLength(body[position..], ref collector) : body[position..].IndexOf((byte)'<');
                    if (textLength < 0)
                    {
                        textLength = body.Length - position;
                    }

                    if (depth == 0 && !XmlCharacters.IsAllWhitespace(body.Slice(position, textLength)))
                    {
                        return XmlReadStatus.Malformed;
                    }

                    position += textLength;
                    if (position == body.Length)
                    {
                        break;
                    }
                }

                byte next = position + 1 < body.Length ? body[position + 1] : (byte)0;
                if (next == (byte)'/')
                {
                    int tagStart = position;
                    if (depth == 0)
                    {
                        return XmlReadStatus.Malformed;
                    }

                    depth--;
                    position = EndOfEndTag(body, position + 2, body.Slice(nameStarts[depth], nameLengths[depth]));
                    if (position < 0)
                    {
                        return XmlReadStatus.Malformed;
                    }

                    collector.Close(depth + 1, tagStart);
                }
                else if (next is (byte)'?' or (byte)'!')
                {
                    // Neither may start a name, so where no markup starts the start tag it would be is malformed too.
                    int delimited = DelimitedLength(body[position..], next, depth > 0);
                    if (delimited <= 0)
                    {
                        return XmlReadStatus.Malformed;
                    }

                    position += delimited;
                    collector.NoteMarkup();
                }
                else
                {
                    int nameStart = position + 1;
                    if ((depth == 0 && rootSeen) || nameStart == body.Length || !XmlCharacters.IsNameStart(body[nameStart]))
                    {
                        return XmlReadStatus.Malformed;
                    }

                    // The name ends at a byte that cannot continue it; the search also stops at each ':', so the
                    // local name (after the last ':') is known without a second pass.
                    int localStart = body[nameStart] == (byte)':' ? nameStart + 1 : nameStart;
                    position = nameStart + 1;
                    while (true)
                    {
                        int end = body[position..].IndexOfAny(NameEndsAndColon);
                        if (end < 0)
                        {
                            return XmlReadStatus.Malformed;
                        }

                        position += end;
                        if (body[position] != (byte)':')
                        {
                            break;
                        }

                        position++;
                        localStart = position;
                    }

                    int nameLength = position - nameStart;
                    ReadOnlySpan<byte> localName = body[localStart..position];
                    bool selfClosing = false;
                    if (body[position] == (byte)'>')
                    {
                        position++;
                    }
                    else
                    {
                        position = EndOfStartTag(body, position, out selfClosing);
                        if (position < 0)
                        {
                            return XmlReadStatus.Malformed;
                        }
                    }

                    if (depth == MaxDepth)
                    {
                        return XmlReadStatus.TooDeep;
                    }

                    XmlElementRole role = depth == 0
                        ? Classify(XmlElementRole.Document, localName, errorChosen)
                        : roles[depth - 1] is var parent && parent is >= XmlElementRole.Document and <= XmlElementRole.Error
                            ? Classify(parent, localName, errorChosen)
                            : XmlElementRole.Other;
                    errorChosen |= role == XmlElementRole.Error;
                    rootSeen = true;
                    collector.Open(role, depth + 1, position, selfClosing);
                    if (!selfClosing)
                    {
                        if (depth == nameStarts.Length)
                        {
                            stackFull = true;
                            return XmlReadStatus.Malformed;
                        }

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
    }

    /// <summary>
    /// The role of an element, given its local name, whose parent is on a recognised path (the same function as
    /// <see cref="XmlErrorPath.Classify"/>): the local name's length picks the one or two names it can be, then
    /// its bytes are compared with those only.
    /// </summary>
    private static XmlElementRole Classify(XmlElementRole parent, ReadOnlySpan<byte> name, bool errorChosen) =>
        name.Length switch
        {
            4 when parent == XmlElementRole.Error =>
                name.SequenceEqual("Code"u8) ? XmlElementRole.Code
                : name.SequenceEqual("Type"u8) ? XmlElementRole.Type
                : XmlElementRole.Other,
            5 when name.SequenceEqual("Error"u8) =>
                parent == XmlElementRole.Document || (!errorChosen && parent is XmlElementRole.ErrorResponse or XmlElementRole.Errors)
                    ? XmlElementRole.Error
                    : XmlElementRole.Other,
            6 when parent == XmlElementRole.Response && name.SequenceEqual("Errors"u8) => XmlElementRole.Errors,
            7 when parent == XmlElementRole.Error && name[1..].SequenceEqual("essage"u8) && name[0] is (byte)'M' or (byte)'m' =>
                XmlElementRole.Message,
            8 when parent == XmlElementRole.Document && name.SequenceEqual("Response"u8) => XmlElementRole.Response,
            9 when parent is XmlElementRole.ErrorResponse or XmlElementRole.Response or XmlElementRole.Error
                && name[..8].SequenceEqual("RequestI"u8) && name[8] is (byte)'d' or (byte)'D' => XmlElementRole.RequestId,
            13 when parent == XmlElementRole.Document && name.SequenceEqual("ErrorResponse"u8) => XmlElementRole.ErrorResponse,
            _ => XmlElementRole.Other,
        };

    /// <summary>
    /// The length of the character data at the start of <paramref name="rest"/> (up to the next <c>&lt;</c>, -1 when
    /// there is none) inside an open field: one search finds the <c>&lt;</c> or, first, an <c>&amp;</c> or a carriage
    /// return, which make the field non-verbatim (what <see cref="XmlFieldCollector.NoteText"/> checks).
    /// </summary>
    private static int FieldTextLength(ReadOnlySpan<byte> rest, ref XmlFieldCollector collector)
    {
        int special = rest.IndexOfAny((byte)'<', (byte)'&', (byte)'\r');
        if (special < 0 || rest[special] == (byte)'<')
        {
            return special;
        }

        collector.NoteEscape();
        int lt = rest[special..].IndexOf((byte)'<');
        return lt < 0 ? -1 : special + lt;
    }

    /// <summary>
    /// The index just past the end tag whose name starts at <paramref name="nameStart"/> (after <c>&lt;/</c>), which
    /// must be <paramref name="openName"/> exactly, then optional white space and <c>&gt;</c>; -1 when it is not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int EndOfEndTag(ReadOnlySpan<byte> body, int nameStart, ReadOnlySpan<byte> openName)
    {
        ReadOnlySpan<byte> rest = body[nameStart..];
        if (!rest.StartsWith(openName))
        {
            return -1;
        }

        int i = openName.Length;
        if (i < rest.Length && rest[i] == (byte)'>')
        {
            return nameStart + i + 1;
        }

        while (i < rest.Length && XmlCharacters.IsWhitespace(rest[i]))
        {
            i++;
        }

        return i < rest.Length && rest[i] == (byte)'>' ? nameStart + i + 1 : -1;
    }

    /// <summary>
    /// Reads the rest of a start tag from just after its name: attributes (each preceded by white space,
    /// <c>name = "value"</c> or <c>'value'</c>, no <c>&lt;</c> in values), then <c>&gt;</c> or <c>/&gt;</c>.
    /// </summary>
    /// <returns>The index just past the tag, or -1 when it is malformed or truncated.</returns>
    private static int EndOfStartTag(ReadOnlySpan<byte> body, int position, out bool selfClosing)
    {
        selfClosing = false;
        while (true)
        {
            int spaceStart = position;
            position = SkipWhitespace(body, position);
            if (position == body.Length)
            {
                return -1;
            }

            byte b = body[position];
            if (b == (byte)'>')
            {
                return position + 1;
            }

            if (b == (byte)'/')
            {
                selfClosing = true;
                return position + 1 < body.Length && body[position + 1] == (byte)'>' ? position + 2 : -1;
            }

            if (position == spaceStart)
            {
                return -1;
            }

            position = EndOfAttribute(body, position);
            if (position < 0)
            {
                return -1;
            }
        }
    }

    /// <summary>The index just past the attribute <c>name = quoted-value</c> at <paramref name="position"/>, or -1.</summary>
    private static int EndOfAttribute(ReadOnlySpan<byte> body, int position)
    {
        if (!XmlCharacters.IsNameStart(body[position]))
        {
            return -1;
        }

        int nameLength = body[(position + 1)..].IndexOfAny(NameEnds);
        position = nameLength < 0 ? body.Length : position + 1 + nameLength;
        position = SkipWhitespace(body, position);
        if (position == body.Length || body[position] != (byte)'=')
        {
            return -1;
        }

        position = SkipWhitespace(body, position + 1);
        if (position == body.Length)
        {
            return -1;
        }

        byte quote = body[position];
        if (quote is not ((byte)'"' or (byte)'\''))
        {
            return -1;
        }

        ReadOnlySpan<byte> value = body[(position + 1)..];
        int close = value.IndexOfAny(quote, (byte)'<');
        return close < 0 || value[close] == (byte)'<' ? -1 : position + close + 2;
    }

    /// <summary>
    /// The length of the comment, processing instruction or (inside the root only) CDATA section that starts
    /// <paramref name="rest"/> (whose second byte is <paramref name="next"/>, <c>?</c> or <c>!</c>); 0 when none starts
    /// there, -1 when it is unterminated.
    /// </summary>
    private static int DelimitedLength(ReadOnlySpan<byte> rest, byte next, bool insideRoot) =>
        next == (byte)'?' ? XmlSyntax.SkipPast(rest, XmlSyntax.PIOpen.Length, XmlSyntax.PIClose)
        : next != (byte)'!' ? 0
        : rest.StartsWith(XmlSyntax.CommentOpen) ? XmlSyntax.SkipPast(rest, XmlSyntax.CommentOpen.Length, XmlSyntax.CommentClose)
        : insideRoot && rest.StartsWith(XmlSyntax.CDataOpen) ? XmlSyntax.SkipPast(rest, XmlSyntax.CDataOpen.Length, XmlSyntax.CDataClose)
        : 0;

    private static int SkipWhitespace(ReadOnlySpan<byte> body, int position)
    {
        while (position < body.Length && XmlCharacters.IsWhitespace(body[position]))
        {
            position++;
        }

        return position;
    }

    /// <summary>
    /// Whether the body contains <c>&lt;!DOCTYPE</c>: a vectorised search for <c>!</c>, which is rare in an error
    /// document, then a look at the bytes around each one.
    /// </summary>
    private static bool ContainsDoctype(ReadOnlySpan<byte> body)
    {
        int from = 1;
        while (from < body.Length)
        {
            int bang = body[from..].IndexOf((byte)'!');
            if (bang < 0)
            {
                return false;
            }

            int at = from + bang;
            if (body[at - 1] == (byte)'<' && body[(at + 1)..].StartsWith("DOCTYPE"u8))
            {
                return true;
            }

            from = at + 1;
        }

        return false;
    }

    private static byte[] NameEndBytes()
    {
        byte[] all = new byte[128];
        int count = 0;
        for (int b = 0; b < 128; b++)
        {
            if (!XmlCharacters.IsNameChar((byte)b))
            {
                all[count++] = (byte)b;
            }
        }

        return all[..count];
    }
}
