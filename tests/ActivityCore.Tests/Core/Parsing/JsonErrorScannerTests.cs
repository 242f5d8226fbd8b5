using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ActivityCore.Parsing;
using ActivityCore.Tests.Fuzz;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace ActivityCore.Tests.Core.Parsing;

/// <summary>
/// The JSON error scanner against its oracle (the <c>Utf8JsonReader</c> pass it replaced): the same status and the
/// same raw field ranges (start, length, escaped) for every generated document and every mutation of one, and the
/// same <see cref="ErrorDocument"/> through the public parser.
/// </summary>
public class JsonErrorScannerTests
{
    /// <summary>The keys a document uses: the fields read (some escaped, one with a lone surrogate) and others.</summary>
    private static readonly string[] Keys =
    [
        "__type", "__type", "code", "message", "Message", "kmsKeyState", "\\u005f_type", "me\\ud83dssage", "c\\u006fde",
        "x", "nested", "", "MESSAGE", "__typ", "message\\u0000",
    ];

    /// <summary>String contents, raw between the quotes: plain, escaped, lone surrogates, bad escapes, raw controls, non-ASCII.</summary>
    private static readonly string[] Strings =
    [
        "", "ns#InvalidArn", "com.amazonaws.swf.service.v2.model#TaskTimedOut", "Rate exceeded", "tab\\there",
        "\\u00e9\\u00E9", "\\ud83d\\ude00", "lone \\ud800 high", "lone \\udc00 low", "\\\"quoted\\\" \\\\ \\/ \\b\\f\\n\\r\\t",
        "caf\u00e9 \u20ac \U0001F600", "a\u007fb", "ns\\u0023Escaped", "{\\\"json\\\":[1,2]}", "x-amz-security-token: IQoJb3JpZ2lu",
    ];

    /// <summary>String contents the reader refuses.</summary>
    private static readonly string[] BadStrings =
    [
        "bad \\x escape", "short \\u12", "hex \\u12G4", "raw \t tab", "raw \u0001 control", "trailing backslash \\",
    ];

    /// <summary>Numbers in every form the grammar has, and the near misses the reader refuses.</summary>
    private static readonly string[] Numbers =
    [
        "0", "-0", "7", "-12", "1.5", "-0.25", "1e5", "1E+5", "2e-3", "-1.0e-10", "123456789012345678901234567890",
        "1.7976931348623157e309",
    ];

    private static readonly string[] BadNumbers = ["01", "-", "1.", ".5", "1e", "1e+", "+1", "1x", "0x1F", "--1", "1.2.3", "NaN", "Infinity"];

    private static readonly string[] Literals = ["true", "false", "null"];

    private static readonly string[] BadLiterals = ["tru", "nul", "fals", "True", "nulll", "truex"];

    /// <summary>Whitespace between tokens: none and each JSON whitespace byte.</summary>
    private static readonly string[] Spaces = ["", "", "", " ", "\n  ", "\r\n\t", "    "];

    /// <summary>Whitespace JSON does not allow.</summary>
    private static readonly string[] BadSpaces = ["\f", "\v", "\u00a0"];

    private static Gen<byte[]> Text(IEnumerable<string> options) => Gen.Elements(options.Select(Generators.Utf8).ToArray());

    /// <summary>Mostly a valid choice, now and then an invalid one.</summary>
    private static Gen<byte[]> MostlyValid(string[] valid, string[] invalid) => Gen.Frequency((30, Text(valid)), (1, Text(invalid)));

    private static Gen<byte[]> Space => MostlyValid(Spaces, BadSpaces);

    /// <summary>A quoted string; sometimes with raw invalid UTF-8 (the reader does not check it, nor does the scanner).</summary>
    private static Gen<byte[]> QuotedString(IEnumerable<string> contents) =>
        Gen.Frequency(
            (30, Text(contents).Select(c => Join("\""u8.ToArray(), c, "\""u8.ToArray()))),
            (1, Text(BadStrings).Select(c => Join("\""u8.ToArray(), c, "\""u8.ToArray()))),
            (1, Gen.Elements(InvalidUtf8).Select(bad => Join("\"a"u8.ToArray(), bad, "b\""u8.ToArray()))));

