using System;
using ActivityCore.Retries;

namespace ActivityCore;

/// <summary>
/// The default of <see cref="ActivityClientOptions.RetryRules"/>: the AWS SDKs' opt-in flag <c>AWS_NEW_RETRIES_2026</c>
/// read from the process environment (<see cref="RetryRulesFlag.Parse"/>), as the SDKs read it. The one place the library
/// reads the environment (exempt from the banned-API rule in .editorconfig); a caller that wants other rules sets the option.
/// </summary>
internal static class DefaultRetryRules
{
    /// <summary>The rules the environment selects now.</summary>
    public static RetryRules FromEnvironment() =>
        RetryRulesFlag.Parse(Environment.GetEnvironmentVariable(RetryRulesFlag.EnvironmentVariable));
}
