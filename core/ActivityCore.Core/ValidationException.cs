using System;

namespace ActivityCore;

/// <summary>
/// A value refused by validation, as an exception: thrown only by <see cref="ValidationExtensions.OrThrow{T}"/>, when
/// the caller asks for one (a host's start-up, a script). Its message is the error's, which never repeats a sensitive value.
/// </summary>
public sealed class ValidationException : Exception
{
    /// <summary>An exception for a validation error.</summary>
    /// <param name="error">The error.</param>
    public ValidationException(ValidationError error)
        : base((error ?? throw new ArgumentNullException(nameof(error))).ToString()) => Error = error;

    /// <summary>An exception with a message only (for serializers and tools; <see cref="Error"/> is then a generic one).</summary>
    public ValidationException()
        : this(new ValidationError("value", ValidationFailure.InvalidFormat, "invalid"))
    {
    }

    /// <summary>An exception with a message (<see cref="Error"/> then carries it).</summary>
    /// <param name="message">The message.</param>
    public ValidationException(string message)
        : this(message, null)
    {
    }

    /// <summary>An exception with a message and an inner exception (<see cref="Error"/> then carries the message).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public ValidationException(string message, Exception? innerException)
        : base(message, innerException) => Error = new ValidationError("value", ValidationFailure.InvalidFormat, message ?? string.Empty);

    /// <summary>The validation error: which value, which rule, a message safe to log.</summary>
    public ValidationError Error { get; }
}
