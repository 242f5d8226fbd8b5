using System;

namespace ActivityCore.Parsing.Xml;

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
