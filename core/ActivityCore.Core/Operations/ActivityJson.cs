using System;
using System.Text.Json;
using ActivityCore.Parsing;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Operations;

/// <summary>Reads the activity objects of CreateActivity, DescribeActivity and ListActivities answers.</summary>
internal static class ActivityJson
{
    /// <summary>The fields of one activity object, as far as they were found.</summary>
    internal struct Fields
    {
        public string? Arn;
        public string? Name;
        public double? CreationDate;
        public string? NextToken;
        public Option<EncryptionConfiguration> Encryption;
    }

    /// <summary>Reads the field the reader's PropertyName token names into <paramref name="fields"/> (first occurrence wins), skipping any other.</summary>
    public static void ReadField(ref Utf8JsonReader reader, JsonField field, ref Fields fields)
    {
        switch (field)
        {
            case JsonField.ActivityArn when reader.TokenType == JsonTokenType.String && fields.Arn is null:
                fields.Arn = JsonStrings.Decode(reader.ValueSpan, reader.ValueIsEscaped);
                break;
            case JsonField.Name when reader.TokenType == JsonTokenType.String && fields.Name is null:
                fields.Name = JsonStrings.Decode(reader.ValueSpan, reader.ValueIsEscaped);
                break;
            case JsonField.NextToken when reader.TokenType == JsonTokenType.String && fields.NextToken is null:
                fields.NextToken = JsonStrings.Decode(reader.ValueSpan, reader.ValueIsEscaped);
                break;
            case JsonField.EncryptionConfiguration when fields.Encryption.IsNone:
                fields.Encryption = TagJson.ReadEncryption(ref reader);
                break;
            case JsonField.CreationDate when reader.TokenType == JsonTokenType.Number && fields.CreationDate is null:
                fields.CreationDate = reader.TryGetDouble(out double seconds) ? seconds : null;
                break;
            default:
                reader.Skip();
                break;
        }
    }

    /// <summary>Epoch seconds (a JSON number, possibly fractional) to a date, or None when out of range.</summary>
    public static Option<DateTimeOffset> FromEpochSeconds(double? seconds)
    {
        const double MaxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z
        if (seconds is not { } s || double.IsNaN(s) || s < -62_135_596_800 || s > MaxSeconds)
        {
            return None;
        }

        return Some(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(s * 1000)));
    }

    /// <summary>An <see cref="ActivityInfo"/> from its fields, or None when one is missing or invalid.</summary>
    public static Option<ActivityInfo> ToInfo(Fields fields)
    {
        string? name = fields.Name;
        double? seconds = fields.CreationDate;
        var encryption = fields.Encryption;
        return name is null
            ? None
            : from arn in ActivityArn.Parse(fields.Arn).ToOption()
              from date in FromEpochSeconds(seconds)
              select new ActivityInfo(arn, name, date) { EncryptionConfiguration = encryption };
    }
}
