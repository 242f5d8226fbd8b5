namespace ActivityCore.Parsing.Xml;

/// <summary>The outcome of <see cref="XmlErrorReader.Read"/>.</summary>
internal enum XmlReadStatus
{
    /// <summary>The body is a well-formed-enough XML error document and an <c>Error</c> element was found on one of the recognised paths.</summary>
    Ok,

    /// <summary>The body is well-formed enough, but no <c>Error</c> element sits on a recognised path (another root, or an <c>ErrorResponse</c> without <c>Error</c>).</summary>
    NotAnErrorDocument,

    /// <summary>The body is not XML the reader accepts: truncated, mismatched or unterminated markup, text outside the root element, no root, several roots.</summary>
    Malformed,

    /// <summary>The body contains the bytes <c>&lt;!DOCTYPE</c>; nothing else was read and no entity was expanded.</summary>
    DoctypeRefused,

    /// <summary>The elements nest deeper than <see cref="XmlErrorReader.MaxDepth"/>.</summary>
    TooDeep,
}
