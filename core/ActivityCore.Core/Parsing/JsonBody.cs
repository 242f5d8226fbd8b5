using System;
using System.Text.Json;

namespace ActivityCore.Parsing;

/// <summary>What every JSON body reader of the core shares: reader options and the start of the text.</summary>
internal static class JsonBody
{
    /// <summary>Strict RFC 8259 reading (no comments, no trailing commas), nesting bounded by <see cref="JsonLimits.MaxDepth"/>.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = JsonLimits.MaxDepth };

    /// <summary>Skips a UTF-8 byte order mark and JSON whitespace.</summary>
    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> body) => WithoutBom(body).TrimStart(" \t\r\n"u8);

    /// <summary>The body without its UTF-8 byte order mark, if it has one (Utf8JsonReader does not skip it).</summary>
    public static ReadOnlySpan<byte> WithoutBom(ReadOnlySpan<byte> body) =>
        body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body;

    /// <summary>
    /// The one loop every JSON reader of the core runs: over the properties of the top-level object of
    /// <paramref name="json"/> (a body without BOM, see <see cref="WithoutBom"/>), calling <paramref name="onField"/>
    /// with the reader on each value; the callback must leave the reader on the value's last token (Skip a
    /// container it does not read). Never throws: malformed or truncated JSON, or nesting deeper than
    /// <see cref="JsonLimits.MaxDepth"/>, is <see cref="JsonObjectStatus.Malformed"/>, and what was read before
    /// the fault stays in <paramref name="state"/>.
    /// </summary>
    public static JsonObjectStatus ReadObject<TState>(ReadOnlySpan<byte> json, ref TState state, JsonFieldReader<TState> onField)
    {
        int first = json.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            return JsonObjectStatus.Empty;
        }

        if (json[first] != (byte)'{')
        {
            return JsonObjectStatus.NotAnObject;
        }

        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                JsonField field = JsonFields.Of(ref reader);
                reader.Read();
                onField(ref reader, field, ref state);
            }

            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? JsonObjectStatus.Read : JsonObjectStatus.Malformed;
        }
        catch (JsonException)
        {
            // Utf8JsonReader reports malformed or truncated JSON only by throwing: every answer's reader catches it here.
            return JsonObjectStatus.Malformed;
        }
    }
}

/// <summary>How the operations read a <see cref="JsonObjectStatus"/>.</summary>
internal static class JsonObjectStatusExtensions
{
    /// <summary>
    /// Whether a 2xx body is an output object: one read whole, or an empty (whitespace-only) body, which is the empty
    /// output <c>{}</c> as the AWS SDKs read it (they parse a body only when it is not empty).
    /// </summary>
    public static bool IsOutput(this JsonObjectStatus status) => status is JsonObjectStatus.Read or JsonObjectStatus.Empty;
}

/// <summary>What <see cref="JsonBody.ReadObject"/> found.</summary>
internal enum JsonObjectStatus
{
    /// <summary>One JSON object, read to its end.</summary>
    Read,

    /// <summary>Nothing but whitespace.</summary>
    Empty,

    /// <summary>Something other than an object (HTML, XML, an array, ...).</summary>
    NotAnObject,

    /// <summary>An object that is malformed, truncated, followed by more text, or too deep.</summary>
    Malformed,
}

/// <summary>Reads one property's value (the reader is on it; <paramref name="field"/> names the property) into the state.</summary>
internal delegate void JsonFieldReader<TState>(ref Utf8JsonReader reader, JsonField field, ref TState state);

/// <summary>
/// Where a JSON string value stands in the body (between its quotes, still escaped when <see cref="Escaped"/>):
/// recorded during the reader pass, turned into text only for what the caller gets.
/// </summary>
internal readonly struct JsonStringRange
{
    private JsonStringRange(int start, int length, bool escaped)
    {
        Start = start;
        Length = length;
        Escaped = escaped;
        Found = true;
    }

    /// <summary>The index of the string's first byte after the opening quote.</summary>
    public int Start { get; }

    /// <summary>The raw length in bytes.</summary>
    public int Length { get; }

    /// <summary>Whether the raw bytes hold escapes.</summary>
    public bool Escaped { get; }

    /// <summary>Whether the field was present as a string.</summary>
    public bool Found { get; }

    /// <summary>A string found by a scan: <paramref name="length"/> raw bytes from <paramref name="start"/>.</summary>
    public static JsonStringRange At(int start, int length, bool escaped) => new(start, length, escaped);

    /// <summary>The reader's current String token.</summary>
    public static JsonStringRange Current(ref Utf8JsonReader reader) =>
        new(checked((int)reader.TokenStartIndex + 1), reader.ValueSpan.Length, reader.ValueIsEscaped);

    /// <summary>The raw (maybe escaped) bytes in <paramref name="json"/>, the span the reader read.</summary>
    public ReadOnlySpan<byte> Raw(ReadOnlySpan<byte> json) => json.Slice(Start, Length);

    /// <summary>The text, or null when the field was not found.</summary>
    public string? Decode(ReadOnlySpan<byte> json) => Found ? JsonStrings.Decode(Raw(json), Escaped) : null;
}

