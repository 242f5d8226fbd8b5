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

        return null;
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
