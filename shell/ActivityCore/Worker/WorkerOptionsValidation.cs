using Microsoft.Extensions.Options;

namespace ActivityCore.Worker;

/// <summary>Validates named <see cref="ActivityWorkerOptions"/> with the worker's own checks (<see cref="WorkerSettings.From"/>).</summary>
internal sealed class WorkerOptionsValidation : IValidateOptions<ActivityWorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, ActivityWorkerOptions options) =>
        WorkerSettings.From(options).Match(
            Right: static _ => ValidateOptionsResult.Success,
            Left: static e => ValidateOptionsResult.Fail(e.ToString()));
}
