using System;
using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActivityCore.Benchmarks;

/// <summary>How a JSON payload is laid out: as the service sends it, or pretty-printed (a proxy, a local stub).</summary>
public enum JsonLayout
{
    /// <summary>No whitespace, as Step Functions answers.</summary>
    Compact,

    /// <summary>Two-space indentation and newlines.</summary>
    Indented,
}

/// <summary>The payloads every benchmark reads or writes: built once, deterministic, realistic in shape.</summary>
internal static class Payloads
{
    public const string ActivityArn = "arn:aws:states:us-east-1:123456789012:activity:image-resize";

    public const string WorkerName = "worker-7f3a-ip-10-0-12-34.ec2.internal";

    public const string ErrorCode = "ActivityDoesNotExist";

    public const string ErrorMessage = "Activity Does Not Exist: 'arn:aws:states:us-east-1:123456789012:activity:image-resize'";

    /// <summary>The <c>x-amzn-ErrorType</c> header as the service sends it: the code, then a colon and a URI.</summary>
    public const string ErrorTypeHeader = "ActivityDoesNotExist:http://internal.amazon.com/coral/com.amazonaws.swf.service.v2.model/";

    public const string RequestId = "5d8f1c2e-7b3a-4e9f-a1c2-3b4d5e6f7a8b";

    /// <summary>The way the service and its SDKs write JSON text: only quotes, backslashes and control characters escaped.</summary>
    private static readonly JavaScriptEncoder Relaxed = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>An AWS JSON 1.0 error body: namespaced <c>__type</c> and a message (~150 bytes compact).</summary>
    public static byte[] JsonError(JsonLayout layout) => Write(layout, static w =>
    {
        w.WriteString("__type", "com.amazonaws.swf.service.v2.model#" + ErrorCode);
        w.WriteString("message", ErrorMessage);
    });

    /// <summary>The body of an answer whose code is only in the <c>x-amzn-ErrorType</c> header.</summary>
    public static byte[] JsonErrorHeaderOnly() => "{}"u8.ToArray();

    /// <summary>An XML error body as the query-protocol services and some proxies send it.</summary>
    public static byte[] XmlError(bool withTypeAndRequestId) => Encoding.UTF8.GetBytes(withTypeAndRequestId
        ? "<ErrorResponse xmlns=\"http://states.amazonaws.com/doc/2016-11-23/\"><Error><Type>Sender</Type>"
          + $"<Code>{ErrorCode}</Code><Message>{ErrorMessage.Replace("'", "&apos;", StringComparison.Ordinal)}</Message></Error>"
          + $"<RequestId>{RequestId}</RequestId></ErrorResponse>"
        : $"<ErrorResponse><Error><Code>{ErrorCode}</Code><Message>{ErrorMessage}</Message></Error></ErrorResponse>");

    /// <summary>A task token: 700 characters of base64 text, like the service's (deterministic).</summary>
    public static string TaskToken()
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        var random = new Random(42);
        var chars = new char[700];
        for (int i = 0; i < chars.Length - 2; i++)
        {
            chars[i] = Alphabet[random.Next(Alphabet.Length)];
        }

        chars[^2] = '=';
        chars[^1] = '=';
        return new string(chars);
    }

    /// <summary>
    /// JSON text of exactly <paramref name="length"/> characters (ASCII, so as many UTF-8 bytes): an array of
    /// order records, padded. Quote-dense like real task inputs, so that its JSON-string form is well escaped.
    /// </summary>
    public static string TaskJson(int length)
    {
        const string Prefix = "{\"orders\":[";
        const string Suffix = "],\"pad\":\"\"}";
        var text = new StringBuilder(length);
        text.Append(Prefix);
        for (int i = 0; ; i++)
        {
            string record = (i == 0 ? "" : ",")
                + $"{{\"orderId\":{100_000 + i},\"customer\":\"customer-{i % 977}\",\"items\":[{{\"sku\":\"SKU-{i % 313:D5}\",\"qty\":{(i % 7) + 1},\"price\":{(i % 50) + 0.99}}}],\"express\":{(i % 2 == 0 ? "true" : "false")}}}";
            if (text.Length + record.Length + Suffix.Length > length)
            {
                break;
            }

            text.Append(record);
        }

        text.Append("],\"pad\":\"");
        text.Append('x', length - text.Length - 2).Append("\"}");
        string json = text.ToString();
        if (json.Length != length)
        {
            throw new InvalidOperationException($"TaskJson built {json.Length} characters instead of {length}");
        }

        return json;
    }

    /// <summary>A GetActivityTask answer carrying <paramref name="token"/> and <paramref name="input"/> (as the JSON string it is on the wire).</summary>
    public static byte[] TaskResponse(string token, string input, JsonLayout layout) => Write(layout, w =>
    {
        w.WriteString("input", input);
        w.WriteString("taskToken", token);
    });

    private static byte[] Write(JsonLayout layout, Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Relaxed, Indented = layout == JsonLayout.Indented }))
        {
            writer.WriteStartObject();
            fields(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
