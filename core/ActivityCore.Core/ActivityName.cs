using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// The name of an activity, 1..80 characters, as CreateActivity accepts it.
/// </summary>
/// <remarks>
/// The service refuses whitespace, brackets <c>&lt; &gt; { } [ ]</c>, wildcards <c>? *</c>, the characters
/// <c>" # % \ ^ | ~ ` $ &amp; , ; : /</c> and control characters (U+0000..U+001F, U+007F..U+009F)
/// (Step Functions API reference, CreateActivity). Not sensitive. Immutable and thread-safe.
/// </remarks>
public sealed class ActivityName : IEquatable<ActivityName>
{
    /// <summary>The longest name the service accepts (80).</summary>
    public const int MaxLength = 80;

    private ActivityName(string value) => Value = value;

    /// <summary>The name text.</summary>
    public string Value { get; }

    /// <summary>Validates an activity name.</summary>
    /// <param name="value">The name.</param>
    /// <returns>The name, or why it was refused.</returns>
    public static Either<ValidationError, ActivityName> Parse(string? value) =>
        Check(value) is { } error ? error : new ActivityName(value!);

    /// <summary>The rules of a name; null when <paramref name="value"/> is a valid name.</summary>
    internal static ValidationError? Check(string? value)
    {
        const string FieldName = nameof(ActivityName);
        var error = TextRules.CheckLength(FieldName, value, 1, MaxLength);
        if (error is not null || value is null)
        {
            return error;
        }

        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || "<>{}[]?*\"#%\\^|~`$&,;:/".Contains(c, StringComparison.Ordinal))
            {
                return new ValidationError(FieldName, ValidationFailure.InvalidCharacter,
                    $"has a character the service refuses at index {i}");
            }
        }

        return null;
    }

    /// <summary>Returns the name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Value;

    /// <inheritdoc/>
    public bool Equals(ActivityName? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ActivityName);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Value equality (ordinal), as <see cref="Equals(ActivityName)"/>.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(ActivityName? left, ActivityName? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality (ordinal).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ActivityName? left, ActivityName? right) => !(left == right);
}