    /// <summary>Invalid UTF-8: a stray byte, a cut sequence, an encoded surrogate, beyond U+10FFFF, overlong.</summary>
    private static readonly byte[][] InvalidUtf8 = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82]];

    /// <summary>Any JSON value (and near misses), nested up to <paramref name="depth"/> more levels.</summary>
    private static Gen<byte[]> Value(int depth) =>
        depth <= 0
            ? Gen.OneOf(QuotedString(Strings), MostlyValid(Numbers, BadNumbers), MostlyValid(Literals, BadLiterals))
            : Gen.Frequency(
                (4, QuotedString(Strings)),
                (2, MostlyValid(Numbers, BadNumbers)),
                (1, MostlyValid(Literals, BadLiterals)),
                (2, Members(depth - 1).Select(m => Join("{"u8.ToArray(), m, "}"u8.ToArray()))),
                (2, Items(depth - 1).Select(i => Join("["u8.ToArray(), i, "]"u8.ToArray()))));

    private static Gen<byte[]> Items(int depth) =>
        from count in Gen.Choose(0, 4)
        from items in Gen.ArrayOf(Value(depth), count)
        from space in Space
        select Join(items.SelectMany((v, n) => n == 0 ? new[] { v } : [Generators.Utf8(","), space, v]).ToArray());

    private static Gen<byte[]> Member(int depth) =>
        from key in QuotedString(Keys)
        from before in Space
        from after in Space
        from value in Value(depth)
        select Join(key, before, ":"u8.ToArray(), after, value);

    private static Gen<byte[]> Members(int depth) =>
        from count in Gen.Choose(0, 6)
        from members in Gen.ArrayOf(Member(depth), count)
        from space in Space
        from trailingComma in Gen.Frequency((20, Gen.Constant(false)), (1, Gen.Constant(true)))
        select Join(
            members.SelectMany((m, n) => n == 0 ? new[] { space, m } : [Generators.Utf8(","), space, m])
                .Append(trailingComma ? Generators.Utf8(",") : space).ToArray());

    /// <summary>A whole body: optional BOM and whitespace, one object (or, rarely, another value), whitespace or trailing text.</summary>
    private static Gen<byte[]> Document =>
        from bom in Gen.Frequency((6, Gen.Constant(Array.Empty<byte>())), (1, Gen.Constant(new byte[] { 0xEF, 0xBB, 0xBF })), (1, Gen.Constant(new byte[] { 0xEF, 0xBB })))
        from lead in Space
        from body in Gen.Frequency((12, Members(3).Select(m => Join("{"u8.ToArray(), m, "}"u8.ToArray()))), (1, Value(2)))
        from tail in Gen.Frequency((10, Space), (1, Text(["x", "}", "{}", ",", "\0", "/* c */", "// c"])))
        select Join(bom, lead, body, tail);

    /// <summary>Deep nesting around 64 levels (the limit), inside a member before the fields.</summary>
    private static Gen<byte[]> Deep =>
        from levels in Gen.Choose(60, 68)
        from arrays in Gen.Elements(true, false)
        select Generators.Utf8(
            "{\"code\":\"Before\",\"deep\":" + Nest(levels, arrays) + ",\"__type\":\"After\",\"message\":\"m\"}");

    private static string Nest(int levels, bool arrays) =>
        arrays
            ? new string('[', levels) + new string(']', levels)
            : string.Concat(Enumerable.Repeat("{\"a\":", levels)) + "1" + new string('}', levels);

    /// <summary>A document, maybe mutated: truncated, one byte replaced, inserted or deleted, or a few of those.</summary>
    private static Gen<byte[]> Mutated =>
        from doc in Gen.Frequency((8, Document), (1, Deep))
        from mutations in Gen.Frequency((4, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Choose(2, 4)))
        from edits in Gen.ArrayOf(Edit, mutations)
        select edits.Aggregate(doc, (bytes, edit) => edit(bytes));

    private static Gen<Func<byte[], byte[]>> Edit =>
        from kind in Gen.Choose(0, 3)
        from at in Gen.Choose(0, int.MaxValue)
        from b in Gen.Frequency(
            (3, Gen.Elements("{}[]\":,\\u0 \nte-.eE+"u8.ToArray())),
            (1, Gen.Choose(0, 255).Select(n => (byte)n)))
        select (Func<byte[], byte[]>)(bytes => Apply(bytes, kind, at, b));

    private static byte[] Apply(byte[] bytes, int kind, int at, byte b)
    {
        if (bytes.Length == 0)
        {
            return [b];
        }

        int i = at % bytes.Length;
        return kind switch
        {
            0 => bytes[..i],
            1 => [.. bytes[..i], b, .. bytes[(i + 1)..]],
            2 => [.. bytes[..i], b, .. bytes[i..]],
            _ => [.. bytes[..i], .. bytes[(i + 1)..]],
        };
    }

    private static byte[] Join(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>Why the two readings differ, or null when they agree.</summary>
    private static string? Disagreement(byte[] body)
    {
        ReadOnlySpan<byte> json = JsonBody.WithoutBom(body);
        var scanned = default(JsonErrorFields);
        var read = default(JsonErrorFields);
        var scannedStatus = JsonErrorScanner.Scan(json, ref scanned);
        var readStatus = JsonErrorOracle.Read(json, ref read);
        var mine = (scannedStatus, Range(scanned.Type), Range(scanned.Code), Range(scanned.Message), Range(scanned.KmsKeyState), Range(scanned.ResourceName));
        var oracle = (readStatus, Range(read.Type), Range(read.Code), Range(read.Message), Range(read.KmsKeyState), Range(read.ResourceName));
        if (mine != oracle)
        {
            return $"scanner {mine} vs oracle {oracle} on {Convert.ToHexString(body)} ({Encoding.UTF8.GetString(body)})";
        }

        return ErrorDocument.ParseJson(body, "H") == JsonErrorOracle.ParseJson(body, "H") ? null : "documents differ";
    }

    private static (bool, int, int, bool) Range(JsonStringRange r) => (r.Found, r.Start, r.Length, r.Escaped);

    [Property(MaxTest = 3000)]
    public Property Scanner_and_oracle_agree_on_generated_and_mutated_documents() =>
        Prop.ForAll(Arb.From(Mutated), body => Disagreement(body) is null).Label("scanner = oracle");

    [Property(MaxTest = 500)]
    public Property Scanner_and_oracle_agree_on_arbitrary_bytes() =>
        Prop.ForAll(Arb.From(Generators.Bytes), body => Disagreement(body) is null);

    [Property(MaxTest = 200)]
    public Property Scanner_and_oracle_agree_on_every_truncation() =>
        Prop.ForAll(Arb.From(Document), body => Generators.Prefixes(body).All(p => Disagreement(p) is null));

    [Fact]
    public void The_generator_covers_both_readings_and_every_status()
    {
        // A differential test whose documents were all malformed (or all valid) would prove little.
        var readings = Gen.Sample(Mutated, 2000)
            .Select(body =>
            {
                var fields = default(JsonErrorFields);
                return (status: JsonErrorOracle.Read(JsonBody.WithoutBom(body), ref fields), fields);
            })
            .ToList();
        var statuses = readings.GroupBy(r => r.status).ToDictionary(g => g.Key, g => g.Count());
        int withCodeAndMessage = readings.Count(r => r.status == JsonObjectStatus.Read && (r.fields.Type.Found || r.fields.Code.Found) && r.fields.Message.Found);
        int withAField = readings.Count(r => r.fields.Type.Found || r.fields.Code.Found || r.fields.Message.Found || r.fields.KmsKeyState.Found);
        Assert.True(withCodeAndMessage > 30, $"read with a code and a message: {withCodeAndMessage}");
        Assert.True(withAField > 250, $"with a field: {withAField}");
        Assert.True(statuses.GetValueOrDefault(JsonObjectStatus.Read) > 250, $"read: {statuses.GetValueOrDefault(JsonObjectStatus.Read)}");
        Assert.True(statuses.GetValueOrDefault(JsonObjectStatus.Malformed) > 250, $"malformed: {statuses.GetValueOrDefault(JsonObjectStatus.Malformed)}");
        Assert.True(statuses.GetValueOrDefault(JsonObjectStatus.NotAnObject) > 0);
        Assert.True(statuses.GetValueOrDefault(JsonObjectStatus.Empty) > 0);
    }

    [Theory]
    [InlineData(63, true)]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void Nesting_is_bounded_at_the_readers_limit(int containers, bool accepted)
    {
        // containers counts the top-level object too: 64 open containers in all is the limit.
        byte[] body = Generators.Utf8("{\"__type\":\"X\",\"a\":" + Nest(containers - 1, arrays: true) + "}");
        Assert.Null(Disagreement(body));
        var fields = default(JsonErrorFields);
        Assert.Equal(accepted ? JsonObjectStatus.Read : JsonObjectStatus.Malformed, JsonErrorScanner.Scan(body, ref fields));
        Assert.True(fields.Type.Found);
    }

    [Theory]
    [InlineData("{\"message\":\"a\u00ff\"}")]
    [InlineData("{\"message\":\"\\ud800\"}")]
    [InlineData("{\"a\":01}")]
    [InlineData("{\"a\":1.}")]
    [InlineData("{\"a\":[1,]}")]
    [InlineData("{\"a\":{\"b\":1,}}")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\" : -0.0e+0 , \"__type\" : \"T\" }\r\n")]
    [InlineData("{\"message\":\"x\"}/")]
    [InlineData("\u00a0{}")]
    [InlineData("{\"__type\":\"T\"")]
    [InlineData("{\"__type\":\"T\",")]
    [InlineData("{\"__type\":\"T\" \"code\":\"C\"}")]
    [InlineData("{\"message\":\"tab\tinside\"}")]
    [InlineData("{\"message\":\"\\u00e\"}")]
    public void Scanner_and_oracle_agree_on_the_edge_cases(string body) =>
        Assert.Null(Disagreement(Generators.Utf8(body)));

    [Fact]
    public void Invalid_UTF8_is_left_to_the_decoder_by_both()
    {
        byte[] body = [.. Generators.Utf8("{\"__type\":\"A\",\"message\":\"a"), 0xFF, 0xED, 0xA0, 0x80, .. Generators.Utf8("b\"}")];
        Assert.Null(Disagreement(body));
        Assert.Equal(ErrorBodyStatus.Parsed, ErrorDocument.ParseJson(body, null).Status);
    }

    [Fact]
    public void Scanner_and_oracle_agree_on_every_fuzz_seed_and_regression()
    {
        var files = FuzzPaths.Seeds("json-error").Concat(FuzzPaths.Regressions("json-error"))
            .Concat(FuzzPaths.Seeds("response")).Concat(FuzzPaths.Regressions("response")).ToList();
        Assert.True(files.Count > 20, $"{files.Count} files");
        var failures = files
            .SelectMany(file =>
            {
                byte[] bytes = File.ReadAllBytes(file);
                int newline = Array.IndexOf(bytes, (byte)'\n');
                return new[] { (file: file, bytes: bytes), (file: file + " (after the header line)", bytes: newline < 0 ? bytes : bytes[(newline + 1)..]) };
            })
            .Select(f => (f.file, why: Disagreement(f.bytes)))
            .Where(f => f.why is not null)
            .Select(f => $"{Path.GetFileName(f.file)}: {f.why}")
            .ToList();
        Assert.Empty(failures);
    }
}
