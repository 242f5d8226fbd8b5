using System;
using System.Text.Json;
using ActivityCore.Parsing;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

public readonly partial struct ErrorDocument
{
    /// <summary>Reads an AWS JSON 1.0 error body. Total: never throws.</summary>
    /// <param name="body">The body bytes (UTF-8; a BOM is skipped).</param>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    /// <returns>The document; see the type's remarks for the precedence rules.</returns>
    public static ErrorDocument ParseJson(ReadOnlySpan<byte> body, string? errorTypeHeader)
    {
        var fields = default(JsonErrorFields);
        ErrorBodyStatus status = JsonErrorFields.Read(body, ref fields);

        ErrorCodeSource source = ErrorCodeSource.None;
        string? code = null;
        if ((code = CodeFromJson(fields.Type)) is not null)
        {
            source = ErrorCodeSource.BodyType;
        }
        else if ((code = CodeFromJson(fields.Code)) is not null)
        {
            source = ErrorCodeSource.BodyCode;
        }

        return new ErrorDocument(
            status,
            Optional(code),
            source,
            fields.Message.Decode(),
            fields.KmsKeyState.Decode(),
            None,
            None).WithHeaderCode(errorTypeHeader);
    }

    /// <summary>The sanitised code of a raw JSON string, or null when it sanitises to nothing.</summary>
    private static string? CodeFromJson(RawString field)
    {
        ReadOnlySpan<byte> raw = field.Span;
        if (!field.Found)
        {
            return null;
        }

        if (!field.Escaped)
        {
            ReadOnlySpan<byte> sanitized = ErrorCodes.Sanitize(raw);
            return sanitized.IsEmpty ? null : ErrorCodes.FromUtf8(sanitized);
        }

        // An escaped code is rare (a proxy escaping '/' or '#'): unescape on the stack, long ones as a string.
        if (raw.Length <= 256)
        {
            Span<byte> buffer = stackalloc byte[256];
            ReadOnlySpan<byte> sanitized = ErrorCodes.Sanitize(buffer[..JsonStrings.Unescape(raw, buffer)]);
            return sanitized.IsEmpty ? null : ErrorCodes.FromUtf8(sanitized);
        }

        ReadOnlySpan<char> chars = ErrorCodes.Sanitize(JsonStrings.Decode(raw, escaped: true).AsSpan());
        return chars.IsEmpty ? null : ErrorCodes.FromChars(chars);
    }
}

/// <summary>The raw bytes of a JSON string token as the reader saw them (still escaped when <see cref="Escaped"/>).</summary>
internal readonly ref struct RawString
{
    public RawString(ReadOnlySpan<byte> span, bool escaped)
    {
        Span = span;
        Escaped = escaped;
        Found = true;
    }

    /// <summary>The token's bytes, without the quotes.</summary>
    public ReadOnlySpan<byte> Span { get; }

    /// <summary>Whether <see cref="Span"/> holds escapes.</summary>
    public bool Escaped { get; }

    /// <summary>Whether the field was present as a string.</summary>
    public bool Found { get; }

    /// <summary>The reader's current String token.</summary>
    public static RawString Current(scoped ref Utf8JsonReader reader) => new(reader.ValueSpan, reader.ValueIsEscaped);

    /// <summary>The decoded text, when found.</summary>
    public Option<string> Decode() => Found ? Some(JsonStrings.Decode(Span, Escaped)) : None;
}

/// <summary>The raw string fields of a JSON error body, located by one reader pass.</summary>
internal ref struct JsonErrorFields
{
    public RawString Type;
    public RawString Code;
    public RawString Message;
    public RawString KmsKeyState;

    /// <summary>Reads the top-level object's string fields; nested values are skipped. Never throws.</summary>
    public static ErrorBodyStatus Read(ReadOnlySpan<byte> body, ref JsonErrorFields fields)
    {
        body = JsonBody.TrimStart(body);
        if (body.IsEmpty)
        {
            return ErrorBodyStatus.Empty;
        }

        if (body[0] != (byte)'{')
        {
            return ErrorBodyStatus.NotAnErrorDocument;
        }

        var reader = new Utf8JsonReader(body, JsonBody.ReaderOptions);
        try
        {
            reader.Read(); // StartObject
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                JsonField field = JsonFields.Of(ref reader);
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    reader.Skip(); // a number, object or array where a string belongs: the field counts as absent
                    continue;
                }

                switch (field)
                {
                    case JsonField.Type when !fields.Type.Found:
                        fields.Type = RawString.Current(ref reader);
                        break;
                    case JsonField.Code when !fields.Code.Found:
                        fields.Code = RawString.Current(ref reader);
                        break;
                    case JsonField.Message when !fields.Message.Found:
                        fields.Message = RawString.Current(ref reader);
                        break;
                    case JsonField.KmsKeyState when !fields.KmsKeyState.Found:
                        fields.KmsKeyState = RawString.Current(ref reader);
                        break;
                }
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read()
                ? ErrorBodyStatus.Parsed
                : ErrorBodyStatus.Malformed;
        }
        catch (JsonException)
        {
            // Utf8JsonReader reports malformed or truncated JSON only by throwing; the fields found before
            // the fault are kept (a truncated body often still names its code).
            return ErrorBodyStatus.Malformed;
        }
    }
}
