using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Xml.Linq;
using ActivityCore.Parsing;
using ActivityCore.Parsing.Xml;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using BenchmarkDotNet.Attributes;

namespace ActivityCore.Benchmarks;

/// <summary>Which XML error answer is read.</summary>
public enum XmlErrorCase
{
    /// <summary>Namespaced <c>ErrorResponse</c> with <c>Type</c>, <c>Code</c>, <c>Message</c> (with an entity) and <c>RequestId</c>.</summary>
    Full,

    /// <summary><c>ErrorResponse/Error</c> with only <c>Code</c> and <c>Message</c>, no namespace.</summary>
    CodeAndMessage,
}

/// <summary>
/// An XML error answer read four ways from the same bytes: AWSSDK.Core's <c>XmlErrorResponseUnmarshaller</c> (the
/// baseline), ours, ours before the fast reader (its oracle), and <c>XDocument.Parse</c>; and two parts of ours, the
/// reader's pass alone and the strings alone, which bound what a faster reader could gain.
/// </summary>
[MemoryDiagnoser]
public class XmlErrorBenchmarks
{
    private byte[] body = [];
    private FakeWebResponseData response = null!;
    private XmlErrorFields fields;

    [Params(XmlErrorCase.Full, XmlErrorCase.CodeAndMessage)]
    public XmlErrorCase Case { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        body = Payloads.XmlError(withTypeAndRequestId: Case == XmlErrorCase.Full);
        response = new FakeWebResponseData(HttpStatusCode.BadRequest, "text/xml", body.Length);

        Check.True(XmlErrorReader.Read(body, out fields) == XmlReadStatus.Ok, "the reader finds the error");
        ErrorDocument ours = Ours();
        Check.True(ours.Equals(OursBefore()), "ours and the oracle give the same document");
        ErrorResponse aws = AwsSdk();
        (string? code, string? message) = XDocumentParse();
        Check.Equal(Payloads.ErrorCode, ours.Code.IfNoneUnsafe((string?)null), "ours: code");
        Check.Equal(Payloads.ErrorMessage, ours.Message.IfNoneUnsafe((string?)null), "ours: message");
        Check.Equal(Payloads.ErrorCode, aws.Code, "AWSSDK.Core: code");
        Check.Equal(Payloads.ErrorMessage, aws.Message, "AWSSDK.Core: message");
        Check.Equal(Payloads.ErrorCode, code, "XDocument: code");
        Check.Equal(Payloads.ErrorMessage, message, "XDocument: message");
        Check.Equal(Payloads.ErrorMessage, StringsOnly().Message, "strings only: message");
        if (Case == XmlErrorCase.Full)
        {
            Check.Equal(Payloads.RequestId, ours.RequestId.IfNoneUnsafe((string?)null), "ours: request id");
            Check.Equal(Payloads.RequestId, aws.RequestId, "AWSSDK.Core: request id");
        }
    }

    /// <summary>What AWSSDK.Core runs for an XML error: a context over the body stream (readEntireResponse and isException true), then the error unmarshaller.</summary>
    [Benchmark(Baseline = true)]
    public ErrorResponse AwsSdk()
    {
        using var stream = new MemoryStream(body, writable: false);
        using var context = new XmlUnmarshallerContext(stream, true, response, true);
        return XmlErrorResponseUnmarshaller.GetInstance().Unmarshall(context);
    }

    [Benchmark]
    public ErrorDocument Ours() => ErrorDocument.ParseXml(body);

    /// <summary>The path <c>Ours</c> took before the fast reader: the same decoding behind the byte-by-byte reader (<c>XmlErrorOracle</c>, the reader's oracle).</summary>
    [Benchmark]
    public ErrorDocument OursBefore() => XmlErrorOracle.ParseXml(body);

    /// <summary>Part of <c>Ours</c>: the reader's pass alone, which finds the fields and builds nothing.</summary>
    [Benchmark]
    public bool ReaderOnly() => XmlErrorReader.Read(body, out _) == XmlReadStatus.Ok;

    /// <summary>
    /// Part of <c>Ours</c>: only the strings any reader must hand back (the message, and the request id when there is
    /// one), decoded from ranges found once in the setup; no parsing, no code lookup, no redaction.
    /// </summary>
    [Benchmark]
    public (string? Message, string? RequestId) StringsOnly() => (fields.Message.DecodeToString(body), fields.RequestId.DecodeToString(body));

    /// <summary>Decode the bytes, parse the document, take the first <c>Code</c> and <c>Message</c> elements by local name.</summary>
    [Benchmark]
    public (string? Code, string? Message) XDocumentParse()
    {
        XDocument document = XDocument.Parse(Encoding.UTF8.GetString(body));
        XElement? error = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
        return (error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value,
                error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Message")?.Value);
    }
}
