using System;
using System.Text.Json;

namespace ActivityCore.Parsing;

/// <summary>What every JSON body reader of the core shares: reader options and the start of the text.</summary>
internal static class JsonBody
{
    /// <summary>Strict RFC 8259 reading (no comments, no trailing commas), nesting bounded by <see cref="JsonLimits.MaxDepth"/>.</summary>
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = JsonLimits.MaxDepth };

    /// <summary>Skips a UTF-8 byte order mark and JSON whitespace.</summary>
    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        return body.TrimStart(" \t\r\n"u8);
    }
}

/// <summary>The top-level fields the core's readers look for, recognised on UTF-8 bytes.</summary>
internal enum JsonField
{
    Other,
    Type,
    Code,
    Message,
    KmsKeyState,
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
    /// <summary>The field named by the reader's current PropertyName token (escaped names are compared unescaped, without allocating).</summary>
    public static JsonField Of(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("__type"u8))
        {
            return JsonField.Type;
        }

        if (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8))
        {
            return JsonField.Message;
        }

        if (reader.ValueTextEquals("code"u8))
        {
            return JsonField.Code;
        }

        if (reader.ValueTextEquals("taskToken"u8))
        {
            return JsonField.TaskToken;
        }

        if (reader.ValueTextEquals("input"u8))
        {
            return JsonField.Input;
        }

        if (reader.ValueTextEquals("activityArn"u8))
        {
            return JsonField.ActivityArn;
        }

        if (reader.ValueTextEquals("name"u8))
        {
            return JsonField.Name;
        }

        if (reader.ValueTextEquals("creationDate"u8))
        {
            return JsonField.CreationDate;
        }

        if (reader.ValueTextEquals("activities"u8))
        {
            return JsonField.Activities;
        }

        if (reader.ValueTextEquals("nextToken"u8))
        {
            return JsonField.NextToken;
        }

        return reader.ValueTextEquals("kmsKeyState"u8) ? JsonField.KmsKeyState : JsonField.Other;
    }
}
