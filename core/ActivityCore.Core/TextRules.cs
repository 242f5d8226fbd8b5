using System;
using System.Buffers;
using System.Text;
using System.Text.Json;
using ActivityCore.Parsing;

namespace ActivityCore;

/// <summary>The shared checks behind every validated value: null, length, UTF-16 validity, JSON well-formedness.</summary>
internal static class TextRules
{
    /// <summary>Null when <paramref name="value"/> is non-null, well-formed UTF-16 and has min..max chars.</summary>
    public static ValidationError? CheckLength(string field, string? value, int min, int max)
    {
        if (value is null)
        {
            return new ValidationError(field, ValidationFailure.Missing, "must not be null");
        }

        if (value.Length < min)
        {
            return new ValidationError(field, ValidationFailure.TooShort, $"must have at least {min} characters, has {value.Length}");
        }

        if (value.Length > max)
        {
            return new ValidationError(field, ValidationFailure.TooLong, $"must have at most {max} characters, has {value.Length}");
        }

        return CheckWellFormed(field, value);
    }

    /// <summary>Refuses a string with a lone surrogate: it has no UTF-8 form, so it cannot go on the wire.</summary>
    public static ValidationError? CheckWellFormed(string field, string value)
    {
        int index = IndexOfLoneSurrogate(value);
        return index < 0
            ? null
            : new ValidationError(field, ValidationFailure.InvalidCharacter, $"has a lone UTF-16 surrogate at index {index}");
    }

    /// <summary>U+D800..U+DFFF, the UTF-16 surrogates.</summary>
    private static readonly SearchValues<char> Surrogates = SearchValues.Create(SurrogateChars());

    /// <summary>Index of the first lone surrogate in <paramref name="value"/>, or -1.</summary>
    public static int IndexOfLoneSurrogate(ReadOnlySpan<char> value)
    {
        // Almost every text has no surrogate at all: find the first one with a vectorised search.
        int first = value.IndexOfAny(Surrogates);
        if (first < 0)
        {
            return -1;
        }

        for (int i = first; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    private static char[] SurrogateChars()
    {
        var chars = new char[0xE000 - 0xD800];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = (char)(0xD800 + i);
        }

        return chars;
    }

    /// <summary>Checks that <paramref name="utf8"/> is exactly one well-formed JSON value (RFC 8259), without throwing.</summary>
    public static bool IsWellFormedJson(ReadOnlySpan<byte> utf8)
    {
        // Utf8JsonReader reports malformed JSON only by throwing JsonException; the core catches it here, for text
        // the caller hands us to send, and in JsonBody.ReadObject, for answers.
        var reader = new Utf8JsonReader(utf8, ActivityCore.Parsing.JsonBody.ReaderOptions);
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            reader.Skip();
            return !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Checks that <paramref name="json"/> is well-formed JSON text; the message never repeats the text.</summary>
    public static ValidationError? CheckJson(string field, string json, int maxUtf8Bytes, out byte[] utf8)
    {
        utf8 = Encoding.UTF8.GetBytes(json);
        if (utf8.Length > maxUtf8Bytes)
        {
            return new ValidationError(field, ValidationFailure.TooLong, $"must be at most {maxUtf8Bytes} UTF-8 bytes, is {utf8.Length}");
        }

        return IsWellFormedJson(utf8)
            ? null
            : new ValidationError(field, ValidationFailure.InvalidFormat, "is not a well-formed JSON text");
    }
}
