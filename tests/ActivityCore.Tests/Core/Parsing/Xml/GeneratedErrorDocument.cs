using System;
using System.Text;

namespace ActivityCore.Tests.Core.Parsing.Xml;

/// <summary>The three recognised shapes.</summary>
public enum ErrorShape
{
    ErrorResponse,
    BareError,
    Response,
}

/// <summary>
/// A generated XML error document and the field values it was built from (null = element absent).
/// <see cref="IsComplete"/> documents end with the root's end tag, so every proper prefix is truncated.
/// </summary>
public sealed class GeneratedErrorDocument
{
    public GeneratedErrorDocument(string xml, bool bom, ErrorShape shape, string? type, string? code, string? message, string? requestId, bool isComplete)
    {
        Xml = xml;
        Body = bom ? [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(xml)] : Encoding.UTF8.GetBytes(xml);
        Shape = shape;
        Type = type;
        Code = code;
        Message = message;
        RequestId = requestId;
        IsComplete = isComplete;
    }

    public string Xml { get; }

    public byte[] Body { get; }

    public ErrorShape Shape { get; }

    public string? Type { get; }

    public string? Code { get; }

    public string? Message { get; }

    public string? RequestId { get; }

    public bool IsComplete { get; }

    /// <summary>Shown by FsCheck when a property fails: the document itself, escaped so that control characters are visible.</summary>
    public override string ToString() =>
        $"{Shape} ({Body.Length} bytes): {Xml.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}";
}
