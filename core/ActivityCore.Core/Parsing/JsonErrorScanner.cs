using System;

namespace ActivityCore.Parsing;

/// <summary>
/// The validating scanner behind <see cref="ErrorDocument.ParseJson"/>: one pass over a JSON error body (without BOM)
/// that accepts exactly what <see cref="JsonBody.ReadObject"/>'s <c>Utf8JsonReader</c> accepts (RFC 8259, no comments,
/// no trailing commas, nesting up to <see cref="JsonLimits.MaxDepth"/>) and records the string fields of
/// <see cref="JsonErrorFields"/>; every other value is skipped but validated. Total: no exception, no read out of bounds
/// (every index is checked against the span's length before it is read; nesting is bounded, so is the recursion).
/// Strings are searched for their quote, backslash and control bytes by one vectorised pass (<see cref="JsonStringStops"/>); like
/// the reader, it does not validate UTF-8 inside strings (the decoder turns invalid sequences into U+FFFD).
/// Checked against <see cref="JsonErrorOracle"/> by a differential property test and the <c>json-error-diff</c> fuzz target.
/// </summary>
internal static class JsonErrorScanner
{
    /// <summary>Failure of a scan step, in place of an index.</summary>
    private const int Fault = -1;

    /// <summary>
    /// Scans <paramref name="json"/> as <see cref="JsonBody.ReadObject"/> with <see cref="JsonErrorFields.Read"/>
    /// would read it, with the same status and the same fields (the first string occurrence of each, recorded up to a fault).
    /// </summary>
    public static JsonObjectStatus Scan(ReadOnlySpan<byte> json, ref JsonErrorFields fields)
    {
        int i = SkipWhitespace(json, 0);
        if (i >= json.Length)
        {
            return JsonObjectStatus.Empty;
        }

        if (json[i] != (byte)'{')
        {
            return JsonObjectStatus.NotAnObject;
        }

        i = SkipWhitespace(json, i + 1);
        if (i < json.Length && json[i] == (byte)'}')
        {
            return End(json, i + 1);
        }

        while (i < json.Length && json[i] == (byte)'"')
        {
            JsonField field;
            int known = CompactKey(json[i..], out field);
            if (known > 0)
            {
                i += known;
            }
            else
            {
                int nameStart = i + 1;
                int nameEnd = ScanString(json, nameStart, out bool nameEscaped);
                if (nameEnd == Fault)
                {
                    return JsonObjectStatus.Malformed;
                }

                field = JsonFields.Of(json[nameStart..nameEnd], nameEscaped);
                i = SkipWhitespace(json, nameEnd + 1);
                if (i >= json.Length || json[i] != (byte)':')
                {
                    return JsonObjectStatus.Malformed;
                }

                i++;
            }

            i = SkipWhitespace(json, i);
            if (i >= json.Length)
            {
                return JsonObjectStatus.Malformed;
            }

            if (json[i] == (byte)'"')
            {
                int valueStart = i + 1;
                int valueEnd = ScanString(json, valueStart, out bool valueEscaped);
                if (valueEnd == Fault)
                {
                    return JsonObjectStatus.Malformed;
                }

                fields.Record(field, JsonStringRange.At(valueStart, valueEnd - valueStart, valueEscaped));
                i = valueEnd + 1;
            }
            else if ((i = SkipValue(json, i, 1)) == Fault)
            {
                return JsonObjectStatus.Malformed;
            }

            i = SkipWhitespace(json, i);
            if (i >= json.Length)
            {
                return JsonObjectStatus.Malformed;
            }

            if (json[i] == (byte)'}')
            {
                return End(json, i + 1);
            }

            if (json[i] != (byte)',')
            {
                return JsonObjectStatus.Malformed;
            }

            i = SkipWhitespace(json, i + 1);
        }

        return JsonObjectStatus.Malformed;
    }

