using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace ActivityCore.Tests.Core.Parsing.Xml;

/// <summary>
/// The recognised paths written again with <see cref="XDocument"/> (white space preserved, as the
/// reader keeps it): an independent implementation to compare the reader with.
/// </summary>
internal static class XmlOracle
{
    public static (string? Type, string? Code, string? Message, string? RequestId) Fields(byte[] body)
    {
        using MemoryStream stream = new(body);
        XElement root = XDocument.Load(stream, LoadOptions.PreserveWhitespace).Root!;
        XElement? error = root.Name.LocalName switch
        {
            "ErrorResponse" => root.Elements().FirstOrDefault(e => e.Name.LocalName == "Error"),
            "Error" => root,
            "Response" => root.Elements().Where(e => e.Name.LocalName == "Errors").SelectMany(e => e.Elements()).FirstOrDefault(e => e.Name.LocalName == "Error"),
            _ => null,
        };
        IEnumerable<XElement> requestIdCandidates =
            error == root ? root.Elements()
            : root.Name.LocalName is "ErrorResponse" or "Response" ? root.Elements().Concat(error?.Elements() ?? [])
            : [];
        return (
            Child(error, "Type"),
            Child(error, "Code"),
            Child(error, "Message", "message"),
            requestIdCandidates.InDocumentOrder().FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value);
    }

    private static string? Child(XElement? parent, params string[] localNames) =>
        parent?.Elements().FirstOrDefault(e => localNames.Contains(e.Name.LocalName))?.Value;
}
