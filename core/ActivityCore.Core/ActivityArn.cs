using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// The ARN of a Step Functions activity: <c>arn:&lt;partition&gt;:states:&lt;region&gt;:&lt;account&gt;:activity:&lt;name&gt;</c>,
/// 1..256 characters, the name 1..80 characters.
/// </summary>
/// <remarks>
/// The service model gives only the length; the shape check accepts any partition (<c>aws</c>, <c>aws-cn</c>,
/// <c>aws-us-gov</c>, ...) and any non-empty region and account, so that local endpoints work too.
/// Not sensitive: <see cref="ToString"/> prints the ARN. Immutable and thread-safe; equality is ordinal on the text.
/// </remarks>
public sealed class ActivityArn : IEquatable<ActivityArn>
{
    /// <summary>The longest ARN the service accepts (256).</summary>
    public const int MaxLength = 256;

    private ActivityArn(string value, string partition, string region, string account, string name)
    {
        Value = value;
        Partition = partition;
        Region = region;
        Account = account;
        Name = name;
    }

    /// <summary>The ARN text.</summary>
    public string Value { get; }

    /// <summary>The partition, e.g. <c>aws</c>.</summary>
    public string Partition { get; }

    /// <summary>The region, e.g. <c>us-east-1</c>.</summary>
    public string Region { get; }

    /// <summary>The account id.</summary>
    public string Account { get; }

    /// <summary>The activity name (the part after <c>:activity:</c>).</summary>
    public string Name { get; }

    /// <summary>Validates an activity ARN.</summary>
    /// <param name="value">The ARN text.</param>
    /// <returns>The ARN, or why it was refused.</returns>
    public static Either<ValidationError, ActivityArn> Parse(string? value)
    {
        const string FieldName = nameof(ActivityArn);
        if (TextRules.CheckLength(FieldName, value, 1, MaxLength) is { } lengthError)
        {
            return lengthError;
        }

        // arn : partition : states : region : account : activity : name  (the name itself has no ':')
        string[] parts = value!.Split(':');
        if (parts.Length != 7 || parts[0] != "arn" || parts[2] != "states" || parts[5] != "activity"
            || parts[1].Length == 0 || parts[3].Length == 0 || parts[4].Length == 0)
        {
            return Left(new ValidationError(FieldName, ValidationFailure.InvalidFormat,
                "must have the shape arn:<partition>:states:<region>:<account>:activity:<name>"));
        }

        return ActivityName.Check(parts[6]) is { } nameError
            ? nameError with { Field = FieldName, Message = "activity name " + nameError.Message }
            : new ActivityArn(value, parts[1], parts[3], parts[4], parts[6]);
    }

    /// <summary>Returns the ARN text.</summary>
    /// <returns>The ARN.</returns>
    public override string ToString() => Value;

    /// <inheritdoc/>
    public bool Equals(ActivityArn? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ActivityArn);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Value equality (ordinal), as <see cref="Equals(ActivityArn)"/>.</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(ActivityArn? left, ActivityArn? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality (ordinal).</summary>
    /// <param name="left">A value.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ActivityArn? left, ActivityArn? right) => !(left == right);
}
