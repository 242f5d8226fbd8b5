using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ActivityCore.Parsing;
using ActivityCore.Parsing.Xml;
using ActivityCore.Tests.Fuzz;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace ActivityCore.Tests.Core.Parsing.Xml;

/// <summary>
/// The XML error reader against its oracle (the byte-by-byte reader it replaced, <see cref="XmlErrorOracle"/>): the
/// same status and the same located fields (present, start, length, verbatim) for every generated document and every
/// mutation of one, and the same <see cref="ErrorDocument"/> through the public parser.
/// </summary>
public class XmlErrorReaderDifferentialTests
{
    /// <summary>Fragments inserted by the mutations: markup of every kind, references, names, odd bytes.</summary>
    private static readonly string[] Fragments =
    [
        "<", ">", "</", "/>", "<!--", "-->", "<!-- c -->", "<![CDATA[", "]]>", "<![CDATA[x]]>", "<?", "?>", "<?pi d?>",
        "<!DOCTYPE", "<!", "&", ";", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#65;", "&#x1F600;", "&#0;", "&#xD800;",
        "&foo;", "&#", "&#x", "\r", "\r\n", " ", "\t", "\n", "=", "'", "\"", " a='1'", " b=\"<\"", " c='>'", "xmlns:e='urn:e'",
        ":", "e:", "Error", "ErrorResponse", "Response", "Errors", "Code", "Message", "message", "RequestId", "RequestID",
        "Type", "<Error>", "</Error>", "<Code>C</Code>", "<Message>M</Message>", "<RequestId>R</RequestId>", "<Type>T</Type>",
        "<Errors>", "</Errors>", "<x/>", "<x>", "</x>", "<e:Code>D</e:Code>", "\uFEFF", "\u00e9", "\U0001F600",
    ];

