using System;

namespace ActivityCore.Parsing.Xml;

/// <summary>What an element means on the recognised error-document paths.</summary>
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

/// <summary>
/// The recognised paths of an XML error document, as a function from an element's parent role and
/// local name to its role. Names are matched by local name (any prefix ignored), ordinally, on UTF-8 bytes:
/// <list type="bullet">
/// <item><c>ErrorResponse/Error/{Type,Code,Message}</c> and <c>ErrorResponse/RequestId</c>;</item>
/// <item><c>Error/{Type,Code,Message,RequestId}</c> at the root;</item>
/// <item><c>Response/Errors/Error/{Type,Code,Message}</c> and <c>Response/RequestID</c>.</item>
/// </list>
/// <c>Message</c> may be spelled <c>message</c>, <c>RequestId</c> <c>RequestID</c>, and a <c>RequestId</c>
/// child of the chosen <c>Error</c> counts in every shape.
/// </summary>
internal static class XmlErrorPath
{
    /// <summary>The role of an element.</summary>
    /// <param name="parent">The role of its parent (<see cref="XmlElementRole.Document"/> for the root).</param>
    /// <param name="qualifiedName">Its name as written, with any prefix.</param>
    /// <param name="errorChosen">Whether an <c>Error</c> was already chosen earlier in the document.</param>
    /// <returns>The element's role.</returns>
    public static XmlElementRole Classify(XmlElementRole parent, ReadOnlySpan<byte> qualifiedName, bool errorChosen)
    {
        ReadOnlySpan<byte> name = LocalName(qualifiedName);
        return parent switch
        {
            XmlElementRole.Document =>
                name.SequenceEqual("ErrorResponse"u8) ? XmlElementRole.ErrorResponse
                : name.SequenceEqual("Response"u8) ? XmlElementRole.Response
                : name.SequenceEqual("Error"u8) ? XmlElementRole.Error
                : XmlElementRole.Other,
            XmlElementRole.ErrorResponse =>
                !errorChosen && name.SequenceEqual("Error"u8) ? XmlElementRole.Error
                : IsRequestId(name) ? XmlElementRole.RequestId
                : XmlElementRole.Other,
            XmlElementRole.Response =>
                name.SequenceEqual("Errors"u8) ? XmlElementRole.Errors
                : IsRequestId(name) ? XmlElementRole.RequestId
                : XmlElementRole.Other,
            XmlElementRole.Errors =>
                !errorChosen && name.SequenceEqual("Error"u8) ? XmlElementRole.Error : XmlElementRole.Other,
            XmlElementRole.Error =>
                name.SequenceEqual("Type"u8) ? XmlElementRole.Type
                : name.SequenceEqual("Code"u8) ? XmlElementRole.Code
                : name.SequenceEqual("Message"u8) || name.SequenceEqual("message"u8) ? XmlElementRole.Message
                : IsRequestId(name) ? XmlElementRole.RequestId
                : XmlElementRole.Other,
            _ => XmlElementRole.Other,
        };
    }

    /// <summary>The local part of a qualified name: what follows its last <c>:</c>.</summary>
    /// <param name="qualifiedName">A name as written.</param>
    /// <returns>The local name.</returns>
    public static ReadOnlySpan<byte> LocalName(ReadOnlySpan<byte> qualifiedName) =>
        qualifiedName[(qualifiedName.LastIndexOf((byte)':') + 1)..];

    /// <summary>Whether a local name is <c>RequestId</c> or <c>RequestID</c>.</summary>
    private static bool IsRequestId(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("RequestId"u8) || name.SequenceEqual("RequestID"u8);
}
