using System;

namespace ActivityCore.Parsing.Xml;

/// <summary>
/// A forward-only position in a UTF-8 body with the lexical steps of the error reader: character
/// data, start tags (with their attributes), end tags, and delimited markup. Every step either
/// advances past what it read or reports failure; none looks back, so a whole read is linear.
/// </summary>
/// <remarks>A <c>default</c> cursor is over an empty body. Not thread-safe (it is a mutable ref struct).</remarks>
internal ref struct XmlCursor
{
    private readonly ReadOnlySpan<byte> body;

    /// <summary>Starts a cursor at the beginning of <paramref name="body"/>, past a UTF-8 byte order mark if any.</summary>
    /// <param name="body">The bytes to read.</param>
    public XmlCursor(ReadOnlySpan<byte> body)
    {
        this.body = body;
        Position = body.StartsWith(XmlSyntax.ByteOrderMark) ? XmlSyntax.ByteOrderMark.Length : 0;
    }

    /// <summary>The index of the next byte to read.</summary>
    public int Position { get; private set; }

    /// <summary>Whether every byte was read.</summary>
    public readonly bool AtEnd => Position >= this.body.Length;

    /// <summary>The unread bytes.</summary>
    public readonly ReadOnlySpan<byte> Rest => this.body[Position..];

    /// <summary>The bytes at <c>[start, start + length)</c> of the body (a range this cursor returned).</summary>
    /// <param name="start">The first index.</param>
    /// <param name="length">The length.</param>
    /// <returns>The bytes.</returns>
    public readonly ReadOnlySpan<byte> Slice(int start, int length) => this.body.Slice(start, length);

    /// <summary>Reads character data up to the next <c>&lt;</c> or the end.</summary>
    /// <returns>The length of the text read; it starts at the position before the call.</returns>
    public int ReadText()
    {
        int next = Rest.IndexOf((byte)'<');
        int length = next < 0 ? this.body.Length - Position : next;
        Position += length;
        return length;
    }

    /// <summary>Skips markup that starts at the position with an opening delimiter, up to and including <paramref name="close"/>.</summary>
    /// <param name="openLength">The length of the opening delimiter, already known to be at the position.</param>
    /// <param name="close">The closing delimiter.</param>
    /// <returns>False when the markup is unterminated (the cursor does not move).</returns>
    public bool TrySkipDelimited(int openLength, ReadOnlySpan<byte> close)
    {
        int end = XmlSyntax.SkipPast(Rest, openLength, close);
        if (end < 0)
        {
            return false;
        }

        Position += end;
        return true;
    }

    /// <summary>
    /// Reads a start tag at the position (a <c>&lt;</c> then a name): its name, its attributes (each
    /// preceded by white space, <c>name = "value"</c> or <c>'value'</c>, no <c>&lt;</c> in values), and
    /// <c>&gt;</c> or <c>/&gt;</c>.
    /// </summary>
    /// <param name="nameStart">The index of the element's qualified name.</param>
    /// <param name="nameLength">The length of the qualified name.</param>
    /// <param name="selfClosing">Whether the tag ends with <c>/&gt;</c>.</param>
    /// <returns>False when the tag is malformed or truncated.</returns>
    public bool TryReadStartTag(out int nameStart, out int nameLength, out bool selfClosing)
    {
        selfClosing = false;
        Position++;
        nameStart = Position;
        nameLength = ReadName();
        if (nameLength == 0)
        {
            return false;
        }

        while (true)
        {
            bool spaced = SkipWhitespace();
            if (AtEnd)
            {
                return false;
            }

            byte b = this.body[Position];
            if (b == (byte)'>')
            {
                Position++;
                return true;
            }

            if (b == (byte)'/')
            {
                Position++;
                selfClosing = true;
                return TryConsume((byte)'>');
            }

            if (!spaced || !TrySkipAttribute())
            {
                return false;
            }
        }
    }

    /// <summary>Reads an end tag at the position (<c>&lt;/</c>, a name, optional white space, <c>&gt;</c>).</summary>
    /// <param name="nameStart">The index of the qualified name.</param>
    /// <param name="nameLength">The length of the qualified name.</param>
    /// <returns>False when the tag is malformed or truncated.</returns>
    public bool TryReadEndTag(out int nameStart, out int nameLength)
    {
        Position += 2;
        nameStart = Position;
        nameLength = ReadName();
        SkipWhitespace();
        return nameLength > 0 && TryConsume((byte)'>');
    }

    /// <summary>Reads one attribute, <c>name = quoted-value</c>, at the position.</summary>
    private bool TrySkipAttribute()
    {
        if (ReadName() == 0)
        {
            return false;
        }

        SkipWhitespace();
        if (!TryConsume((byte)'='))
        {
            return false;
        }

        SkipWhitespace();
        if (AtEnd)
        {
            return false;
        }

        byte quote = this.body[Position];
        if (quote is not ((byte)'"' or (byte)'\''))
        {
            return false;
        }

        ReadOnlySpan<byte> value = Rest[1..];
        int close = value.IndexOf(quote);
        if (close < 0 || value[..close].Contains((byte)'<'))
        {
            return false;
        }

        Position += close + 2;
        return true;
    }

    /// <summary>Reads a name (see <see cref="XmlCharacters.IsNameStart"/>) and returns its length, 0 when there is none.</summary>
    private int ReadName()
    {
        if (AtEnd || !XmlCharacters.IsNameStart(this.body[Position]))
        {
            return 0;
        }

        int start = Position;
        Position++;
        while (!AtEnd && XmlCharacters.IsNameChar(this.body[Position]))
        {
            Position++;
        }

        return Position - start;
    }

    /// <summary>Skips XML white space; returns whether there was any.</summary>
    private bool SkipWhitespace()
    {
        int start = Position;
        while (!AtEnd && XmlCharacters.IsWhitespace(this.body[Position]))
        {
            Position++;
        }

        return Position > start;
    }

    /// <summary>Consumes <paramref name="expected"/> if it is the next byte.</summary>
    private bool TryConsume(byte expected)
    {
        if (AtEnd || this.body[Position] != expected)
        {
            return false;
        }

        Position++;
        return true;
    }
}
