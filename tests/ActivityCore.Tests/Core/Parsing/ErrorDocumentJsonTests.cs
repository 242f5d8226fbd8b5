using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ActivityCore.Errors;
using ActivityCore.Operations;
using ActivityCore.Parsing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;

namespace ActivityCore.Tests.Core.Parsing;

public class ErrorDocumentJsonTests
{
    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    // Precedence: __type, then code, then the header.
    [InlineData("{\"__type\":\"a#InvalidArn\",\"code\":\"TaskTimedOut\"}", "TaskDoesNotExist", "InvalidArn")]
    [InlineData("{\"code\":\"TaskTimedOut\"}", "TaskDoesNotExist", "TaskTimedOut")]
    [InlineData("{}", "TaskDoesNotExist:http://internal.amazon.com/coral/x/", "TaskDoesNotExist")]
    [InlineData("{\"__type\":\"\",\"code\":\"X\"}", null, "X")]
    [InlineData("{\"__type\":null,\"code\":7}", "H", "H")]
    [InlineData("{\"__type\":\"com.amazonaws.swf.service.v2.model#InvalidArn\"}", null, "InvalidArn")]
    [InlineData("{\"__type\":\"ns#A:http://x#y\"}", null, "A")]
    [InlineData("{\"__type\":\"A,B:C\"}", null, "A")]
    [InlineData("{\"__type\":\"  Spaced  \"}", null, "Spaced")]
    [InlineData("{\"__type\":\"ns\\u0023Escaped\"}", null, "Escaped")]
    [InlineData("{\"__type\":\"First\",\"__type\":\"Second\"}", null, "First")]
    [InlineData("{\"nested\":{\"__type\":\"Inner\"},\"__type\":\"Outer\"}", null, "Outer")]
    [InlineData("\uFEFF {\"__type\":\"Bom\"}", null, "Bom")]
    public void Finds_the_code_by_the_documented_rules(string body, string? header, string expected) =>
        Assert.Equal(expected, ErrorDocument.ParseJson(U(body), header).Code.IfNone("(none)"));

    [Theory]
    [InlineData("{\"message\":\"lower\"}", "lower")]
    [InlineData("{\"Message\":\"upper\"}", "upper")]
    [InlineData("{\"message\":\"first\",\"Message\":\"second\"}", "first")]
    [InlineData("{\"message\":5,\"Message\":\"string wins\"}", "string wins")]
    [InlineData("{\"message\":\"tab\\there \\u00e9 \\ud83d\\ude00\"}", "tab\there é 😀")]
    [InlineData("{\"message\":\"lone \\ud800 surrogate\"}", "lone \uFFFD surrogate")]
    [InlineData("{\"message\":\"bad \\udc00\\ud800 order\"}", "bad \uFFFD\uFFFD order")]
    [InlineData("{\"message\":\"nul \\u0000 kept\"}", "nul \0 kept")]
    public void Reads_the_message(string body, string expected) =>
        Assert.Equal(expected, ErrorDocument.ParseJson(U(body), null).Message.IfNone("(none)"));

    [Fact]
    public void Invalid_UTF8_in_a_message_becomes_U_FFFD()
    {
        byte[] body = [.. U("{\"message\":\"a"), 0xFF, 0xC3, .. U("b\"}")];
        var doc = ErrorDocument.ParseJson(body, null);
        Assert.Equal("a\uFFFD\uFFFDb", doc.Message.IfNone("(none)"));
    }

    [Theory]
    [InlineData("", ErrorBodyStatus.Empty)]
    [InlineData("   \n", ErrorBodyStatus.Empty)]
    [InlineData("<html>502 Bad Gateway</html>", ErrorBodyStatus.NotAnErrorDocument)]
    [InlineData("[1]", ErrorBodyStatus.NotAnErrorDocument)]
    [InlineData("{\"__type\":\"X\"", ErrorBodyStatus.Malformed)]
    [InlineData("{\"__type\":\"X\"} trailing", ErrorBodyStatus.Malformed)]
    [InlineData("{\"__type\":'X'}", ErrorBodyStatus.Malformed)]
    [InlineData("{\"__type\":\"X\",\"message\":\"raw \0 NUL\"}", ErrorBodyStatus.Malformed)]
    [InlineData("{\"__type\":\"X\"}\0", ErrorBodyStatus.Malformed)]
    [InlineData("{\"__type\":\"X\"}", ErrorBodyStatus.Parsed)]
    public void Reports_how_much_of_the_body_was_read(string body, ErrorBodyStatus expected) =>
        Assert.Equal(expected, ErrorDocument.ParseJson(U(body), null).Status);

    [Fact]
    public void A_truncated_body_keeps_the_fields_read_before_the_cut()
    {
        var doc = ErrorDocument.ParseJson(U("{\"__type\":\"ns#TaskTimedOut\",\"message\":\"The task"), null);
        Assert.Equal((ErrorBodyStatus.Malformed, "TaskTimedOut"), (doc.Status, doc.Code.IfNone("")));
    }

