using System;
using LanguageExt;

namespace ActivityCore.Configuration;

/// <summary>
/// The places an endpoint URL may be configured, as read by the host (the core reads no environment and no file): each
/// is none when it is not set. A blank text counts as not set. Immutable.
/// </summary>
public sealed record EndpointSources
{
    /// <summary>The client's own service URL. Default none.</summary>
    public Option<Uri> Explicit { get; init; }

    /// <summary><c>AWSOptions.DefaultClientConfig.ServiceURL</c>. Default none.</summary>
    public Option<string> AwsOptions { get; init; }

    /// <summary>The value of <c>AWS_ENDPOINT_URL_SFN</c>. Default none.</summary>
    public Option<string> ServiceEnvironment { get; init; }

    /// <summary>The value of <c>AWS_ENDPOINT_URL</c>. Default none.</summary>
    public Option<string> GlobalEnvironment { get; init; }

    /// <summary>The profile's <c>endpoint_url</c>. Default none.</summary>
    public Option<string> Profile { get; init; }

    /// <summary><c>AWSOptions.DefaultClientConfig.IgnoreConfiguredEndpointUrls</c>. Default none.</summary>
    public Option<bool> IgnoreConfigured { get; init; }

    /// <summary>The value of <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c>. Default none.</summary>
    public Option<string> IgnoreConfiguredEnvironment { get; init; }

    /// <summary>The profile's <c>ignore_configured_endpoint_urls</c>. Default none.</summary>
    public Option<bool> IgnoreConfiguredProfile { get; init; }
}
