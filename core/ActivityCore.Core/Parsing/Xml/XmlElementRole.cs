namespace ActivityCore.Parsing.Xml;

/// <summary>What an element means on the recognised error-document paths (see <see cref="XmlErrorPath"/>).</summary>
/// <remarks>The four field roles come last, from <see cref="XmlElementRole.Type"/> on; <see cref="XmlFieldCollector"/> relies on that order.</remarks>
internal enum XmlElementRole : byte
{
    /// <summary>Not on a recognised path: skipped, with everything inside it.</summary>
    Other,

    /// <summary>The document itself, the parent of the root element (never an element's role).</summary>
    Document,

    /// <summary>A root <c>ErrorResponse</c> (the AWS query-protocol shape).</summary>
    ErrorResponse,

    /// <summary>A root <c>Response</c> (the older EC2-style shape).</summary>
    Response,

    /// <summary>An <c>Errors</c> child of a root <c>Response</c>.</summary>
    Errors,

    /// <summary>The chosen <c>Error</c>: the first one found on a recognised path.</summary>
    Error,

    /// <summary>A <c>Type</c> child of the chosen <c>Error</c>.</summary>
    Type,

    /// <summary>A <c>Code</c> child of the chosen <c>Error</c>.</summary>
    Code,

    /// <summary>A <c>Message</c> or <c>message</c> child of the chosen <c>Error</c>.</summary>
    Message,

    /// <summary>A <c>RequestId</c> or <c>RequestID</c> child of the root or of the chosen <c>Error</c>.</summary>
    RequestId,
}