    /// <summary>Invalid UTF-8: a stray byte, a cut sequence, an encoded surrogate, beyond U+10FFFF, overlong, a lone BOM byte.</summary>
    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xEF, 0xBB]];

    /// <summary>Deep nesting around the limit of 64, of unknown elements inside the error or around it, with the fields after it.</summary>
    private static Gen<byte[]> Deep =>
        from levels in Gen.Choose(58, 68)
        from inside in Gen.Elements(true, false)
        from selfClosing in Gen.Elements(true, false)
        from prefix in Gen.Elements("", "e:")
        select Generators.Utf8(Nest(levels, inside, selfClosing, prefix));

    private static string Nest(int levels, bool insideError, bool selfClosing, string prefix)
    {
        string open = string.Concat(Enumerable.Range(0, levels).Select(i => $"<{prefix}d{i % 3}>"));
        string close = string.Concat(Enumerable.Range(0, levels).Reverse().Select(i => $"</{prefix}d{i % 3}>"));
        string deep = selfClosing ? open + "<leaf/>" + close : open + "text" + close;
        return insideError
            ? $"<ErrorResponse><Error><Code>Before</Code>{deep}<Message>After</Message></Error><RequestId>r</RequestId></ErrorResponse>"
            : $"<Response>{deep}<Errors><Error><Code>C</Code></Error></Errors></Response>";
    }

    /// <summary>A generated document (every shape, escaping, CDATA, comments, PIs, prefixes, attributes, BOM, decoys), one without an <c>Error</c>, XML-ish bytes, or a deep one.</summary>
    private static Gen<byte[]> Source =>
        Gen.Frequency(
            (12, XmlErrorDocumentGen.Document.Select(d => d.Body)),
            (1, XmlErrorDocumentGen.Document.Select(d => Generators.Utf8(d.Xml.Replace("Error", "Eror", StringComparison.Ordinal)))),
            (2, XmlErrorDocumentGen.XmlishBytes),
            (1, Deep));

    /// <summary>A document, maybe mutated: truncated, a byte replaced, inserted or deleted, a fragment or invalid UTF-8 inserted, an element duplicated.</summary>
    private static Gen<byte[]> Mutated =>
        from doc in Source
        from mutations in Gen.Frequency((3, Gen.Constant(0)), (4, Gen.Constant(1)), (2, Gen.Choose(2, 5)))
        from edits in Gen.ArrayOf(Edit, mutations)
        select edits.Aggregate(doc, (bytes, edit) => edit(bytes));

    private static Gen<Func<byte[], byte[]>> Edit =>
        from kind in Gen.Choose(0, 6)
        from at in Gen.Choose(0, int.MaxValue)
        from length in Gen.Choose(1, 64)
        from b in Gen.Frequency(
            (3, Gen.Elements("<>/!?-[]&;#'\"= \r\n:aEx"u8.ToArray())),
            (1, Gen.Choose(0, 255).Select(n => (byte)n)))
        from fragment in Gen.Frequency(
            (6, Gen.Elements(Fragments).Select(Generators.Utf8)),
            (1, Gen.Elements(InvalidUtf8)))
        select (Func<byte[], byte[]>)(bytes => Apply(bytes, kind, at, length, b, fragment));

    private static byte[] Apply(byte[] bytes, int kind, int at, int length, byte b, byte[] fragment)
    {
        if (bytes.Length == 0)
        {
            return fragment;
        }

        int i = at % bytes.Length;
        int j = Math.Min(bytes.Length, i + length);
        return kind switch
        {
            0 => bytes[..i],
            1 => [.. bytes[..i], b, .. bytes[(i + 1)..]],
            2 => [.. bytes[..i], b, .. bytes[i..]],
            3 => [.. bytes[..i], .. bytes[(i + 1)..]],
            4 or 5 => [.. bytes[..i], .. fragment, .. bytes[i..]],
            _ => [.. bytes[..j], .. bytes[i..j], .. bytes[j..]], // a run of bytes doubled: duplicate elements, tags cut in two
        };
    }

    /// <summary>Why the two readings differ, or null when they agree.</summary>
    internal static string? Disagreement(byte[] body)
    {
        XmlReadStatus fastStatus = XmlErrorReader.Read(body, out XmlErrorFields fast);
        XmlReadStatus oracleStatus = XmlErrorOracle.Read(body, out XmlErrorFields oracle);
        var mine = (fastStatus, Range(fast.Type), Range(fast.Code), Range(fast.Message), Range(fast.RequestId));
        var expected = (oracleStatus, Range(oracle.Type), Range(oracle.Code), Range(oracle.Message), Range(oracle.RequestId));
        if (mine != expected)
        {
            return $"reader {mine} vs oracle {expected} on {Convert.ToHexString(body)} ({Encoding.UTF8.GetString(body)})";
        }

        return ErrorDocument.ParseXml(body) == XmlErrorOracle.ParseXml(body) ? null : $"documents differ on {Encoding.UTF8.GetString(body)}";
    }

    private static (bool, int, int, bool) Range(XmlText t) => (t.IsPresent, t.Start, t.Length, t.IsVerbatim);

    [Property(MaxTest = 3000)]
    public Property Reader_and_oracle_agree_on_generated_and_mutated_documents() =>
        Prop.ForAll(Arb.From(Mutated), body => Disagreement(body) is null).Label("reader = oracle");

    [Property(MaxTest = 500)]
    public Property Reader_and_oracle_agree_on_arbitrary_bytes() =>
        Prop.ForAll(Arb.From(Generators.Bytes), body => Disagreement(body) is null);

    [Property(MaxTest = 100)]
    public Property Reader_and_oracle_agree_on_every_truncation() =>
        Prop.ForAll(Arb.From(Source), body => Generators.Prefixes(body).All(p => Disagreement(p) is null));

    [Fact]
    public void The_generator_covers_every_status_and_both_readings()
    {
        // A differential test whose documents were all malformed (or all valid) would prove little.
        var readings = Gen.Sample(Mutated, 3000)
            .Select(body => (status: XmlErrorOracle.Read(body, out XmlErrorFields fields), fields))
            .ToList();
        var statuses = readings.GroupBy(r => r.status).ToDictionary(g => g.Key, g => g.Count());
        int withCodeAndMessage = readings.Count(r => r.status == XmlReadStatus.Ok && r.fields.Code.IsPresent && r.fields.Message.IsPresent);
        int notVerbatim = readings.Count(r => r.status == XmlReadStatus.Ok && r.fields.Message.IsPresent && !r.fields.Message.IsVerbatim);
        Assert.True(withCodeAndMessage > 300, $"read with a code and a message: {withCodeAndMessage}");
        Assert.True(notVerbatim > 100, $"with a message to decode: {notVerbatim}");
        Assert.True(statuses.GetValueOrDefault(XmlReadStatus.Ok) > 600, $"ok: {statuses.GetValueOrDefault(XmlReadStatus.Ok)}");
        Assert.True(statuses.GetValueOrDefault(XmlReadStatus.Malformed) > 600, $"malformed: {statuses.GetValueOrDefault(XmlReadStatus.Malformed)}");
        Assert.True(statuses.GetValueOrDefault(XmlReadStatus.NotAnErrorDocument) > 10, $"not an error document: {statuses.GetValueOrDefault(XmlReadStatus.NotAnErrorDocument)}");
        Assert.True(statuses.GetValueOrDefault(XmlReadStatus.DoctypeRefused) > 5, $"DOCTYPE: {statuses.GetValueOrDefault(XmlReadStatus.DoctypeRefused)}");
        Assert.True(statuses.GetValueOrDefault(XmlReadStatus.TooDeep) > 5, $"too deep: {statuses.GetValueOrDefault(XmlReadStatus.TooDeep)}");
    }

    [Theory]
    [InlineData(XmlErrorReader.MaxDepth - 1)]
    [InlineData(XmlErrorReader.MaxDepth)]
    [InlineData(XmlErrorReader.MaxDepth + 1)]
    public void Nesting_is_bounded_at_the_same_depth(int levels)
    {
        // levels unknown elements inside Response: the deepest sits at depth levels + 1.
        byte[] body = Generators.Utf8(Nest(levels, insideError: false, selfClosing: true, prefix: ""));
        Assert.Null(Disagreement(body));
        Assert.Equal(levels + 2 > XmlErrorReader.MaxDepth ? XmlReadStatus.TooDeep : XmlReadStatus.Ok, XmlErrorReader.Read(body, out _));
    }

    [Theory]
    [InlineData("<Error><Code>C</Code ></Error>")]
    [InlineData("<Error><Code>C</Code\t\r\n></Error>")]
    [InlineData("<Error><Code>C</Codex></Error>")]
    [InlineData("<Error><Code>C</Cod></Error>")]
    [InlineData("<Error><Code>C</Code")]
    [InlineData("<Error><Code>C</Code ")]
    [InlineData("<Error><e:Code>C</Code></Error>")]
    [InlineData("<Error><Code>C</e:Code></Error>")]
    [InlineData("<Error ><Code a='1'b='2'>C</Code></Error>")]
    [InlineData("<Error><Code a = '1' b=\"2\" >C</Code></Error>")]
    [InlineData("<Error><Code a='<'>C</Code></Error>")]
    [InlineData("<Error><Code a='>'>C</Code></Error>")]
    [InlineData("<Error><Code a>C</Code></Error>")]
    [InlineData("<Error><Code a=>C</Code></Error>")]
    [InlineData("<Error><Code a='1>C</Code></Error>")]
    [InlineData("<Error><Code/ ></Error>")]
    [InlineData("<Error><Code / ></Error>")]
    [InlineData("<Error><Code/></Error>")]
    [InlineData("<Error><Code></Code><Code>D</Code></Error>")]
    [InlineData("<Error><Message>a<x>b</x>c</Message></Error>")]
    [InlineData("<Error><Message>a<![CDATA[b]]>c</Message></Error>")]
    [InlineData("<Error><Message>a<!--b-->c</Message></Error>")]
    [InlineData("<Error><Message>a<?b?>c</Message></Error>")]
    [InlineData("<Error><Message>a\r\nc</Message></Error>")]
    [InlineData("<Error><Message>a&amp;c</Message></Error>")]
    [InlineData("<Error><message>m</message><Message>M</Message><RequestID>r</RequestID></Error>")]
    [InlineData("<ErrorResponse><Error><Code>A</Code></Error><Error><Code>B</Code></Error><RequestID>r</RequestID></ErrorResponse>")]
    [InlineData("<Response><Errors><Error/></Errors><Errors><Error><Code>B</Code></Error></Errors><RequestId>r</RequestId></Response>")]
    [InlineData("<Response><Error><Code>A</Code></Error></Response>")]
    [InlineData("<a:b:Error><x:y:Code>C</x:y:Code></a:b:Error>")]
    [InlineData("<:Error><:Code>C</:Code></:Error>")]
    [InlineData("<Error><Code>C</Code></Error><Error/>")]
    [InlineData("<Error><Code>C</Code></Error>x")]
    [InlineData(" \r\n<?xml version='1.0'?><!-- c --><Error><Code>C</Code></Error><!-- d --><?e?> ")]
    [InlineData("<![CDATA[x]]><Error/>")]
    [InlineData("<Error><!-></Error>")]
    [InlineData("<Error><!--></Error>")]
    [InlineData("<Error><?></Error>")]
    [InlineData("<Error></>")]
    [InlineData("</Error>")]
    [InlineData("<")]
    [InlineData("<Error")]
    [InlineData("<Error/")]
    [InlineData("<1Error/>")]
    [InlineData("<\u00e9rror><Code>\u00e9</Code></\u00e9rror>")]
    [InlineData("<Error><Code>C</Code><!DOCTYPE x></Error>")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\uFEFF<Error/>")]
    [InlineData("\uFEFF\uFEFF<Error/>")]
    public void Reader_and_oracle_agree_on_the_edge_cases(string body) =>
        Assert.Null(Disagreement(Generators.Utf8(body)));

    [Fact]
    public void Invalid_UTF8_in_names_and_text_is_left_to_the_decoder_by_both()
    {
        byte[] body = [.. Generators.Utf8("<Error><Code>A</Code><Message>a"), 0xFF, 0xED, 0xA0, 0x80, .. Generators.Utf8("b</Message><x"), 0xC3, .. Generators.Utf8("/></Error>")];
        Assert.Null(Disagreement(body));
        Assert.Equal(ErrorBodyStatus.Parsed, ErrorDocument.ParseXml(body).Status);
    }

    [Fact]
    public void Reader_and_oracle_agree_on_every_fuzz_seed_and_regression()
    {
        var files = new[] { "xml-error", "xml-error-diff", "response" }
            .SelectMany(t => FuzzPaths.Seeds(t).Concat(FuzzPaths.Regressions(t)))
            .ToList();
        Assert.True(files.Count > 20, $"{files.Count} files");
        var failures = files
            .SelectMany(file =>
            {
                byte[] bytes = File.ReadAllBytes(file);
                return new[] { (file, bytes), (file: file + " (after two bytes)", bytes: bytes.Length < 2 ? bytes : bytes[2..]) };
            })
            .Select(f => (f.file, why: Disagreement(f.bytes)))
            .Where(f => f.why is not null)
            .Select(f => $"{Path.GetFileName(f.file)}: {f.why}")
            .ToList();
        Assert.Empty(failures);
    }
}
