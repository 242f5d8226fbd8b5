using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// The token that identifies one dispatched task; quoted back in SendTaskSuccess, SendTaskFailure and
/// SendTaskHeartbeat. 1..2048 characters. Sensitive: whoever holds it can complete the task.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> prints only the length and an 8-hex-digit fingerprint, never the token.
/// Use <see cref="Reveal"/> to get the text (for the wire). Immutable and thread-safe; equality is ordinal.
/// </remarks>
public sealed class TaskToken : IEquatable<TaskToken>
{
    /// <summary>The longest token the service issues (2048).</summary>
    public const int MaxLength = 2048;

    private readonly string value;

    private TaskToken(string value) => this.value = value;

    /// <summary>Validates a token: 1..2048 characters, no lone surrogate.</summary>
    /// <param name="value">The token text.</param>
    /// <returns>The token, or why it was refused (the message never repeats the token).</returns>
    public static Either<ValidationError, TaskToken> Parse(string? value) =>
        TextRules.CheckLength(nameof(TaskToken), value, 1, MaxLength) is { } error ? error : new TaskToken(value!);

    /// <summary>
    /// A token read from a service answer: the length is checked, UTF-16 validity is not (text decoded from UTF-8 has
    /// no lone surrogate). Null when the length is out of 1..2048.
    /// </summary>
    internal static TaskToken? FromService(string value) => value.Length is >= 1 and <= MaxLength ? new TaskToken(value) : null;

    /// <summary>The token text, for the wire. Do not log it.</summary>
    /// <returns>The token.</returns>
    public string Reveal() => value;

    /// <summary>The token's length in characters.</summary>
    public int Length => value.Length;

    /// <summary>An 8-hex-digit fingerprint of the token, safe to log, to correlate calls for the same task.</summary>
    public string Fingerprint => Redaction.Fingerprint(value);

    /// <summary>Returns <c>TaskToken(redacted, N chars, #fingerprint)</c>, never the token.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => Redaction.Describe(nameof(TaskToken), value);

    /// <inheritdoc/>
    public bool Equals(TaskToken? other) => other is not null && string.Equals(value, other.value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TaskToken);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(value);

    /// <summary>Value equality (ordinal), as <see cref="Equals(TaskToken)"/>.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(TaskToken? left, TaskToken? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality (ordinal).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TaskToken? left, TaskToken? right) => !(left == right);
}
