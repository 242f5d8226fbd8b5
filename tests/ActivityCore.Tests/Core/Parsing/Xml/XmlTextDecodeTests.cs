using System;
using System.Buffers;
using System.Text;
using ActivityCore.Parsing.Xml;
using Xunit;

namespace ActivityCore.Tests.Core.Parsing.Xml;

/// <summary>Decoding element content: entities, character references, CDATA, comments, line ends.</summary>
public class XmlTextDecodeTests
{
    [Theory]
    [InlineData("&lt;", "<")]
    [InlineData("&gt;", ">")]
    [InlineData("&amp;", "&")]
    [InlineData("&quot;", "\"")]
    [InlineData("&apos;", "'")]
    [InlineData("a &lt;b&gt; &amp;&amp; &quot;c&apos;", "a <b> && \"c'")]
    [InlineData("&#65;&#066;&#x43;&#x0064;&#xe9;", "ABCdé")]
    [InlineData("&#9;&#10;&#13;", "\t\n\r")]
    [InlineData("&#x1F600;", "\U0001F600")]
    [InlineData("&#128512;", "\U0001F600")]
    [InlineData("&#x10FFFF;&#xFFFD;&#xE000;&#xD7FF;", "\U0010FFFF\uFFFD\uE000\uD7FF")]
    [InlineData("<![CDATA[<b>&amp;</b>]]>", "<b>&amp;</b>")]
    [InlineData("a<![CDATA[]]>b<![CDATA[]]]]><![CDATA[>]]>", "ab]]>")]
    [InlineData("a<!-- comment -->b<!---->c", "abc")]
    [InlineData("a<?pi data?>b", "ab")]
    [InlineData("line1\r\nline2\rline3\n", "line1\nline2\nline3\n")]
    [InlineData("<![CDATA[x\r\ny]]>", "x\ny")]
    [InlineData("", "")]
    [InlineData("plain", "plain")]
    public void Decodes(string raw, string expected)
    {
        Assert.Equal(expected, XmlTestSupport.DecodeContent(raw));
    }

