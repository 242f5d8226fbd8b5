using System;

namespace ActivityCore.Worker;

/// <summary>
/// Carries a <see cref="ValidationError"/> where an API cannot answer a value. The hosting integration
/// (<c>AddActivityWorker</c>) validates its options with the options pattern first (an
/// <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> at start), so it throws this only if a worker
/// or client refuses options that passed that validation. Elsewhere the API answers <see cref="ValidationError"/> values.
/// </summary>
public sealed class ActivityWorkerConfigurationException : Exception
{
    /// <summary>Creates the exception for a validation error.</summary>
    /// <param name="error">The first value out of range.</param>
    public ActivityWorkerConfigurationException(ValidationError error)
        : base($"Activity worker configuration: {error}")
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>Creates the exception with a message (for serializers and tools).</summary>
    public ActivityWorkerConfigurationException()
        : this(new ValidationError("(unknown)", ValidationFailure.InvalidFormat, "invalid configuration"))
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ActivityWorkerConfigurationException(string message)
        : this(new ValidationError("(unknown)", ValidationFailure.InvalidFormat, message))
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ActivityWorkerConfigurationException(string message, Exception innerException)
        : base(message, innerException) =>
        Error = new ValidationError("(unknown)", ValidationFailure.InvalidFormat, message);

    /// <summary>The first value out of range.</summary>
    public ValidationError Error { get; }
}
