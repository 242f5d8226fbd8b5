using System;
using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActivityCore.Operations;

/// <summary>What every request writer shares: one JSON object written to a buffer.</summary>
internal static class Requests
{
    /// <summary>
    /// JSON over HTTP, never embedded in HTML: non-ASCII text is written as UTF-8 rather than <c>\uXXXX</c>,
    /// which keeps an output's size on the wire close to its UTF-8 size. Quotes, backslashes and control
    /// characters are still escaped, so the document is always valid JSON.
    /// </summary>
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Where the cached writer points between calls, so that it never keeps a caller's buffer alive.</summary>
    private static readonly ArrayBufferWriter<byte> Detached = new(1);

    /// <summary>One writer per thread, reset onto each output: a request costs no allocation.</summary>
    [ThreadStatic]
    private static Utf8JsonWriter? cachedWriter;

    /// <summary>Writes <c>{ ... }</c> with the given body writer to <paramref name="output"/>.</summary>
    public static void WriteObject<TState>(IBufferWriter<byte> output, TState state, Action<Utf8JsonWriter, TState> writeFields)
    {
        ArgumentNullException.ThrowIfNull(output);
        Utf8JsonWriter writer = cachedWriter ??= new Utf8JsonWriter(Detached, Options);
        cachedWriter = null; // a writer callback that writes another request gets a writer of its own
        writer.Reset(output);
        try
        {
            writer.WriteStartObject();
            writeFields(writer, state);
            writer.WriteEndObject();
            writer.Flush();
        }
        finally
        {
            writer.Reset(Detached);
            cachedWriter = writer;
        }
    }
}
