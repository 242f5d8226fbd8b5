using System;
using System.Text;
using System.Text.Json;
using ActivityCore.Errors;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Parsing;

public readonly partial struct ErrorDocument
{
    /// <summary>Reads an AWS JSON 1.0 error body. Total: never throws.</summary>
    /// <param name="body">The body bytes (UTF-8; a BOM is skipped).</param>
    /// <param name="errorTypeHeader">The <c>x-amzn-ErrorType</c> header, if any.</param>
    /// <returns>The document; see the type's remarks for the precedence rules.</returns>
    public static ErrorDocument ParseJson(ReadOnlySpan<byte> body, string? errorTypeHeader)
    {
        ReadOnlySpan<byte> json = JsonBody.WithoutBom(body);
        if (json.IsEmpty || json.SequenceEqual("{}"u8))
        {
            // The header-only answer: nothing in the body to scan or decode, the code (if any) is the header's.
            return HeaderOnly(json.IsEmpty ? ErrorBodyStatus.Empty : ErrorBodyStatus.Parsed, errorTypeHeader);
        }

        var fields = default(JsonErrorFields);
        return FromJsonFields(json, JsonErrorScanner.Scan(json, ref fields), fields, errorTypeHeader);
    }

    /// <summary>A body without fields (empty, or <c>{}</c>): the code is the header's, the rest is absent.</summary>
    private static ErrorDocument HeaderOnly(ErrorBodyStatus status, string? errorTypeHeader)
    {
        string? code = errorTypeHeader is null ? null : ErrorCodes.FromRawChars(errorTypeHeader);
        return new ErrorDocument(
            status, Optional(code), code is null ? ErrorCodeSource.None : ErrorCodeSource.Header, None, None, None, None, None);
    }

    /// <summary>The document from the fields a pass over <paramref name="json"/> found (the scanner's or the oracle's).</summary>
    internal static ErrorDocument FromJsonFields(ReadOnlySpan<byte> json, JsonObjectStatus read, in JsonErrorFields fields, string? errorTypeHeader)
    {
        ErrorBodyStatus status = read switch
        {
            JsonObjectStatus.Read => ErrorBodyStatus.Parsed,
            JsonObjectStatus.Empty => ErrorBodyStatus.Empty,
            JsonObjectStatus.NotAnObject => ErrorBodyStatus.NotAnErrorDocument,
            _ => ErrorBodyStatus.Malformed, // the fields read before the fault are kept: a truncated body often names its code
        };

        string? code = CodeFromJson(json, fields.Type);
        ErrorCodeSource source = code is null ? ErrorCodeSource.None : ErrorCodeSource.BodyType;
        if (code is null && (code = CodeFromJson(json, fields.Code)) is not null)
        {
            source = ErrorCodeSource.BodyCode;
        }

        // The header's code when the body has none (as WithHeaderCode would, without building the document twice).
        if (code is null && errorTypeHeader is not null && (code = ErrorCodes.FromRawChars(errorTypeHeader)) is not null)
        {
            source = ErrorCodeSource.Header;
        }

        return new ErrorDocument(
            status,
            Optional(code),
            source,
            Optional(MessageFromJson(json, fields.Message)),
            Optional(fields.KmsKeyState.Decode(json)),
            None,
            None,
            Optional(fields.ResourceName.Decode(json)));
    }

    /// <summary>
    /// The message, redacted (<see cref="EchoedSecrets"/>), or null when absent. The common message is plain ASCII
    /// without escapes: its string is made from the raw bytes in one widening pass, and the redaction's search runs
    /// only when the vectorised pre-check over the same bytes finds a pair of bytes a secret's name has.
    /// </summary>
    private static string? MessageFromJson(ReadOnlySpan<byte> json, JsonStringRange field)
    {
        if (!field.Found)
        {
            return null;
        }

        ReadOnlySpan<byte> raw = field.Raw(json);
        if (!field.Escaped && Ascii.IsValid(raw))
        {
            string message = JsonStrings.DecodeUnescaped(raw, ascii: true);
            return EchoedSecrets.MayQuote(raw) ? EchoedSecrets.Redact(message) : message;
        }

        return EchoedSecrets.Redact(JsonStrings.Decode(raw, field.Escaped));
    }

    /// <summary>The sanitised code of a JSON string field, or null when absent or when it sanitises to nothing.</summary>
    private static string? CodeFromJson(ReadOnlySpan<byte> json, JsonStringRange field)
    {
        if (!field.Found)
        {
            return null;
        }

        ReadOnlySpan<byte> raw = field.Raw(json);
        if (!field.Escaped)
        {
            return ErrorCodes.FromRawUtf8(raw);
        }

        // An escaped code is rare (a proxy escaping '/' or '#'): unescape on the stack, long ones as a string.
        if (raw.Length <= 256)
        {
            Span<byte> buffer = stackalloc byte[256];
            return ErrorCodes.FromRawUtf8(buffer[..JsonStrings.Unescape(raw, buffer)]);
        }

        return ErrorCodes.FromRawChars(JsonStrings.Decode(raw, escaped: true));
    }
}

/// <summary>The string fields of a JSON error body, located by one pass of the scanner or of the reader (the first occurrence of each wins).</summary>
internal struct JsonErrorFields
{
    public JsonStringRange Type;
    public JsonStringRange Code;
    public JsonStringRange Message;
    public JsonStringRange KmsKeyState;
    public JsonStringRange ResourceName;

    /// <summary>Records a top-level string field; a value of another type counts as absent.</summary>
    public static void Read(ref Utf8JsonReader reader, JsonField field, ref JsonErrorFields fields)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            reader.Skip();
            return;
        }

        fields.Record(field, JsonStringRange.Current(ref reader));
    }

    /// <summary>Records a string value of <paramref name="field"/>, unless an earlier one was recorded (the first occurrence wins).</summary>
    public void Record(JsonField field, JsonStringRange value)
    {
        switch (field)
        {
            case JsonField.Type when !Type.Found:
                Type = value;
                break;
            case JsonField.Code when !Code.Found:
                Code = value;
                break;
            case JsonField.Message when !Message.Found:
                Message = value;
                break;
            case JsonField.KmsKeyState when !KmsKeyState.Found:
                KmsKeyState = value;
                break;
            case JsonField.ResourceName when !ResourceName.Found:
                ResourceName = value;
                break;
        }
    }
}
