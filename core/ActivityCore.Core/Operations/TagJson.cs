using System.Collections.Generic;
using System.Text.Json;
using ActivityCore.Parsing;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Operations;

/// <summary>Writes and reads the service's tag lists (<c>[{"key":"…","value":"…"}]</c>) and encryption configurations.</summary>
internal static class TagJson
{
    /// <summary>Writes <c>"tags":[{"key":"…","value":"…"}…]</c>.</summary>
    public static void WriteTags(Utf8JsonWriter writer, Tags tags)
    {
        writer.WriteStartArray("tags"u8);
        foreach (var tag in tags)
        {
            writer.WriteStartObject();
            writer.WriteString("key"u8, tag.Key);
            writer.WriteString("value"u8, tag.Value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes <c>"encryptionConfiguration":{"type":"…","kmsKeyId":"…","kmsDataKeyReusePeriodSeconds":N}</c> (each optional member only when set).</summary>
    public static void WriteEncryption(Utf8JsonWriter writer, EncryptionConfiguration configuration)
    {
        writer.WriteStartObject("encryptionConfiguration"u8);
        writer.WriteString("type"u8, EncryptionConfiguration.WireName(configuration.Type));
        configuration.KmsKeyId.IfSome(id => writer.WriteString("kmsKeyId"u8, id));
        configuration.KmsDataKeyReusePeriodSeconds.IfSome(seconds => writer.WriteNumber("kmsDataKeyReusePeriodSeconds"u8, seconds));
        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads a tag list (the reader on its StartArray) into <paramref name="tags"/>; false when it is not an array of
    /// objects whose <c>key</c> is a string and whose <c>value</c>, when present, is a string. Leaves the reader on the
    /// value's last token.
    /// </summary>
    public static bool ReadTags(ref Utf8JsonReader reader, List<KeyValuePair<string, string>> tags)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return false;
        }

        bool valid = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                valid = false;
                continue;
            }

            string? key = null;
            string? value = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                JsonField field = JsonFields.Of(ref reader);
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && field == JsonField.Key && key is null)
                {
                    key = JsonStrings.Decode(reader.ValueSpan, reader.ValueIsEscaped);
                }
                else if (reader.TokenType == JsonTokenType.String && field == JsonField.Value && value is null)
                {
                    value = JsonStrings.Decode(reader.ValueSpan, reader.ValueIsEscaped);
                }
                else
                {
                    valid &= field is not (JsonField.Key or JsonField.Value) || reader.TokenType == JsonTokenType.Null;
                    reader.Skip();
                }
            }

            if (key is null)
            {
                valid = false;
            }
            else
            {
                tags.Add(new KeyValuePair<string, string>(key, value ?? string.Empty));
            }
        }

        return valid;
    }

    /// <summary>
    /// Reads an encryption configuration (the reader on its value) as the service describes it; none when it is not an
    /// object with a known <c>type</c> (a type this version does not know is left out rather than failing the answer).
    /// </summary>
    public static Option<EncryptionConfiguration> ReadEncryption(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return None;
        }

        string? type = null;
        string? keyId = null;
        int? period = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            JsonField field = JsonFields.Of(ref reader);
            reader.Read();
            switch (field)
            {
                case JsonField.EncryptionType when reader.TokenType == JsonTokenType.String && type is null:
                    type = JsonStrings.Decode(reader.ValueSpan, reader.ValueIsEscaped);
                    break;
                case JsonField.KmsKeyId when reader.TokenType == JsonTokenType.String && keyId is null:
                    keyId = JsonStrings.Decode(reader.ValueSpan, reader.ValueIsEscaped);
                    break;
                case JsonField.KmsDataKeyReusePeriodSeconds when reader.TokenType == JsonTokenType.Number && period is null:
                    period = reader.TryGetInt32(out int seconds) ? seconds : null;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        Option<string> kmsKeyId = Optional(keyId);
        Option<int> reusePeriod = period is { } p ? Some(p) : None;
        return EncryptionConfiguration.ParseType(type)
            .Map(t => EncryptionConfiguration.Described(t, kmsKeyId, reusePeriod));
    }
}
