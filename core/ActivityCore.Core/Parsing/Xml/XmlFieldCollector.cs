using System;
using System.Runtime.CompilerServices;

namespace ActivityCore.Parsing.Xml;

/// <summary>
/// Collects the field elements while <see cref="XmlErrorReader"/> walks the document: the first
/// occurrence of each field wins, its content range runs from the start tag's <c>&gt;</c> to the
/// matching end tag's <c>&lt;</c>, and anything in it that is not plain text clears its verbatim flag.
/// </summary>
/// <remarks><c>default</c> has collected nothing. Mutable; used by one read only.</remarks>
internal struct XmlFieldCollector
{
    private XmlText type;
    private XmlText code;
    private XmlText message;
    private XmlText requestId;
    private XmlElementRole openRole;
    private int openDepth;
    private int openStart;
    private bool openVerbatim;

    /// <summary>Whether a field element is open (so text and markup now belong to it).</summary>
    public readonly bool IsCollecting => openRole != XmlElementRole.Other;

    /// <summary>Notes an element's start tag.</summary>
    /// <param name="role">The element's role.</param>
    /// <param name="depth">The element's depth (the root is 1).</param>
    /// <param name="contentStart">The index just after the start tag.</param>
    /// <param name="selfClosing">Whether the element is self-closing (present and empty).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Open(XmlElementRole role, int depth, int contentStart, bool selfClosing)
    {
        if (IsCollecting)
        {
            openVerbatim = false;
            return;
        }

        if (role is < XmlElementRole.Type || Get(role).IsPresent)
        {
            return;
        }

        if (selfClosing)
        {
            Set(role, new XmlText(contentStart, 0, isVerbatim: true));
            return;
        }

        openRole = role;
        openDepth = depth;
        openStart = contentStart;
        openVerbatim = true;
    }

    /// <summary>Notes an element's end tag.</summary>
    /// <param name="depth">The depth of the element that closes.</param>
    /// <param name="contentEnd">The index of the end tag's <c>&lt;</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Close(int depth, int contentEnd)
    {
        if (IsCollecting && depth == openDepth)
        {
            Set(openRole, new XmlText(openStart, contentEnd - openStart, openVerbatim));
            openRole = XmlElementRole.Other;
        }
    }

    /// <summary>Notes character data; an <c>&amp;</c> or a carriage return makes the open field non-verbatim.</summary>
    /// <param name="text">The raw character data.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void NoteText(ReadOnlySpan<byte> text)
    {
        if (IsCollecting && text.IndexOfAny((byte)'&', (byte)'\r') >= 0)
        {
            openVerbatim = false;
        }
    }

    /// <summary>Notes an <c>&amp;</c> or a carriage return in character data: the open field is non-verbatim.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void NoteEscape() => openVerbatim &= !IsCollecting;

    /// <summary>Notes a comment, processing instruction or CDATA section: the open field is non-verbatim.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void NoteMarkup() => openVerbatim &= !IsCollecting;

    /// <summary>The fields collected so far.</summary>
    /// <returns>The four located fields.</returns>
    public readonly XmlErrorFields ToFields() => new(type, code, message, requestId);

    /// <summary>The field slot of a field role.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly XmlText Get(XmlElementRole role) => role switch
    {
        XmlElementRole.Type => type,
        XmlElementRole.Code => code,
        XmlElementRole.Message => message,
        _ => requestId,
    };

    /// <summary>Fills the field slot of a field role.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Set(XmlElementRole role, XmlText text)
    {
        switch (role)
        {
            case XmlElementRole.Type: type = text; break;
            case XmlElementRole.Code: code = text; break;
            case XmlElementRole.Message: message = text; break;
            default: requestId = text; break;
        }
    }
}
