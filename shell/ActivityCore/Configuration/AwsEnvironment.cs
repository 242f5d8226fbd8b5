using System;
using System.Collections.Generic;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Configuration;

/// <summary>
/// The environment variables the AWS configuration conventions read (<c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>,
/// <c>AWS_PROFILE</c>, <c>AWS_ENDPOINT_URL_SFN</c>, <c>AWS_ENDPOINT_URL</c>, <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c>),
/// behind a function: <see cref="Process"/> reads the process's, tests pass their own. Register one in the container
/// to replace the process's for <c>AddActivityWorker</c>. Immutable; thread-safe if its function is.
/// </summary>
public sealed partial class AwsEnvironment
{
    private readonly Func<string, string?> read;

    /// <summary>Creates an environment that answers through <paramref name="read"/> (null for a variable not set).</summary>
    /// <param name="read">Reads one variable by name.</param>
    public AwsEnvironment(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        this.read = read;
    }

    /// <summary>An environment holding exactly <paramref name="variables"/> (names are case-sensitive, as on Linux).</summary>
    /// <param name="variables">The variables.</param>
    /// <returns>The environment.</returns>
    public static AwsEnvironment From(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return new AwsEnvironment(name => variables.TryGetValue(name, out string? value) ? value : null);
    }

    /// <summary>Reads a variable.</summary>
    /// <param name="name">Its name, e.g. <c>AWS_REGION</c>.</param>
    /// <returns>Its value, or none when it is not set.</returns>
    public Option<string> Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Optional(read(name));
    }
}
