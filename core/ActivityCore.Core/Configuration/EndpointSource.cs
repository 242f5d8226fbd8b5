namespace ActivityCore.Configuration;

/// <summary>Where a configured endpoint came from, in the order of precedence (<see cref="EndpointChoice.Choose"/>).</summary>
public enum EndpointSource
{
    /// <summary>The client's own option (<c>ActivityClientOptions.ServiceUrl</c>, the <c>ServiceUrl</c> key of the worker's section).</summary>
    Explicit,

    /// <summary><c>AWSOptions.DefaultClientConfig.ServiceURL</c> (the <c>"AWS"</c> section's <c>ServiceURL</c>).</summary>
    AwsOptions,

    /// <summary>The service-specific environment variable, <c>AWS_ENDPOINT_URL_SFN</c>.</summary>
    ServiceEnvironment,

    /// <summary>The global environment variable, <c>AWS_ENDPOINT_URL</c>.</summary>
    GlobalEnvironment,

    /// <summary>The profile's <c>endpoint_url</c>.</summary>
    Profile,
}
