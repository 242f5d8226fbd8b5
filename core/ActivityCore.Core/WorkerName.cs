using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// The name a worker gives in GetActivityTask (shown in the execution history), 1..80 characters.
/// </summary>
/// <remarks>Not sensitive. Immutable and thread-safe; equality is ordinal.</remarks>
public sealed class WorkerName : IEquatable<WorkerName>
{
    /// <summary>The longest worker name the service accepts (80).</summary>
    public const int MaxLength = 80;

    private WorkerName(string value) => Value = value;

    /// <summary>The name text.</summary>
    public string Value { get; }

    /// <summary>Validates a worker name: 1..80 characters, no lone surrogate.</summary>
    /// <param name="value">The name.</param>
    /// <returns>The name, or why it was refused.</returns>
    public static Either<ValidationError, WorkerName> Parse(string? value) =>
        TextRules.CheckLength(nameof(WorkerName), value, 1, MaxLength) is { } error ? error : new WorkerName(value!);

    /// <summary>Returns the name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Value;

    /// <inheritdoc/>
    public bool Equals(WorkerName? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as WorkerName);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Value equality (ordinal), as <see cref="Equals(WorkerName)"/>.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(WorkerName? left, WorkerName? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality (ordinal).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(WorkerName? left, WorkerName? right) => !(left == right);
}
