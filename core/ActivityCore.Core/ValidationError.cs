namespace ActivityCore;

/// <summary>Why a value was refused by a <c>Parse</c> or <c>Create</c> method.</summary>
public enum ValidationFailure
{
    /// <summary>The value was null.</summary>
    Missing,

    /// <summary>The value is shorter than the service allows (for most values: empty).</summary>
    TooShort,

    /// <summary>The value is longer than the service allows.</summary>
    TooLong,

    /// <summary>The value contains a character the service refuses, or invalid UTF-16 (a lone surrogate).</summary>
    InvalidCharacter,

    /// <summary>The value does not have the required shape (an ARN that is not an activity ARN, text that is not JSON).</summary>
    InvalidFormat,

    /// <summary>A number is outside its allowed range.</summary>
    OutOfRange,

    /// <summary>The value contradicts another one (a configured region that is not the activity ARN's region).</summary>
    Conflict,
}

/// <summary>
/// A value refused by validation: which value, why, and a message safe to log.
/// </summary>
/// <remarks>
/// The message never contains the refused value itself when that value is sensitive
/// (task tokens, inputs, outputs, failure causes): it only names the rule that was broken.
/// Immutable and thread-safe.
/// </remarks>
/// <param name="Field">The name of the value being validated, e.g. <c>"TaskToken"</c>.</param>
/// <param name="Failure">The rule that was broken.</param>
/// <param name="Message">A human-readable explanation that never repeats a sensitive value.</param>
public sealed record ValidationError(string Field, ValidationFailure Failure, string Message)
{
    /// <summary>Returns <c>"{Field}: {Message}"</c>.</summary>
    /// <returns>The field name and the message.</returns>
    public override string ToString() => $"{Field}: {Message}";
}
