namespace ActivityCore.Parsing.Xml;

/// <summary>
/// The located fields of an XML error document, as found by <see cref="XmlErrorReader.Read"/>.
/// Each field is a byte range into the body that was read; decode it with that same body.
/// </summary>
/// <remarks><c>default</c> has no field present. Immutable and thread-safe.</remarks>
internal readonly struct XmlErrorFields
{
    /// <summary>Creates the fields from their located texts.</summary>
    /// <param name="type">The <c>Type</c> element (<c>Sender</c> or <c>Receiver</c>).</param>
    /// <param name="code">The <c>Code</c> element.</param>
    /// <param name="message">The <c>Message</c> (or <c>message</c>) element.</param>
    /// <param name="requestId">The <c>RequestId</c> (or <c>RequestID</c>) element.</param>
    public XmlErrorFields(XmlText type, XmlText code, XmlText message, XmlText requestId)
    {
        Type = type;
        Code = code;
        Message = message;
        RequestId = requestId;
    }

    /// <summary>The first <c>Type</c> child of the chosen <c>Error</c> element.</summary>
    public XmlText Type { get; }

    /// <summary>The first <c>Code</c> child of the chosen <c>Error</c> element.</summary>
    public XmlText Code { get; }

    /// <summary>The first <c>Message</c> or <c>message</c> child of the chosen <c>Error</c> element.</summary>
    public XmlText Message { get; }

    /// <summary>
    /// The first <c>RequestId</c> or <c>RequestID</c> element, in document order, that is a child of the
    /// root element or of the chosen <c>Error</c> element.
    /// </summary>
    public XmlText RequestId { get; }
}
