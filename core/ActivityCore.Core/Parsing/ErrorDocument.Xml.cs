using System;
using ActivityCore.Errors;
using ActivityCore.Parsing.Xml;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Parsing;

public readonly partial struct ErrorDocument
{
    /// <summary>
    /// Reads an XML error body: <c>&lt;ErrorResponse&gt;&lt;Error&gt;…&lt;/Error&gt;&lt;RequestId&gt;…&lt;/RequestId&gt;&lt;/ErrorResponse&gt;</c>,
    /// a bare <c>&lt;Error&gt;</c> root, or <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;</c>, with or without namespaces.
    /// Total: never throws. A DOCTYPE is refused (<see cref="ErrorBodyStatus.DoctypeRefused"/>) and no entity is ever
    /// expanded; nesting deeper than <see cref="XmlErrorReader.MaxDepth"/> is <see cref="ErrorBodyStatus.Malformed"/>.
    /// </summary>
    /// <param name="body">The body bytes (UTF-8; a BOM is skipped).</param>
    /// <returns>The document.</returns>
    public static ErrorDocument ParseXml(ReadOnlySpan<byte> body)
    {
        XmlReadStatus read = XmlErrorReader.Read(body, out XmlErrorFields fields);
        return FromXmlFields(body, read, fields);
    }

    /// <summary>The document of a read body: its status, then (when it parsed) the fields decoded and named.</summary>
    /// <param name="body">The body that was read.</param>
    /// <param name="read">The status of the read.</param>
    /// <param name="fields">The fields it located in <paramref name="body"/>.</param>
    /// <returns>The document.</returns>
    internal static ErrorDocument FromXmlFields(ReadOnlySpan<byte> body, XmlReadStatus read, XmlErrorFields fields)
    {
        if (read != XmlReadStatus.Ok)
        {
            ErrorBodyStatus status = JsonBody.TrimStart(body).IsEmpty ? ErrorBodyStatus.Empty : read switch
            {
                XmlReadStatus.NotAnErrorDocument => ErrorBodyStatus.NotAnErrorDocument,
                XmlReadStatus.DoctypeRefused => ErrorBodyStatus.DoctypeRefused,
                _ => ErrorBodyStatus.Malformed,
            };
            return new ErrorDocument(status, None, ErrorCodeSource.None, None, None, None, None);
        }

        string? code = CodeFromXml(body, fields.Code);
        return new ErrorDocument(
            ErrorBodyStatus.Parsed,
            Optional(code),
            code is null ? ErrorCodeSource.None : ErrorCodeSource.XmlCode,
            Optional(EchoedSecrets.Redact(fields.Message.DecodeToString(body))),
            None,
            Optional(fields.RequestId.DecodeToString(body)),
            Optional(FaultTypeFromXml(body, fields.Type)));
    }

    /// <summary>The <c>Type</c> element's text: the constants <c>Sender</c> and <c>Receiver</c> without allocating, anything else decoded.</summary>
    private static string? FaultTypeFromXml(ReadOnlySpan<byte> body, XmlText text)
    {
        if (text.IsPresent && text.IsVerbatim)
        {
            ReadOnlySpan<byte> raw = body.Slice(text.Start, text.Length);
            if (raw.SequenceEqual("Sender"u8))
            {
                return "Sender";
            }

            if (raw.SequenceEqual("Receiver"u8))
            {
                return "Receiver";
            }
        }

        return text.DecodeToString(body);
    }

    /// <summary>This document, with the code taken from the <c>x-amzn-ErrorType</c> header when the body had none.</summary>
    internal ErrorDocument WithHeaderCode(string? errorTypeHeader)
    {
        if (Code.IsSome || errorTypeHeader is null)
        {
            return this;
        }

        return ErrorCodes.FromRawChars(errorTypeHeader) is { } code
            ? new ErrorDocument(Status, code, ErrorCodeSource.Header, Message, KmsKeyState, RequestId, FaultType, ResourceName)
            : this;
    }

    private static string? CodeFromXml(ReadOnlySpan<byte> body, XmlText text)
    {
        if (!text.IsPresent)
        {
            return null;
        }

        if (text.IsVerbatim)
        {
            return ErrorCodes.FromRawUtf8(body.Slice(text.Start, text.Length));
        }

        if (text.MaxDecodedLength <= 256)
        {
            Span<byte> buffer = stackalloc byte[256];
            return text.TryDecode(body, buffer, out int written) ? ErrorCodes.FromRawUtf8(buffer[..written]) : null;
        }

        return text.DecodeToString(body) is { } decoded ? ErrorCodes.FromRawChars(decoded) : null;
    }
}