    /// <summary>
    /// The common keys as the service writes them (compact, unescaped, the colon right after the closing quote):
    /// the length of <c>"__type":</c>, <c>"message":</c> or <c>"code":</c> when <paramref name="member"/> starts with
    /// one (its field in <paramref name="field"/>), else 0. What the general path would find for them, without
    /// searching the name for its end and then naming it.
    /// </summary>
    private static int CompactKey(ReadOnlySpan<byte> member, out JsonField field)
    {
        field = JsonField.Other;
        if (member.Length < 8)
        {
            return 0;
        }

        switch (member[1])
        {
            case (byte)'_' when member.StartsWith("\"__type\":"u8):
                field = JsonField.Type;
                return 9;
            case (byte)'m' when member.StartsWith("\"message\":"u8):
                field = JsonField.Message;
                return 10;
            case (byte)'c' when member.StartsWith("\"code\":"u8):
                field = JsonField.Code;
                return 7;
            default:
                return 0;
        }
    }

    /// <summary>After the top-level object's closing brace: only whitespace may follow.</summary>
    private static JsonObjectStatus End(ReadOnlySpan<byte> json, int i) =>
        json[i..].IndexOfAnyExcept(" \t\r\n"u8) < 0 ? JsonObjectStatus.Read : JsonObjectStatus.Malformed;

