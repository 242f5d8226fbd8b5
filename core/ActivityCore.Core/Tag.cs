using System;
using System.Globalization;
using System.Text;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// A tag of an activity: a key of 1..128 characters and a value of 0..256 characters.
/// </summary>
/// <remarks>
/// Both may only contain Unicode letters, digits, white space (separators), and the symbols <c>_ . : / = + - @</c> (the service
/// model's <c>Tag</c>, <c>TagKey</c> and <c>TagValue</c> shapes in botocore's stepfunctions/2016-11-23/service-2.json);
/// a key may not start with <c>aws:</c> in any case, a prefix reserved for AWS (Step Functions quotas, "Tags").
/// Lengths count UTF-16 characters. Not sensitive. Immutable and thread-safe; equality is ordinal on key and value.
/// </remarks>
public sealed class Tag : IEquatable<Tag>
{
    /// <summary>The longest key (128).</summary>
    public const int MaxKeyLength = 128;

    /// <summary>The longest value (256).</summary>
    public const int MaxValueLength = 256;

    /// <summary>The prefix reserved for AWS's own tag keys.</summary>
    public const string ReservedPrefix = "aws:";

    private Tag(string key, string value)
    {
        Key = key;
        Value = value;
    }

    /// <summary>The key.</summary>
    public string Key { get; }

    /// <summary>The value (may be empty).</summary>
    public string Value { get; }

    /// <summary>Validates a tag.</summary>
    /// <param name="key">The key: 1..128 characters of the allowed set, not starting with <c>aws:</c>.</param>
    /// <param name="value">The value: 0..256 characters of the allowed set.</param>
    /// <returns>The tag, or why it was refused.</returns>
    public static Either<ValidationError, Tag> Create(string? key, string? value) =>
        (CheckKey(key) ?? CheckText("Tag.Value", value, 0, MaxValueLength)) is { } error ? error : new Tag(key!, value!);

    /// <summary>The rules of a key; null when <paramref name="key"/> is a valid key.</summary>
    internal static ValidationError? CheckKey(string? key)
    {
        const string FieldName = "Tag.Key";
        if (CheckText(FieldName, key, 1, MaxKeyLength) is { } error)
        {
            return error;
        }

        return key!.StartsWith(ReservedPrefix, StringComparison.OrdinalIgnoreCase)
            ? new ValidationError(FieldName, ValidationFailure.InvalidFormat, "must not start with the reserved prefix aws:")
            : null;
    }

    /// <summary>Length, UTF-16 validity, and the allowed characters.</summary>
    private static ValidationError? CheckText(string field, string? text, int min, int max)
    {
        if (TextRules.CheckLength(field, text, min, max) is { } error)
        {
            return error;
        }

        int index = IndexOfRefused(text!);
        return index < 0
            ? null
            : new ValidationError(field, ValidationFailure.InvalidCharacter, $"has a character tags may not contain at index {index} (allowed: letters, digits, white space, _ . : / = + - @)");
    }

    /// <summary>
    /// The index of the first character outside the tagging pattern <c>[\p{L}\p{Z}\p{N}_.:/=+\-@]</c> (letters,
    /// separators, numbers, and the seven symbols), or -1.
    /// </summary>
    internal static int IndexOfRefused(string text)
    {
        int index = 0;
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (!IsAllowed(rune))
            {
                return index;
            }

            index += rune.Utf16SequenceLength;
        }

        return -1;
    }

    private static bool IsAllowed(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => rune.Value is '_' or '.' or ':' or '/' or '=' or '+' or '-' or '@',
    };

    /// <summary>Returns <c>key=value</c>.</summary>
    /// <returns>The tag as text.</returns>
    public override string ToString() => Key + "=" + Value;

    /// <inheritdoc/>
    public bool Equals(Tag? other) =>
        other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal) && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Tag);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Key), StringComparer.Ordinal.GetHashCode(Value));

    /// <summary>Value equality (ordinal).</summary>
    /// <param name="left">A tag.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(Tag? left, Tag? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality (ordinal).</summary>
    /// <param name="left">A tag.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(Tag? left, Tag? right) => !(left == right);
}
