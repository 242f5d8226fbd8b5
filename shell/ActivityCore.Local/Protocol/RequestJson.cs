using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Protocol;

/// <summary>Reading request members the way the service's deserializer and validator answer.</summary>
internal static class RequestJson
{
    /// <summary>Escapes only what JSON requires (<c>\"</c>, not <c>\u0022</c>), as the service writes.</summary>
    internal static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Parses a request body: an object, or nothing (read as <c>{}</c>). The caller disposes the document.</summary>
    internal static Either<ServiceError, JsonDocument> Parse(ReadOnlyMemory<byte> body)
    {
        if (body.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return JsonDocument.Parse("{}"u8.ToArray());
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return ServiceError.Serialization("The request body is not valid JSON.");
        }

        var refusal = document.RootElement.ValueKind != JsonValueKind.Object
            ? Some(ServiceError.Serialization("Start of structure or map found where not expected."))
            : !Decodable(document.RootElement)
                ? Some(ServiceError.Serialization("The request body contains a string that is not valid UTF-8 or has a lone surrogate escape."))
                : None;
        return refusal.Match(
            Some: error =>
            {
                document.Dispose();
                return Left<ServiceError, JsonDocument>(error);
            },
            None: () => Right<ServiceError, JsonDocument>(document));
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

    /// <summary>An optional string member; absent or null reads as none; another JSON type is a <c>SerializationException</c>.</summary>
    internal static Either<ServiceError, Option<string>> String(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return Option<string>.None;
        }

        return element.ValueKind == JsonValueKind.String
            ? Optional(element.GetString())
            : ServiceError.Serialization($"Unexpected JSON type for '{name}': expected a string.");
    }

    /// <summary>A required string member: as <see cref="String"/>, and absent or null is a <c>ValidationException</c>.</summary>
    internal static Either<ServiceError, string> RequiredString(JsonElement root, string name) =>
        String(root, name).Bind(value => value.ToEither(() => ServiceError.Validation(name, "Member must not be null")));

    /// <summary>An integer member; absent or null reads as none.</summary>
    internal static Either<ServiceError, Option<int>> Int(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return Option<int>.None;
        }

        return element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var number)
            ? Some(number)
            : ServiceError.Serialization($"Unexpected JSON type for '{name}': expected an integer.");
    }

    /// <summary>A length check as the service's validator words it; none when the value is absent or fits.</summary>
    internal static Option<ServiceError> Length(Option<string> value, string name, int min, int max) =>
        value.Bind(text =>
            text.Length < min ? Some(ServiceError.Validation(name, $"Member must have length greater than or equal to {min}"))
            : text.Length > max ? Some(ServiceError.Validation(name, $"Member must have length less than or equal to {max}"))
            : None);

    /// <summary>An error or fine, as a step of a chain: <c>Left</c> the error, or <c>Right</c> unit.</summary>
    internal static Either<ServiceError, Unit> Check(Option<ServiceError> error) =>
        error.Match(Some: Left<ServiceError, Unit>, None: () => Right<ServiceError, Unit>(unit));

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
