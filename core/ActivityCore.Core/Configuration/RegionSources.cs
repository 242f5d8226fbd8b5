using LanguageExt;

namespace ActivityCore.Configuration;

/// <summary>
/// The places a region may be configured, as read by the host (the core reads no environment and no file): each is
/// none when it is not set. A blank text counts as not set, as the AWS SDKs read an empty variable. Immutable.
/// </summary>
public sealed record RegionSources
{
    /// <summary>The client's own option. Default none.</summary>
    public Option<string> Explicit { get; init; }

    /// <summary><c>AWSOptions.Region</c> (the <c>"AWS"</c> section). Default none.</summary>
    public Option<string> AwsOptions { get; init; }

    /// <summary>The value of <c>AWS_REGION</c>. Default none.</summary>
    public Option<string> Environment { get; init; }

    /// <summary>The value of <c>AWS_DEFAULT_REGION</c>. Default none.</summary>
    public Option<string> DefaultEnvironment { get; init; }

    /// <summary>The profile's <c>region</c>. Default none.</summary>
    public Option<string> Profile { get; init; }

    /// <summary>The activity the worker polls: its region is the client's, an explicit one must match it and the others give way to it. Default none.</summary>
    public Option<ActivityArn> ActivityArn { get; init; }
}