    [Theory]
    // Found by fuzzing (tests/ActivityCore.Fuzz/regressions/json-error): Utf8JsonReader.ValueTextEquals throws on a
    // property name whose escapes hold a lone surrogate. Such a name is no field of ours; the rest is still read.
    [InlineData("{\"me\\ud83dssage\":\"no\",\"__type\":\"InvalidArn\",\"message\":\"yes\"}", "InvalidArn", "yes")]
    [InlineData("{\"\\udc00\":1,\"\\u005f_type\":\"TaskTimedOut\",\"\\u006dessage\":\"escaped name\"}", "TaskTimedOut", "escaped name")]
    [InlineData("{\"\\u005f\\u005f\\u0074\\u0079\\u0070\\u0065\\u005f\\u005f\\u0074\\u0079\\u0070\\u0065\\u0078\":\"A\",\"code\":\"B\"}", "B", "(none)")]
    public void Escaped_field_names_are_unescaped_safely_even_with_lone_surrogates(string body, string code, string message)
    {
        var document = ErrorDocument.ParseJson(U(body), null);
        Assert.Equal(ErrorBodyStatus.Parsed, document.Status);
        Assert.Equal(code, document.Code.IfNone("(none)"));
        Assert.Equal(message, document.Message.IfNone("(none)"));
    }

    [Fact]
    public void A_poll_answer_with_a_lone_surrogate_in_a_field_name_is_still_read()
    {
        var answer = GetActivityTask.ParseResponse(200, null, U("{\"task\\ud800Token\":\"x\",\"taskToken\":\"tok\",\"input\":\"{}\"}"));
        var task = answer.Match(t => t, _ => Option<ActivityTask>.None);
        Assert.Equal("tok", task.Map(t => t.Token.Reveal()).IfNone("(none)"));
    }

    [Fact]
    public void Deep_nesting_is_malformed_not_a_crash()
    {
        string deep = "{\"a\":" + string.Concat(Enumerable.Repeat("[", 10_000)) + string.Concat(Enumerable.Repeat("]", 10_000)) + ",\"__type\":\"X\"}";
        Assert.Equal(ErrorBodyStatus.Malformed, ErrorDocument.ParseJson(U(deep), null).Status);
    }

    [Fact]
    public void A_10_MB_body_is_read_as_a_value()
    {
        string big = "{\"__type\":\"ns#InvalidArn\",\"pad\":\"" + new string('x', 10 * 1024 * 1024) + "\",\"message\":\"m\"}";
        var doc = ErrorDocument.ParseJson(U(big), null);
        Assert.Equal(("InvalidArn", "m"), (doc.Code.IfNone(""), doc.Message.IfNone("")));
    }

    [Fact]
    public void KmsInvalidStateException_carries_the_key_state()
    {
        byte[] body = U("{\"__type\":\"KmsInvalidStateException\",\"message\":\"m\",\"kmsKeyState\":\"PendingDeletion\"}");
        var error = Assert.Single(SendTaskSuccess.ParseResponse(400, null, body).LeftToSeq());
        var kms = Assert.IsType<SendTaskSuccessError.KmsInvalidStateException>(error);
        Assert.Equal("PendingDeletion", kms.KmsKeyState.Map(static s => s.Value).IfNone(""));
        Assert.Equal(KnownKmsKeyState.PendingDeletion, kms.KmsKeyState.Bind(static s => s.Known).IfNone((KnownKmsKeyState)(-1)));
        Assert.Equal(ErrorKind.Configuration, kms.Kind);
    }

    [Property(MaxTest = 500)]
    public Property ParseJson_is_total_over_arbitrary_bytes() =>
        Prop.ForAll(Arb.From(Generators.Bytes), bytes =>
        {
            var doc = ErrorDocument.ParseJson(bytes, "h");
            return Enum.IsDefined(doc.Status);
        });

    [Property(MaxTest = 100)]
    public Property ParseJson_is_total_over_every_truncation() =>
        Prop.ForAll(Arb.From(Generators.Message(xmlSafe: false)), message =>
        {
            byte[] body = U("{\"__type\":\"ns#InvalidArn\",\"message\":" + JsonSerializer.Serialize(message) + ",\"x\":[1,{\"y\":null}]}");
            return Generators.Prefixes(body).All(p => Enum.IsDefined(ErrorDocument.ParseJson(p, null).Status));
        });

    /// <summary>Where a generated error document carries its code.</summary>
    public enum Placement
    {
        DunderType,
        CodeField,
        Header,
    }

    [Property(MaxTest = 400)]
    public Property Any_generated_document_parses_back_to_its_code_and_message() =>
        Prop.ForAll(
            Arb.From(
                from code in Gen.Elements(Generators.ModeledCodes)
                from prefix in Generators.NamespacePrefix
                from suffix in Generators.Suffix
                from placement in Gen.Elements(Enum.GetValues<Placement>())
                from message in Generators.Message(xmlSafe: false)
                from key in Gen.Elements("message", "Message")
                from relaxed in ArbMap.Default.ArbFor<bool>().Generator
                select (code, raw: prefix + code + suffix, placement, message, key, relaxed)),
            c =>
            {
                var buffer = new MemoryStream();
                using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = c.relaxed ? JavaScriptEncoder.UnsafeRelaxedJsonEscaping : JavaScriptEncoder.Default }))
                {
                    w.WriteStartObject();
                    if (c.placement == Placement.DunderType)
                    {
                        w.WriteString("__type", c.raw);
                    }
                    else if (c.placement == Placement.CodeField)
                    {
                        w.WriteString("code", c.raw);
                    }

                    w.WriteString(c.key, c.message);
                    w.WriteEndObject();
                }

                var doc = ErrorDocument.ParseJson(buffer.ToArray(), c.placement == Placement.Header ? c.raw : null);
                return doc.Code == Prelude.Some(c.code) && doc.Message == Prelude.Some(c.message) && doc.Status == ErrorBodyStatus.Parsed;
            });
}
