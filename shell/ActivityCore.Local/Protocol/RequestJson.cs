using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActivityCore.Local.Protocol;

/// <summary>Reading request members the way the service's deserializer and validator answer.</summary>
internal static class RequestJson
{
    /// <summary>Escapes only what JSON requires (<c>\"</c>, not <c>\u0022</c>), as the service writes.</summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses a request body: an object, or nothing (read as <c>{}</c>).</summary>
    internal static ServiceError? Parse(ReadOnlyMemory<byte> body, out JsonDocument document)
    {
        document = null!;
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            document = JsonDocument.Parse("{}"u8.ToArray());
            return null;
        }

        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return ServiceError.Serialization("The request body is not valid JSON.");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            document = null!;
            return ServiceError.Serialization("Start of structure or map found where not expected.");
        }

        if (!Decodable(document.RootElement))
        {
            document.Dispose();
            document = null!;
            return ServiceError.Serialization("The request body contains a string that is not valid UTF-8 or has a lone surrogate escape.");
        }

        return null;
    }

    /// <summary>
    /// Whether every string and member name of a value decodes to valid UTF-16: the parser accepts invalid UTF-8 bytes and
    /// lone surrogate escapes (<c>\ud800</c>) inside strings, which only fail when read; the service's deserializer refuses
    /// them up front, whichever member they are in.
    /// </summary>
    internal static bool Decodable(JsonElement value)
    {
        try
        {
            return DecodeAll(value);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool DecodeAll(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                _ = value.GetString();
                return true;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (!DecodeAll(item))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject())
                {
                    _ = member.Name;
                    if (!DecodeAll(member.Value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>A string member; absent or null reads as null; another JSON type is a <c>SerializationException</c>.</summary>
    internal static ServiceError? String(JsonElement root, string name, bool required, out string? value)
    {
        value = null;
        if (root.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null)
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                return ServiceError.Serialization($"Unexpected JSON type for '{name}': expected a string.");
            }

            value = element.GetString();
        }

        return value is null && required
            ? ServiceError.Validation(name, "Member must not be null")
            : null;
    }

    /// <summary>An integer member; absent or null reads as null.</summary>
    internal static ServiceError? Int(JsonElement root, string name, out int? value)
    {
        value = null;
        if (root.TryGetProperty(name, out var element) && element.ValueKind != JsonValueKind.Null)
        {
            if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number))
            {
                return ServiceError.Serialization($"Unexpected JSON type for '{name}': expected an integer.");
            }

            value = number;
        }

        return null;
    }

    /// <summary>A length check as the service's validator words it.</summary>
    internal static ServiceError? Length(string? value, string name, int min, int max)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Length < min)
        {
            return ServiceError.Validation(name, $"Member must have length greater than or equal to {min}");
        }

        return value.Length > max ? ServiceError.Validation(name, $"Member must have length less than or equal to {max}") : null;
    }

    /// <summary>Writes a response body.</summary>
    internal static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Epoch seconds with milliseconds, as the service's <c>creationDate</c>.</summary>
    internal static double EpochSeconds(DateTimeOffset date) => date.ToUnixTimeMilliseconds() / 1000.0;
}
