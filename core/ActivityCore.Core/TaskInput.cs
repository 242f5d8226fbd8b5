using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// The JSON input of a task, as GetActivityTask delivers it. Sensitive.
/// </summary>
/// <remarks>
/// <see cref="Parse"/> checks up to 1,048,576 characters (the most a poll can carry; we never cap what we
/// receive below it) and that the text is one well-formed JSON value. Input read from a service response
/// is not re-parsed (the JSON is the caller's to deserialize); when the response has no <c>input</c>
/// field, or <c>"input": null</c>, the input is the JSON text <c>null</c>.
/// <see cref="ToString"/> never prints the JSON. Immutable and thread-safe; equality is ordinal.
/// </remarks>
public sealed class TaskInput : IEquatable<TaskInput>
{
    /// <summary>The most characters an input can have (1,048,576).</summary>
    public const int MaxLength = 1_048_576;

    /// <summary>The input of a task whose response carried none: the JSON text <c>null</c>.</summary>
    public static readonly TaskInput Null = new("null");

    private TaskInput(string json) => Json = json;

    /// <summary>The JSON text. Sensitive: do not log it.</summary>
    public string Json { get; }

    /// <summary>Validates an input: at most 1,048,576 characters of well-formed JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The input, or why it was refused (the message never repeats the text).</returns>
    public static Either<ValidationError, TaskInput> Parse(string? json)
    {
        const string FieldName = nameof(TaskInput);
        if (TextRules.CheckLength(FieldName, json, 1, MaxLength) is { } error)
        {
            return error;
        }

        return TextRules.CheckJson(FieldName, json!, int.MaxValue, out _) is { } jsonError ? jsonError : new TaskInput(json!);
    }


    /// <summary>Wraps input read from a service response (not re-parsed, see remarks).</summary>
    internal static TaskInput FromService(string json) => new(json);

    /// <summary>Returns <c>TaskInput(redacted, N chars, #fingerprint)</c>, never the JSON.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => Redaction.Describe(nameof(TaskInput), Json);

    /// <inheritdoc/>
    public bool Equals(TaskInput? other) => other is not null && string.Equals(Json, other.Json, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TaskInput);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Json);

    /// <summary>Value equality (ordinal), as <see cref="Equals(TaskInput)"/>.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(TaskInput? left, TaskInput? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality (ordinal).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TaskInput? left, TaskInput? right) => !(left == right);
}
