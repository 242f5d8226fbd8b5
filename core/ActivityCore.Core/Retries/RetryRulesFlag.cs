using System;

namespace ActivityCore.Retries;

/// <summary>
/// The AWS SDKs' opt-in flag of the 2026 retry rules: the environment variable <see cref="EnvironmentVariable"/> set to
/// <c>true</c>. Pure: the caller reads the environment (the client does, once per <c>ActivityClientOptions</c>).
/// </summary>
public static class RetryRulesFlag
{
    /// <summary>The environment variable: <c>AWS_NEW_RETRIES_2026</c>.</summary>
    public const string EnvironmentVariable = "AWS_NEW_RETRIES_2026";

    /// <summary>
    /// The rules the flag's value selects: <see cref="RetryRules.Standard2026"/> for <c>true</c> (any case, surrounding
    /// blanks ignored), <see cref="RetryRules.Standard"/> for anything else, an absent variable included.
    /// </summary>
    /// <param name="value">The variable's value, or null when it is not set.</param>
    /// <returns>The rules.</returns>
    public static RetryRules Parse(string? value) =>
        value is not null && value.AsSpan().Trim().Equals("true", StringComparison.OrdinalIgnoreCase)
            ? RetryRules.Standard2026
            : RetryRules.Standard;
}
