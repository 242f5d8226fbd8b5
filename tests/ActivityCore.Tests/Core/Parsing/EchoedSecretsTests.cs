using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using ActivityCore.Parsing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace ActivityCore.Tests.Core.Parsing;

/// <summary>
/// The redaction pre-check and the one-pass message: <see cref="EchoedSecrets.MayQuote"/> never says "no" to a message
/// the full search would change, and <see cref="ErrorDocument.ParseJson"/>'s message is always what decoding the whole
/// string and redacting it gives (the path it replaced), ASCII or not, escaped or not.
/// </summary>
public class EchoedSecretsTests
{
    /// <summary>The names in several cases, and near misses that share the pre-check's byte pairs.</summary>
    private static readonly string[] Names =
    [
        "signature=", "SIGNATURE=", "Signature=", "X-Amz-Signature=", "x-amz-security-token", "X-AMZ-SECURITY-TOKEN",
        "X-Amz-Security-Token: ", "x-amz-security-token=", "x-amz-security-token:", "signatur=", "s12345678=",
        "x123456789012345678n", "x-amz-security-toke",
    ];

    /// <summary>Plain text.</summary>
    private static readonly string[] Words =
    [
        "arn:aws:states:us-east-1:123456789012:activity:a", " ", "'", "\n", "Rate exceeded", "value", "sssssssss", "xxxxxxxx",
        "=", "n", "IQoJb3JpZ2lu==", "Activity Does Not Exist: ",
    ];

    private static Gen<string> AsciiMessage =>
        from count in Gen.Choose(0, 14)
        from pieces in Gen.ArrayOf(Gen.Frequency((12, Gen.Elements(Words)), (1, Gen.Elements(Names))), count)
        from pad in Gen.Choose(0, 40)
        select new string('.', pad) + string.Concat(pieces);

    [Property(MaxTest = 5000)]
    public Property The_pre_check_passes_every_message_the_search_would_change() =>
        Prop.ForAll(Arb.From(AsciiMessage), message =>
            EchoedSecrets.MayQuote(Encoding.ASCII.GetBytes(message)) || ReferenceEquals(EchoedSecrets.Redact(message), message));

    [Fact]
    public void The_pre_check_is_not_vacuous()
    {
        // Most plain messages skip the search; every message with a name goes through it.
        var messages = Gen.Sample(AsciiMessage, 3000).ToList();
        int skipped = messages.Count(m => !EchoedSecrets.MayQuote(Encoding.ASCII.GetBytes(m)));
        int redacted = messages.Count(m => !ReferenceEquals(EchoedSecrets.Redact(m), m));
        Assert.True(skipped > 100, $"skipped: {skipped}");
        Assert.True(redacted > 300, $"redacted: {redacted}");
        Assert.False(EchoedSecrets.MayQuote("Activity Does Not Exist: 'arn:aws:states:us-east-1:123456789012:activity:image-resize'"u8));
    }

    [Theory]
    [InlineData(51)]
    [InlineData(52)]
    [InlineData(83)]
    [InlineData(84)]
    [InlineData(120)]
    public void A_name_at_any_position_is_passed_to_the_search(int length)
    {
        foreach (string name in new[] { "Signature=", "x-amz-security-token:" })
        {
            for (int at = 0; at + name.Length <= length; at++)
            {
                string message = new string('.', at) + name + new string('v', length - at - name.Length);
                Assert.True(EchoedSecrets.MayQuote(Encoding.ASCII.GetBytes(message)), $"{name} at {at} of {length}");
            }
        }
    }

    /// <summary>Message contents: ASCII (invalid UTF-8 only unescaped: the reference decoder throws on it otherwise) with and without names, non-ASCII, invalid UTF-8 and escapes.</summary>
    private static Gen<byte[]> MessageBytes =>
        from m in AsciiMessage.Select(m => m.Replace("\n", "\\n", StringComparison.Ordinal)) // a raw newline is not JSON
        from raw in Gen.Elements(
            Generators.Utf8(m),
            Generators.Utf8("caf\u00e9 \u017figNATURE=x " + m),
            Generators.Utf8(m + " \\\"quoted\\\" signature\\u003dabc \\u00e9"),
            [.. Generators.Utf8(m.Replace("\\n", " ", StringComparison.Ordinal)), 0xFF, 0xC3, .. Generators.Utf8(" x-amz-security-token:t")])
        select raw;

    [Property(MaxTest = 3000)]
    public Property The_message_is_the_decoded_string_redacted() =>
        Prop.ForAll(Arb.From(MessageBytes), raw =>
        {
            byte[] body = [.. "{\"__type\":\"ns#InvalidArn\",\"message\":\""u8, .. raw, .. "\"}"u8];
            var reader = new Utf8JsonReader(body);
            reader.Read();
            reader.Read();
            reader.Read();
            reader.Read();
            reader.Read();
            string decoded = reader.ValueIsEscaped ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
            string? message = ErrorDocument.ParseJson(body, null).Message.IfNoneUnsafe((string?)null);
            return message == EchoedSecrets.Redact(decoded);
        });
}
