using System;
using System.Text;
using ActivityCore.Parsing.Xml;
using Xunit;

namespace ActivityCore.Tests.Core.Parsing.Xml;

/// <summary>Each failure status, and that a failed read reports no field.</summary>
public class XmlErrorReaderFailureTests
{
    private const string BillionLaughs =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n" +
        " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n" +
        " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n]>\n" +
        "<Error><Code>C</Code><Message>&lol3;</Message></Error>";

    private const string ExternalEntity =
        "<?xml version=\"1.0\"?><!DOCTYPE Error [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" +
        "<Error><Code>C</Code><Message>&xxe;</Message></Error>";

    public static TheoryData<string, string> Failures => new()
    {
        { BillionLaughs, nameof(XmlReadStatus.DoctypeRefused) },
        { ExternalEntity, nameof(XmlReadStatus.DoctypeRefused) },
        { "<Error><Code>C</Code></Error><!DOCTYPE x>", nameof(XmlReadStatus.DoctypeRefused) },
        { "<Error><Message><![CDATA[<!DOCTYPE x>]]></Message></Error>", nameof(XmlReadStatus.DoctypeRefused) },
        { "<Error><Code>C</Code><Message>&xxe;</Message></Error>".Replace("<Error>", "<!DOCTYPE Error SYSTEM \"http://x/e.dtd\"><Error>", System.StringComparison.Ordinal), nameof(XmlReadStatus.DoctypeRefused) },
        { "<Error><Code>C</Message></Error>", nameof(XmlReadStatus.Malformed) },
        { "<Error><Code>C</Code></Errors>", nameof(XmlReadStatus.Malformed) },
        { "<a:Error xmlns:a='u'><a:Code>C</a:Code></b:Error>", nameof(XmlReadStatus.Malformed) },
        { "<Error><Code>C</Code>", nameof(XmlReadStatus.Malformed) },
        { "<Error><Code>C</Code></Error", nameof(XmlReadStatus.Malformed) },
        { "<Error><Code>C</Code><Message>m", nameof(XmlReadStatus.Malformed) },
        { "<Error><Code a='x>C</Code></Error>", nameof(XmlReadStatus.Malformed) },
        { "<Error><Code a=x>C</Code></Error>", nameof(XmlReadStatus.Malformed) },
        { "<Error><Code a='<'>C</Code></Error>", nameof(XmlReadStatus.Malformed) },
        { "<Error><Code a='1'b='2'>C</Code></Error>", nameof(XmlReadStatus.Malformed) },
        { "<Error><!-- unterminated </Error>", nameof(XmlReadStatus.Malformed) },
        { "<Error><![CDATA[ unterminated </Error>", nameof(XmlReadStatus.Malformed) },
        { "<![CDATA[x]]><Error/>", nameof(XmlReadStatus.Malformed) },
        { "<Error/><Error/>", nameof(XmlReadStatus.Malformed) },
        { "text<Error/>", nameof(XmlReadStatus.Malformed) },
        { "<Error/>text", nameof(XmlReadStatus.Malformed) },
        { "</Error>", nameof(XmlReadStatus.Malformed) },
        { "< Error/>", nameof(XmlReadStatus.Malformed) },
        { "<1Error/>", nameof(XmlReadStatus.Malformed) },
        { "<Error></>", nameof(XmlReadStatus.Malformed) },
        { "<!ELEMENT x ANY><Error/>", nameof(XmlReadStatus.Malformed) },
        { "", nameof(XmlReadStatus.Malformed) },
        { "   \n", nameof(XmlReadStatus.Malformed) },
        { "\uFEFF", nameof(XmlReadStatus.Malformed) },
        { "<?xml version=\"1.0\"?>", nameof(XmlReadStatus.Malformed) },
        { "{\"__type\":\"InvalidArn\"}", nameof(XmlReadStatus.Malformed) },
        { "<html><body>502 Bad Gateway</html>", nameof(XmlReadStatus.Malformed) },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Fails_with_the_right_status(string xml, string status)
    {
        XmlReadStatus expected = System.Enum.Parse<XmlReadStatus>(status);
        byte[] body = Encoding.UTF8.GetBytes(xml);
        Assert.Equal(expected, XmlErrorReader.Read(body, out XmlErrorFields fields));
        Assert.False(fields.Code.IsPresent || fields.Message.IsPresent || fields.Type.IsPresent || fields.RequestId.IsPresent);
    }

    [Theory]
    [InlineData(XmlErrorReader.MaxDepth, nameof(XmlReadStatus.Ok))]
    [InlineData(XmlErrorReader.MaxDepth + 1, nameof(XmlReadStatus.TooDeep))]
    [InlineData(1000, nameof(XmlReadStatus.TooDeep))]
    [InlineData(100_000, nameof(XmlReadStatus.TooDeep))]
    public void Nesting_is_bounded(int depth, string status)
    {
        XmlReadStatus expected = System.Enum.Parse<XmlReadStatus>(status);
        // The root Error is depth 1; depth - 1 nested extra elements below it.
        StringBuilder xml = new("<Error><Code>C</Code>");
        for (int i = 1; i < depth; i++)
        {
            xml.Append("<x>");
        }

        for (int i = 1; i < depth; i++)
        {
            xml.Append("</x>");
        }

        xml.Append("</Error>");
        Assert.Equal(expected, XmlTestSupport.Read(xml.ToString()).Status);
    }

    [Fact]
    public void A_self_closing_element_past_the_bound_is_too_deep()
    {
        StringBuilder xml = new("<Error>");
        for (int i = 2; i < XmlErrorReader.MaxDepth + 1; i++)
        {
            xml.Append("<x>");
        }

        xml.Append("<y/>");
        Assert.Equal(XmlReadStatus.TooDeep, XmlTestSupport.Read(xml.ToString()).Status);
    }

    [Fact]
    public void Every_proper_prefix_of_a_document_is_malformed()
    {
        byte[] body = Encoding.UTF8.GetBytes(
            "\uFEFF<?xml version=\"1.0\"?><!--c--><e:ErrorResponse xmlns:e='u' a=\"x>y\"><e:Error><e:Type>Sender</e:Type>" +
            "<e:Code>InvalidArn</e:Code><e:Message>a &amp; b &#x1F600; <![CDATA[<c>]]>\u00e9\U0001F600</e:Message><e:Empty/></e:Error>" +
            "<e:RequestId>r</e:RequestId></e:ErrorResponse>");
        Assert.Equal(XmlReadStatus.Ok, XmlErrorReader.Read(body, out _));
        for (int length = 0; length < body.Length; length++)
        {
            Assert.Equal(XmlReadStatus.Malformed, XmlErrorReader.Read(body.AsSpan(0, length), out _));
        }
    }
}