    /// <summary>The index of the first byte at or after <paramref name="i"/> that is not JSON whitespace (or the length).</summary>
    private static int SkipWhitespace(ReadOnlySpan<byte> json, int i)
    {
        // Compact bodies have no whitespace and indented ones short runs: a loop beats a vector search on both.
        while ((uint)i < (uint)json.Length && json[i] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Validates the string whose content starts at <paramref name="i"/> (after the opening quote) and returns the index
    /// of its closing quote, or <see cref="Fault"/> (unterminated, a control byte, a bad escape).
    /// </summary>
    private static int ScanString(ReadOnlySpan<byte> json, int i, out bool escaped)
    {
        escaped = false;
        while (true)
        {
            int run = (uint)i <= (uint)json.Length ? JsonStringStops.IndexOf(json[i..]) : -1;
            if (run < 0)
            {
                return Fault;
            }

            i += run;
            byte stop = json[i];
            if (stop == (byte)'"')
            {
                return i;
            }

            if (stop != (byte)'\\')
            {
                return Fault; // a raw control byte
            }

            escaped = true;
            int length = EscapeLength(json, i);
            if (length == Fault)
            {
                return Fault;
            }

            i += length;
        }
    }

    /// <summary>The length of the valid escape at <paramref name="i"/> (a backslash), or <see cref="Fault"/>.</summary>
    private static int EscapeLength(ReadOnlySpan<byte> json, int i)
    {
        if (i + 1 >= json.Length)
        {
            return Fault;
        }

        switch (json[i + 1])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return 2;
            case (byte)'u':
                // A lone surrogate escape is valid JSON for the reader (only its decoding is lossy).
                return i + 6 <= json.Length
                    && IsHex(json[i + 2]) && IsHex(json[i + 3]) && IsHex(json[i + 4]) && IsHex(json[i + 5]) ? 6 : Fault;
            default:
                return Fault;
        }
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    /// <summary>
    /// Skips the value starting at <paramref name="i"/> (inside <paramref name="depth"/> open containers) and returns
    /// the index after it, or <see cref="Fault"/>. Opening a container at depth <see cref="JsonLimits.MaxDepth"/> is a
    /// fault, as in the reader; so the recursion is at most that deep.
    /// </summary>
    private static int SkipValue(ReadOnlySpan<byte> json, int i, int depth)
    {
        if (i >= json.Length)
        {
            return Fault;
        }

        switch (json[i])
        {
            case (byte)'"':
                int end = ScanString(json, i + 1, out _);
                return end == Fault ? Fault : end + 1;
            case (byte)'{':
                return depth >= JsonLimits.MaxDepth ? Fault : SkipObject(json, i + 1, depth + 1);
            case (byte)'[':
                return depth >= JsonLimits.MaxDepth ? Fault : SkipArray(json, i + 1, depth + 1);
            case (byte)'t':
                return Literal(json, i, "true"u8);
            case (byte)'f':
                return Literal(json, i, "false"u8);
            case (byte)'n':
                return Literal(json, i, "null"u8);
            default:
                return SkipNumber(json, i);
        }
    }

    /// <summary>Skips the members of an object whose opening brace is just before <paramref name="i"/>.</summary>
    private static int SkipObject(ReadOnlySpan<byte> json, int i, int depth)
    {
        i = SkipWhitespace(json, i);
        if (i < json.Length && json[i] == (byte)'}')
        {
            return i + 1;
        }

        while (i < json.Length && json[i] == (byte)'"')
        {
            int nameEnd = ScanString(json, i + 1, out _);
            if (nameEnd == Fault)
            {
                return Fault;
            }

            i = SkipWhitespace(json, nameEnd + 1);
            if (i >= json.Length || json[i] != (byte)':')
            {
                return Fault;
            }

            i = SkipValue(json, SkipWhitespace(json, i + 1), depth);
            if (i == Fault)
            {
                return Fault;
            }

            i = SkipWhitespace(json, i);
            if (i >= json.Length)
            {
                return Fault;
            }

            if (json[i] == (byte)'}')
            {
                return i + 1;
            }

            if (json[i] != (byte)',')
            {
                return Fault;
            }

            i = SkipWhitespace(json, i + 1);
        }

        return Fault;
    }

    /// <summary>Skips the items of an array whose opening bracket is just before <paramref name="i"/>.</summary>
    private static int SkipArray(ReadOnlySpan<byte> json, int i, int depth)
    {
        i = SkipWhitespace(json, i);
        if (i < json.Length && json[i] == (byte)']')
        {
            return i + 1;
        }

        while (true)
        {
            i = SkipValue(json, i, depth);
            if (i == Fault)
            {
                return Fault;
            }

            i = SkipWhitespace(json, i);
            if (i >= json.Length)
            {
                return Fault;
            }

            if (json[i] == (byte)']')
            {
                return i + 1;
            }

            if (json[i] != (byte)',')
            {
                return Fault;
            }

            i = SkipWhitespace(json, i + 1);
        }
    }

    private static int Literal(ReadOnlySpan<byte> json, int i, ReadOnlySpan<byte> literal) =>
        json[i..].StartsWith(literal) ? i + literal.Length : Fault;

    /// <summary>
    /// Skips an RFC 8259 number (<c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>); what follows it is checked by
    /// the caller, which accepts only whitespace or a separator, as the reader does.
    /// </summary>
    private static int SkipNumber(ReadOnlySpan<byte> json, int i)
    {
        if (json[i] == (byte)'-')
        {
            i++;
        }

        if (i >= json.Length)
        {
            return Fault;
        }

        if (json[i] == (byte)'0')
        {
            i++;
        }
        else if (json[i] is >= (byte)'1' and <= (byte)'9')
        {
            i = Digits(json, i + 1);
        }
        else
        {
            return Fault;
        }

        if (i < json.Length && json[i] == (byte)'.')
        {
            int start = i + 1;
            if ((i = Digits(json, start)) == start)
            {
                return Fault;
            }
        }

        if (i < json.Length && json[i] is (byte)'e' or (byte)'E')
        {
            i++;
            if (i < json.Length && json[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            int start = i;
            if ((i = Digits(json, start)) == start)
            {
                return Fault;
            }
        }

        return i;
    }

    private static int Digits(ReadOnlySpan<byte> json, int i)
    {
        while (i < json.Length && char.IsAsciiDigit((char)json[i]))
        {
            i++;
        }

        return i;
    }
}
