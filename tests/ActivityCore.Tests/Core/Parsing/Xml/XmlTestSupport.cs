using System;
using System.Text;
using ActivityCore.Parsing.Xml;

namespace ActivityCore.Tests.Core.Parsing.Xml;

/// <summary>What a read gives, decoded: the status and the four fields as strings (null when absent or malformed).</summary>
internal sealed record XmlReadResult(XmlReadStatus Status, string? Type, string? Code, string? Message, string? RequestId);

internal static class XmlTestSupport
{
    public static XmlReadResult Read(string xml) => Read(Encoding.UTF8.GetBytes(xml));

    public static XmlReadResult Read(ReadOnlySpan<byte> body)
    {
        XmlReadStatus status = XmlErrorReader.Read(body, out XmlErrorFields f);
        return new XmlReadResult(
            status,
            f.Type.DecodeToString(body),
            f.Code.DecodeToString(body),
            f.Message.DecodeToString(body),
            f.RequestId.DecodeToString(body));
    }

    /// <summary>Decodes a whole span as element content (a present, full-range text).</summary>
    public static string? DecodeContent(string raw)
    {
        byte[] body = Encoding.UTF8.GetBytes(raw);
        return new XmlText(0, body.Length, isVerbatim: false).DecodeToString(body);
    }
}
