using System;
using ActivityCore.Parsing.Xml;
using Xunit;

namespace ActivityCore.Tests.Core.Parsing.Xml;

/// <summary>The recognised document shapes, with and without namespaces.</summary>
public class XmlErrorReaderShapeTests
{
    public static TheoryData<string, string?, string?, string?, string?> Shapes => new()
    {
        // ErrorResponse (AWS query protocol), plain and with a default namespace.
        {
            "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidArn</Code><Message>bad arn</Message></Error><RequestId>r-1</RequestId></ErrorResponse>",
            "Sender", "InvalidArn", "bad arn", "r-1"
        },
        {
            "<ErrorResponse xmlns=\"http://states.amazonaws.com/doc/2016-11-23/\"><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>try later</Message></Error><RequestId>r-2</RequestId></ErrorResponse>",
            "Receiver", "ServiceUnavailable", "try later", "r-2"
        },
        // Prefixed names everywhere.
        {
            "<e:ErrorResponse xmlns:e=\"urn:e\"><e:Error><e:Type>Sender</e:Type><e:Code>InvalidToken</e:Code><e:Message>m</e:Message></e:Error><e:RequestId>r-3</e:RequestId></e:ErrorResponse>",
            "Sender", "InvalidToken", "m", "r-3"
        },
        // Bare Error at the root, with and without a namespace, RequestId inside.
        {
            "<Error><Code>TaskTimedOut</Code><Message>late</Message><RequestId>r-4</RequestId></Error>",
            null, "TaskTimedOut", "late", "r-4"
        },
        {
            "<Error xmlns=\"urn:x\"><Type>Sender</Type><Code>InvalidArn</Code><Message>x</Message></Error>",
            "Sender", "InvalidArn", "x", null
        },
        {
            "<e:Error xmlns:e=\"urn:e\"><e:Code>InvalidArn</e:Code><e:message>lower</e:message></e:Error>",
            null, "InvalidArn", "lower", null
        },
        // Older EC2-style Response/Errors/Error with RequestID.
        {
            "<Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>slow down</Message></Error></Errors><RequestID>r-5</RequestID></Response>",
            null, "RequestLimitExceeded", "slow down", "r-5"
        },
        {
            "<Response><Errors><Error><Code>Throttling</Code><Message>x</Message></Error></Errors><RequestId>r-6</RequestId></Response>",
            null, "Throttling", "x", "r-6"
        },
        {
            "<p:Response xmlns:p=\"urn:p\"><p:Errors><p:Error><p:Code>C</p:Code></p:Error></p:Errors></p:Response>",
            null, "C", null, null
        },
        // message spelled in lower case.
        {
            "<ErrorResponse><Error><Code>C</Code><message>lower case</message></Error></ErrorResponse>",
            null, "C", "lower case", null
        },
        // First Error wins; first field wins; unknown (and nested) elements are skipped.
        {
            "<ErrorResponse><Detail><Error><Code>Decoy</Code></Error></Detail><Error><Extra><Code>Nested</Code></Extra><Code>First</Code><Code>Second</Code><Message>m1</Message><message>m2</message></Error><Error><Code>Later</Code></Error><RequestId>r</RequestId><RequestId>r2</RequestId></ErrorResponse>",
            null, "First", "m1", "r"
        },
        {
            "<Response><Errors/><Errors><Other/><Error><Code>A</Code></Error><Error><Code>B</Code></Error></Errors><Errors><Error><Code>C</Code></Error></Errors></Response>",
            null, "A", null, null
        },
        // Attributes in both quotes, '>' inside values, white space around '='.
        {
            "<ErrorResponse a='1>2' b = \"x'>\"><Error c=\"d\"><Code kind='k'>C</Code><Message\n\tlang=\"en\" >M</Message ></Error></ErrorResponse >",
            null, "C", "M", null
        },
        // Self-closing: present and empty.
        {
            "<Error><Code>C</Code><Message/><Type /></Error>",
            "", "C", "", null
        },
        // BOM, XML declaration, comments and PIs around and inside.
        {
            "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c --><?pi x?>\n<ErrorResponse><!-- c --><Error><?pi?><Code>C</Code></Error></ErrorResponse>\n<!-- trailing -->\n",
            null, "C", null, null
        },
        // White space is kept as written (like LoadOptions.PreserveWhitespace).
        {
            "<Error>\n  <Code>C</Code>\n  <Message>  two  words </Message>\n</Error>",
            null, "C", "  two  words ", null
        },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Reads_every_shape(string xml, string? type, string? code, string? message, string? requestId)
    {
        Assert.Equal(new XmlReadResult(XmlReadStatus.Ok, type, code, message, requestId), XmlTestSupport.Read(xml));
    }

    /// <summary>Message encodings, each tried in every shape (with and without a namespace prefix).</summary>
    private static readonly (string Raw, string Text)[] MessageEncodings =
    [
        ("<![CDATA[a <b> & c]]>", "a <b> & c"),
        ("before<!-- a comment -->after", "beforeafter"),
        ("x<?pi data?>y", "xy"),
        ("&lt;&gt;&amp;&quot;&apos;", "<>&\"'"),
        ("&#65;&#x42;&#x0063;", "ABc"),
        ("smile &#x1F600; &#128512;", "smile \U0001F600 \U0001F600"),
        ("caf\u00e9 \u65e5\u672c \U0001F600", "caf\u00e9 \u65e5\u672c \U0001F600"),
        ("", ""),
    ];

    public static TheoryData<string, string, string, string> EncodedMessages()
    {
        TheoryData<string, string, string, string> data = [];
        foreach ((string raw, string text) in MessageEncodings)
        {
            foreach (string p in new[] { "", "e:" })
            {
                string ns = p.Length == 0 ? "" : " xmlns:e=\"urn:e\"";
                data.Add(nameof(ErrorShape.ErrorResponse), p, $"<{p}ErrorResponse{ns}><{p}Error><{p}Code>C</{p}Code><{p}Message>{raw}</{p}Message></{p}Error><{p}RequestId>r</{p}RequestId></{p}ErrorResponse>", text);
                data.Add(nameof(ErrorShape.BareError), p, $"<{p}Error{ns}><{p}Code>C</{p}Code><{p}Message>{raw}</{p}Message><{p}RequestId>r</{p}RequestId></{p}Error>", text);
                data.Add(nameof(ErrorShape.Response), p, $"<{p}Response{ns}><{p}Errors><{p}Error><{p}Code>C</{p}Code><{p}Message>{raw}</{p}Message></{p}Error></{p}Errors><{p}RequestID>r</{p}RequestID></{p}Response>", text);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EncodedMessages))]
    public void Reads_every_message_encoding_in_every_shape(string shape, string prefix, string xml, string message)
    {
        Assert.NotNull(shape);
        Assert.NotNull(prefix);
        Assert.Equal(new XmlReadResult(XmlReadStatus.Ok, null, "C", message, "r"), XmlTestSupport.Read(xml));
    }

    [Theory]
    [InlineData("<Foo><Error><Code>C</Code></Error></Foo>")]
    [InlineData("<ErrorResponse><RequestId>r</RequestId></ErrorResponse>")]
    [InlineData("<Response><Error><Code>C</Code></Error></Response>")]
    [InlineData("<x:Errors xmlns:x='u'><x:Error/></x:Errors>")]
    [InlineData("<ErrorResponse/>")]
    public void Other_well_formed_documents_are_not_error_documents(string xml)
    {
        Assert.Equal(XmlReadStatus.NotAnErrorDocument, XmlTestSupport.Read(xml).Status);
    }

    [Fact]
    public void A_request_id_found_without_an_error_is_still_reported()
    {
        XmlReadResult result = XmlTestSupport.Read("<ErrorResponse><RequestId>r</RequestId></ErrorResponse>");
        Assert.Equal(new XmlReadResult(XmlReadStatus.NotAnErrorDocument, null, null, null, "r"), result);
    }

    [Fact]
    public void A_field_with_child_elements_decodes_to_their_text_and_is_not_verbatim()
    {
        byte[] body = "<Error><Message>a<b x='>'>b</b><c/>c</Message></Error>"u8.ToArray();
        Assert.Equal(XmlReadStatus.Ok, XmlErrorReader.Read(body, out XmlErrorFields fields));
        Assert.False(fields.Message.IsVerbatim);
        Assert.Equal("abc", fields.Message.DecodeToString(body));
    }

    [Fact]
    public void Ranges_point_between_the_tags()
    {
        byte[] body = "<Error><Code>InvalidArn</Code><Message/></Error>"u8.ToArray();
        Assert.Equal(XmlReadStatus.Ok, XmlErrorReader.Read(body, out XmlErrorFields fields));
        Assert.True(fields.Code.IsPresent);
        Assert.True(fields.Code.IsVerbatim);
        Assert.Equal(13, fields.Code.Start);
        Assert.Equal(10, fields.Code.Length);
        Assert.True(fields.Code.RawIn(body).SequenceEqual("InvalidArn"u8));
        Assert.True(fields.Message.IsPresent);
        Assert.Equal(0, fields.Message.Length);
        Assert.False(fields.Type.IsPresent);
        Assert.Null(fields.Type.DecodeToString(body));
    }

    [Fact]
    public void Invalid_utf8_is_read_and_decodes_to_replacement_characters()
    {
        byte[] body = [.. "<Error><Message>a"u8, 0xFF, 0xC3, .. "b</Message></Error>"u8];
        XmlReadResult result = XmlTestSupport.Read(body);
        Assert.Equal(XmlReadStatus.Ok, result.Status);
        Assert.Equal("a\uFFFD\uFFFDb", result.Message);
    }
}
