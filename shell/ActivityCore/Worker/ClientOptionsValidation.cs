using Microsoft.Extensions.Options;

namespace ActivityCore.Worker;

/// <summary>Validates named <see cref="ActivityClientOptions"/> with the client's own checks (<see cref="ClientSettings.From"/>).</summary>
internal sealed class ClientOptionsValidation : IValidateOptions<ActivityClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ActivityClientOptions options) =>
        ClientSettings.From(options).Match(
            Right: static _ => ValidateOptionsResult.Success,
            Left: static e => ValidateOptionsResult.Fail(e.ToString()));
}