    [Theory]
    [InlineData("&foo;")]
    [InlineData("&lt")]
    [InlineData("&;")]
    [InlineData("& amp;")]
    [InlineData("&LT;")]
    [InlineData("&#;")]
    [InlineData("&#x;")]
    [InlineData("&#0;")]
    [InlineData("&#x0;")]
    [InlineData("&#1;")]
    [InlineData("&#xD800;")]
    [InlineData("&#xDFFF;")]
    [InlineData("&#xFFFE;")]
    [InlineData("&#xFFFF;")]
    [InlineData("&#x110000;")]
    [InlineData("&#99999999999999999999;")]
    [InlineData("&#X41;")]
    [InlineData("&#x4G;")]
    [InlineData("&#12a;")]
    [InlineData("<![CDATA[unterminated")]
    [InlineData("<!-- unterminated")]
    [InlineData("<?pi unterminated")]
    [InlineData("<b")]
    [InlineData("<b a='>")]
    [InlineData("< b>")]
    [InlineData("<!ENTITY x 'y'>")]
    public void Refuses_malformed_content(string raw)
    {
        Assert.Null(XmlTestSupport.DecodeContent(raw));
        byte[] body = Encoding.UTF8.GetBytes(raw);
        XmlText text = new(0, body.Length, isVerbatim: false);
        Assert.False(text.TryDecode(body, new byte[body.Length + 8], out int written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Undefined_entity_in_a_field_reads_ok_but_does_not_decode()
    {
        XmlReadResult result = XmlTestSupport.Read("<Error><Code>C</Code><Message>&foo;</Message></Error>");
        Assert.Equal(new XmlReadResult(XmlReadStatus.Ok, null, "C", null, null), result);
    }

    [Fact]
    public void A_destination_too_small_is_reported_not_thrown()
    {
        byte[] body = "ab&#x1F600;"u8.ToArray();
        XmlText text = new(0, body.Length, isVerbatim: false);
        for (int size = 0; size < 6; size++)
        {
            Assert.Equal(OperationStatus.DestinationTooSmall, text.Decode(body, new byte[size], out _));
            Assert.False(text.TryDecode(body, new byte[size], out int written));
            Assert.Equal(0, written);
        }

        Assert.True(text.TryDecode(body, new byte[6], out int all));
        Assert.Equal(6, all);
    }

    [Fact]
    public void Absent_or_out_of_range_texts_do_not_decode()
    {
        byte[] body = "abc"u8.ToArray();
        Assert.Null(default(XmlText).DecodeToString(body));
        Assert.False(default(XmlText).TryDecode(body, new byte[8], out _));
        Assert.Null(new XmlText(2, 2, true).DecodeToString(body));
        Assert.Null(new XmlText(4, 0, true).DecodeToString(body));
        Assert.Null(new XmlText(-1, 1, true).DecodeToString(body));
        Assert.Equal(string.Empty, new XmlText(3, 0, true).DecodeToString(body));
        Assert.True(new XmlText(3, 0, true).RawIn(body).IsEmpty);
    }

    [Fact]
    public void Long_content_decodes_through_the_pool()
    {
        string expected = new('x', 5000);
        Assert.Equal(expected + "<", XmlTestSupport.DecodeContent(expected + "&lt;"));
    }

    [Theory]
    [InlineData("<Message>plain text</Message>", true)]
    [InlineData("<Message></Message>", true)]
    [InlineData("<Message/>", true)]
    [InlineData("<Message>a &amp; b</Message>", false)]
    [InlineData("<Message><![CDATA[a]]></Message>", false)]
    [InlineData("<Message>a<!--c--></Message>", false)]
    [InlineData("<Message>a<?p?></Message>", false)]
    [InlineData("<Message>a<b/></Message>", false)]
    [InlineData("<Message>a\r\nb</Message>", false)]
    public void Verbatim_flag(string message, bool verbatim)
    {
        byte[] body = Encoding.UTF8.GetBytes("<Error><!--x--><Code>C&amp;</Code>" + message + "</Error>");
        Assert.Equal(XmlReadStatus.Ok, XmlErrorReader.Read(body, out XmlErrorFields fields));
        Assert.Equal(verbatim, fields.Message.IsVerbatim);
        Assert.False(fields.Code.IsVerbatim);
        if (verbatim)
        {
            Assert.Equal(Encoding.UTF8.GetString(fields.Message.RawIn(body)), fields.Message.DecodeToString(body));
        }

        Assert.True(fields.Message.MaxDecodedLength >= Encoding.UTF8.GetByteCount(fields.Message.DecodeToString(body)!));
    }

    [Fact]
    public void Max_decoded_length_is_enough()
    {
        byte[] body = "&#65;&#x1F600;<![CDATA[x]]>&#9;"u8.ToArray();
        XmlText text = new(0, body.Length, false);
        Span<byte> destination = new byte[text.MaxDecodedLength];
        Assert.True(text.TryDecode(body, destination, out int written));
        Assert.Equal("A\U0001F600x\t", Encoding.UTF8.GetString(destination[..written]));
    }

    [Theory]
    [InlineData("<Code>InvalidArn</Code>", true)]
    [InlineData("<Code>Invalid&#65;rn</Code>", true)]
    [InlineData("<Code><![CDATA[InvalidArn]]></Code>", true)]
    [InlineData("<Code>Invalid<!--x-->Arn</Code>", true)]
    [InlineData("<Code>InvalidArnX</Code>", false)]
    [InlineData("<Code>InvalidAr</Code>", false)]
    [InlineData("<Code>InvalidArn&amp;</Code>", false)]
    [InlineData("<Code>Invalid&foo;Arn</Code>", false)]
    [InlineData("<Code/>", false)]
    [InlineData("<Type>InvalidArn</Type>", false)]
    public void Value_text_equals_compares_the_decoded_text(string code, bool equal)
    {
        byte[] body = Encoding.UTF8.GetBytes("<Error>" + code + "</Error>");
        Assert.Equal(XmlReadStatus.Ok, XmlErrorReader.Read(body, out XmlErrorFields fields));
        Assert.Equal(equal, fields.Code.ValueTextEquals(body, "InvalidArn"u8));
    }

    [Fact]
    public void Value_text_equals_handles_empty_and_long_texts()
    {
        byte[] body = Encoding.UTF8.GetBytes("<Error><Code/><Message>" + new string('a', 300) + "&#98;</Message></Error>");
        Assert.Equal(XmlReadStatus.Ok, XmlErrorReader.Read(body, out XmlErrorFields fields));
        Assert.True(fields.Code.ValueTextEquals(body, ""u8));
        Assert.True(fields.Message.ValueTextEquals(body, Encoding.UTF8.GetBytes(new string('a', 300) + "b")));
        Assert.False(fields.Message.ValueTextEquals(body, Encoding.UTF8.GetBytes(new string('a', 300))));
    }
}
