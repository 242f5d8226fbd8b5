using System;

namespace ActivityCore.Worker;

/// <summary>
/// Thrown by the hosting integration (<see cref="ActivityWorkerServiceCollectionExtensions.AddActivityWorker(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration, Func{IServiceProvider, Func{ActivityTask, System.Threading.CancellationToken, System.Threading.Tasks.Task{LanguageExt.Either{TaskFailure, TaskOutput}}}}, Action{ActivityWorkerOptions}?, Action{ActivityClientOptions}?)"/>)
/// when the configuration holds a value out of range: dependency injection cannot answer a value, so the typed
/// <see cref="ValidationError"/> travels in this exception. Elsewhere the API answers <see cref="ValidationError"/> values.
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
