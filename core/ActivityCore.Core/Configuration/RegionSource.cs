namespace ActivityCore.Configuration;

/// <summary>Where the region of a client came from, in the order of precedence (<see cref="RegionChoice.Choose"/>).</summary>
public enum RegionSource
{
    /// <summary>The client's own option (<c>ActivityClientOptions.Region</c>, the <c>Region</c> key of the worker's section).</summary>
    Explicit,

    /// <summary><c>AWSOptions.Region</c>: the standard <c>"AWS"</c> configuration section, or the options given to <c>AddDefaultAWSOptions</c>.</summary>
    AwsOptions,

    /// <summary>The <c>AWS_REGION</c> environment variable.</summary>
    Environment,

    /// <summary>The <c>AWS_DEFAULT_REGION</c> environment variable.</summary>
    DefaultEnvironment,

    /// <summary>The <c>region</c> of the shared config/credentials profile.</summary>
    Profile,

    /// <summary>The activity ARN's own region (when no explicit region is set and no default agrees with it).</summary>
    ActivityArn,
}
