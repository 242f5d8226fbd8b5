using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// The JSON output a worker reports with SendTaskSuccess: one well-formed JSON value of at most
/// 262,144 UTF-8 bytes (the service's limit; larger output is refused here rather than by the service's
/// <c>InvalidOutput</c>). Sensitive.
/// </summary>
/// <remarks><see cref="ToString"/> never prints the JSON. Immutable and thread-safe; equality is ordinal.</remarks>
public sealed class TaskOutput : IEquatable<TaskOutput>
{
    /// <summary>The most UTF-8 bytes an output can have (262,144).</summary>
    public const int MaxUtf8Bytes = 262_144;

    private TaskOutput(string json, int utf8Length)
    {
        Json = json;
        Utf8Length = utf8Length;
    }

    /// <summary>The JSON text. Sensitive: do not log it.</summary>
    public string Json { get; }

    /// <summary>The length of <see cref="Json"/> in UTF-8 bytes.</summary>
    public int Utf8Length { get; }

    /// <summary>Validates an output: well-formed JSON, no lone surrogate, at most 262,144 UTF-8 bytes.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The output, or why it was refused (the message never repeats the text).</returns>
    public static Either<ValidationError, TaskOutput> Parse(string? json)
    {
        const string FieldName = nameof(TaskOutput);
        if (TextRules.CheckLength(FieldName, json, 1, MaxUtf8Bytes) is { } error)
        {
            return error;
        }

        return TextRules.CheckJson(FieldName, json!, MaxUtf8Bytes, out byte[] utf8) is { } jsonError ? jsonError : new TaskOutput(json!, utf8.Length);
    }


    /// <summary>Returns <c>TaskOutput(redacted, N chars, #fingerprint)</c>, never the JSON.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => Redaction.Describe(nameof(TaskOutput), Json);

    /// <inheritdoc/>
    public bool Equals(TaskOutput? other) => other is not null && string.Equals(Json, other.Json, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TaskOutput);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Json);

    /// <summary>Value equality (ordinal), as <see cref="Equals(TaskOutput)"/>.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(TaskOutput? left, TaskOutput? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality (ordinal).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TaskOutput? left, TaskOutput? right) => !(left == right);
}
