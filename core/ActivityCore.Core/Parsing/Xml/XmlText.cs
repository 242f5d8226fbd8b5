using System;
using System.Buffers;
using System.Text;

namespace ActivityCore.Parsing.Xml;

/// <summary>
/// A located piece of XML character data inside a body: the raw content of an element, recorded as
/// a byte range and decoded on demand against the same body.
/// </summary>
/// <remarks>
/// <c>default</c> is "not present". Immutable and thread-safe; it holds no reference to the body,
/// so the caller passes the body it was read from to <see cref="TryDecode"/> and <see cref="DecodeToString"/>.
/// </remarks>
internal readonly struct XmlText
{
    /// <summary>Up to this many bytes <see cref="DecodeToString"/> and <see cref="ValueTextEquals"/> decode on the stack; above it they rent from <see cref="ArrayPool{T}.Shared"/>.</summary>
    internal const int StackallocThreshold = 256;

    /// <summary>Creates a present text over the raw content <c>body[start..(start + length)]</c>.</summary>
    /// <param name="start">The index of the first byte after the start tag's <c>&gt;</c>.</param>
    /// <param name="length">The number of bytes up to the end tag's <c>&lt;</c>.</param>
    /// <param name="isVerbatim">Whether the raw bytes are the decoded text (see <see cref="IsVerbatim"/>).</param>
    internal XmlText(int start, int length, bool isVerbatim)
    {
        IsPresent = true;
        Start = start;
        Length = length;
        IsVerbatim = isVerbatim;
    }

    /// <summary>Whether the element was found (even if it is empty or self-closing).</summary>
    public bool IsPresent { get; }

    /// <summary>The index in the body of the element's raw content: the byte after the start tag's <c>&gt;</c>.</summary>
    public int Start { get; }

    /// <summary>The length in bytes of the raw content, up to the end tag's <c>&lt;</c> (0 for a self-closing element).</summary>
    public int Length { get; }

    /// <summary>
    /// True when the raw content contains no <c>&amp;</c>, no CDATA section, no comment, no processing
    /// instruction, no child element and no carriage return (which XML normalises to a line feed):
    /// the raw bytes <em>are</em> the decoded text, so a caller may compare them without decoding.
    /// </summary>
    public bool IsVerbatim { get; }

    /// <summary>An upper bound of the decoded UTF-8 length: decoding never makes content longer, so this is <see cref="Length"/>.</summary>
    public int MaxDecodedLength => Length;

    /// <summary>The raw content bytes, or an empty span when this text is absent or does not fit in <paramref name="body"/>.</summary>
    /// <param name="body">The body this text was read from.</param>
    /// <returns>The raw content.</returns>
    public ReadOnlySpan<byte> RawIn(ReadOnlySpan<byte> body) =>
        FitsIn(body) ? body.Slice(Start, Length) : default;

    /// <summary>
    /// Decodes the content into <paramref name="destination"/> as UTF-8: predefined entities, character
    /// references, CDATA sections, line-end normalisation; comments, processing instructions and child
    /// element tags are skipped (the text of child elements is kept, as <c>XElement.Value</c> does).
    /// </summary>
    /// <param name="body">The body this text was read from.</param>
    /// <param name="destination">Where the decoded bytes go; <see cref="MaxDecodedLength"/> bytes always suffice.</param>
    /// <param name="written">The number of bytes written (meaningful only on <see cref="OperationStatus.Done"/>).</param>
    /// <returns>
    /// <see cref="OperationStatus.Done"/>; <see cref="OperationStatus.DestinationTooSmall"/>;
    /// <see cref="OperationStatus.InvalidData"/> when the text is absent, out of the body's range, or malformed
    /// (an unknown or unterminated entity, an illegal character reference, unterminated markup).
    /// </returns>
    public OperationStatus Decode(ReadOnlySpan<byte> body, Span<byte> destination, out int written)
    {
        if (!FitsIn(body))
        {
            written = 0;
            return OperationStatus.InvalidData;
        }

        return XmlTextDecoder.Decode(body.Slice(Start, Length), destination, out written);
    }

    /// <summary>Decodes the content (see <see cref="Decode"/>); never throws.</summary>
    /// <param name="body">The body this text was read from.</param>
    /// <param name="destination">Where the decoded bytes go; <see cref="MaxDecodedLength"/> bytes always suffice.</param>
    /// <param name="written">The number of bytes written, 0 on failure.</param>
    /// <returns>False when the destination is too small, the text is absent, or the content is malformed.</returns>
    public bool TryDecode(ReadOnlySpan<byte> body, Span<byte> destination, out int written)
    {
        if (Decode(body, destination, out written) == OperationStatus.Done)
        {
            return true;
        }

        written = 0;
        return false;
    }

    /// <summary>
    /// Decodes the content to a string; invalid UTF-8 becomes U+FFFD. Allocates only the result: a verbatim
    /// content is turned into the string straight from the body; any other is decoded first, and its scratch buffer is on the stack under <see cref="StackallocThreshold"/> bytes, else rented and cleared
    /// before it is returned (error messages may quote secrets).
    /// </summary>
    /// <param name="body">The body this text was read from.</param>
    /// <returns>The text; null when absent, out of the body's range, or malformed.</returns>
    public string? DecodeToString(ReadOnlySpan<byte> body)
    {
        if (!FitsIn(body))
        {
            return null;
        }

        if (Length == 0)
        {
            return string.Empty;
        }

        if (IsVerbatim)
        {
            return Encoding.UTF8.GetString(body.Slice(Start, Length));
        }

        byte[]? rented = null;
        Span<byte> scratch = Length <= StackallocThreshold
            ? stackalloc byte[StackallocThreshold]
            : (rented = ArrayPool<byte>.Shared.Rent(Length));
        scratch = scratch[..Length];
        try
        {
            return XmlTextDecoder.Decode(body.Slice(Start, Length), scratch, out int written) == OperationStatus.Done
                ? Encoding.UTF8.GetString(scratch[..written])
                : null;
        }
        finally
        {
            scratch.Clear();
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Whether the decoded text equals <paramref name="utf8"/>, without allocating: a verbatim text is
    /// compared in place; any other is decoded into a scratch buffer of <c>utf8.Length</c> bytes (a longer
    /// text does not fit, so it is not equal). Recognises a known error code straight from the body.
    /// </summary>
    /// <param name="body">The body this text was read from.</param>
    /// <param name="utf8">The expected text, as UTF-8 (for instance <c>"InvalidArn"u8</c>).</param>
    /// <returns>False when absent, malformed, or different.</returns>
    public bool ValueTextEquals(ReadOnlySpan<byte> body, ReadOnlySpan<byte> utf8)
    {
        if (!FitsIn(body) || utf8.Length > Length)
        {
            return false;
        }

        ReadOnlySpan<byte> raw = body.Slice(Start, Length);
        if (IsVerbatim)
        {
            return raw.SequenceEqual(utf8);
        }

        byte[]? rented = null;
        Span<byte> scratch = utf8.Length <= StackallocThreshold
            ? stackalloc byte[StackallocThreshold]
            : (rented = ArrayPool<byte>.Shared.Rent(utf8.Length));
        scratch = scratch[..utf8.Length];
        try
        {
            return XmlTextDecoder.Decode(raw, scratch, out int written) == OperationStatus.Done
                && scratch[..written].SequenceEqual(utf8);
        }
        finally
        {
            scratch.Clear();
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whether this text is present and its range lies inside <paramref name="body"/>.</summary>
    private bool FitsIn(ReadOnlySpan<byte> body) =>
        IsPresent && Start >= 0 && Length >= 0 && Start <= body.Length && Length <= body.Length - Start;
}