/// <summary>The top-level fields the core's readers look for, recognised on UTF-8 bytes.</summary>
internal enum JsonField
{
    Other,
    Type,
    Code,
    Message,
    KmsKeyState,
    ResourceName,
    Tags,
    Key,
    Value,
    EncryptionConfiguration,
    EncryptionType,
    KmsKeyId,
    KmsDataKeyReusePeriodSeconds,
    TaskToken,
    Input,
    ActivityArn,
    Name,
    CreationDate,
    Activities,
    NextToken,
}

/// <summary>Recognition of <see cref="JsonField"/> names.</summary>
internal static class JsonFields
{
    /// <summary>The longest escaped spelling of a field name: 28 characters (<c>kmsDataKeyReusePeriodSeconds</c>), each written as <c>\uXXXX</c>.</summary>
    private const int MaxEscapedNameLength = 28 * 6;

    /// <summary>
    /// The field named by the reader's current PropertyName token. An escaped name is unescaped on the stack by
    /// <see cref="JsonStrings.Unescape"/>, never by <c>Utf8JsonReader.ValueTextEquals</c>, which throws
    /// <see cref="InvalidOperationException"/> on an escaped lone surrogate (<c>"me\ud83dssage"</c>: found by fuzzing,
    /// kept in tests/ActivityCore.Fuzz/regressions).
    /// </summary>
    public static JsonField Of(ref Utf8JsonReader reader) => Of(reader.ValueSpan, reader.ValueIsEscaped);

    /// <summary>The field a raw property name names (<paramref name="escaped"/>: whether it holds a backslash).</summary>
    public static JsonField Of(ReadOnlySpan<byte> raw, bool escaped)
    {
        if (!escaped)
        {
            return Named(raw);
        }

        if (raw.Length > MaxEscapedNameLength)
        {
            return JsonField.Other;
        }

        Span<byte> name = stackalloc byte[MaxEscapedNameLength];
        return Named(name[..JsonStrings.Unescape(raw, name)]);
    }

    /// <summary>The field an unescaped UTF-8 name names (ordinal, case-sensitive but for <c>message</c>/<c>Message</c>).</summary>
    private static JsonField Named(ReadOnlySpan<byte> name) => name.Length switch
    {
        4 when name.SequenceEqual("code"u8) => JsonField.Code,
        4 when name.SequenceEqual("name"u8) => JsonField.Name,
        4 when name.SequenceEqual("tags"u8) => JsonField.Tags,
        4 when name.SequenceEqual("type"u8) => JsonField.EncryptionType,
        3 when name.SequenceEqual("key"u8) => JsonField.Key,
        5 when name.SequenceEqual("value"u8) => JsonField.Value,
        8 when name.SequenceEqual("kmsKeyId"u8) => JsonField.KmsKeyId,
        12 when name.SequenceEqual("resourceName"u8) => JsonField.ResourceName,
        23 when name.SequenceEqual("encryptionConfiguration"u8) => JsonField.EncryptionConfiguration,
        28 when name.SequenceEqual("kmsDataKeyReusePeriodSeconds"u8) => JsonField.KmsDataKeyReusePeriodSeconds,
        5 when name.SequenceEqual("input"u8) => JsonField.Input,
        6 when name.SequenceEqual("__type"u8) => JsonField.Type,
        7 when name.SequenceEqual("message"u8) || name.SequenceEqual("Message"u8) => JsonField.Message,
        9 when name.SequenceEqual("taskToken"u8) => JsonField.TaskToken,
        9 when name.SequenceEqual("nextToken"u8) => JsonField.NextToken,
        10 when name.SequenceEqual("activities"u8) => JsonField.Activities,
        11 when name.SequenceEqual("activityArn"u8) => JsonField.ActivityArn,
        11 when name.SequenceEqual("kmsKeyState"u8) => JsonField.KmsKeyState,
        12 when name.SequenceEqual("creationDate"u8) => JsonField.CreationDate,
        _ => JsonField.Other,
    };
}
