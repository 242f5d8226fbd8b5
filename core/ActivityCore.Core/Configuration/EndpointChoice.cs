using System;
using System.Linq;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Configuration;

/// <summary>
/// A configured endpoint URL and where it came from. The rules are the AWS SDKs' "service-specific endpoints"
/// (AWS SDKs and Tools Reference Guide, https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html):
/// an endpoint given in code always wins; then <c>AWS_ENDPOINT_URL_&lt;SERVICE&gt;</c>, then <c>AWS_ENDPOINT_URL</c>,
/// then the profile's <c>endpoint_url</c>; <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true</c> (or the profile's
/// <c>ignore_configured_endpoint_urls</c>) turns the environment and profile ones off. Step Functions' service id is
/// <c>SFN</c> (https://docs.aws.amazon.com/sdkref/latest/guide/ss-endpoints-table.html), hence <c>AWS_ENDPOINT_URL_SFN</c>.
/// </summary>
/// <param name="Url">The endpoint (checked later with the rest of the client's options: http or https, no query).</param>
/// <param name="Source">Where it came from.</param>
public sealed record EndpointChoice(Uri Url, EndpointSource Source)
{
    /// <summary>Step Functions' service id in the AWS SDKs: <c>SFN</c>.</summary>
    public const string ServiceId = "SFN";

    /// <summary>The service-specific variable: <c>AWS_ENDPOINT_URL_SFN</c>.</summary>
    public const string ServiceVariable = "AWS_ENDPOINT_URL_" + ServiceId;

    /// <summary>The global variable: <c>AWS_ENDPOINT_URL</c>.</summary>
    public const string GlobalVariable = "AWS_ENDPOINT_URL";

    /// <summary>The variable that turns the environment's and the profile's endpoints off: <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c>.</summary>
    public const string IgnoreVariable = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

    /// <summary>
    /// Chooses the configured endpoint: the first set of <see cref="EndpointSources.Explicit"/>,
    /// <see cref="EndpointSources.AwsOptions"/> (both given in code or the application's configuration: always used),
    /// <see cref="EndpointSources.ServiceEnvironment"/>, <see cref="EndpointSources.GlobalEnvironment"/>,
    /// <see cref="EndpointSources.Profile"/> (these three skipped when <see cref="IgnoresConfigured"/>). None: the
    /// partition's default endpoint (<see cref="Endpoints.Resolve"/>). A chosen text that is not an absolute http or https URL is a
    /// <see cref="ValidationError"/> naming its source. Pure and total.
    /// </summary>
    /// <param name="sources">What is configured.</param>
    /// <returns>The endpoint, none for the default, or why the chosen text is no URL.</returns>
    public static Either<ValidationError, Option<EndpointChoice>> Choose(EndpointSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return sources.Explicit.Match(
            Some: static url => Right<ValidationError, Option<EndpointChoice>>(Some(new EndpointChoice(url, EndpointSource.Explicit))),
            None: () => Configured(sources));
    }

    /// <summary>
    /// Whether the environment's and the profile's endpoints are ignored: <see cref="EndpointSources.IgnoreConfigured"/>
    /// if set, else <c>AWS_IGNORE_CONFIGURED_ENDPOINT_URLS</c> if it reads <c>true</c> or <c>false</c> (any case), else
    /// the profile's setting, else false.
    /// </summary>
    /// <param name="sources">What is configured.</param>
    /// <returns>True to ignore them.</returns>
    public static bool IgnoresConfigured(EndpointSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var environment = sources.IgnoreConfiguredEnvironment
            .Bind(static t => bool.TryParse(t.Trim(), out bool value) ? Some(value) : None);
        return (sources.IgnoreConfigured | environment | sources.IgnoreConfiguredProfile).IfNone(false);
    }

    private static Either<ValidationError, Option<EndpointChoice>> Configured(EndpointSources sources)
    {
        bool ignore = IgnoresConfigured(sources);
        var texts = new[]
        {
            (Text: sources.AwsOptions, Source: EndpointSource.AwsOptions),
            (Text: ignore ? None : sources.ServiceEnvironment, Source: EndpointSource.ServiceEnvironment),
            (Text: ignore ? None : sources.GlobalEnvironment, Source: EndpointSource.GlobalEnvironment),
            (Text: ignore ? None : sources.Profile, Source: EndpointSource.Profile),
        };
        return texts
            .Select(static c => c.Text.Map(static t => t.Trim()).Filter(static t => t.Length > 0).Map(t => (Text: t, c.Source)))
            .Somes()
            .HeadOrNone()
            .Match(
                Some: static c => Uri.TryCreate(c.Text, UriKind.Absolute, out var url)
                    && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.Host.Length > 0
                    ? Right<ValidationError, Option<EndpointChoice>>(Some(new EndpointChoice(url, c.Source)))
                    : Left<ValidationError, Option<EndpointChoice>>(new ValidationError(
                        Describe(c.Source), ValidationFailure.InvalidFormat, "must be an absolute http or https URL with a host (e.g. http://127.0.0.1:8083)")),
                None: static () => Right<ValidationError, Option<EndpointChoice>>(None));
    }

    /// <summary>How a source is named in messages: the option, the variable or the file setting.</summary>
    /// <param name="source">The source.</param>
    /// <returns>Its name, e.g. <c>AWS_ENDPOINT_URL_SFN</c>.</returns>
    public static string Describe(EndpointSource source) => source switch
    {
        EndpointSource.Explicit => "ServiceUrl",
        EndpointSource.AwsOptions => "AWSOptions.DefaultClientConfig.ServiceURL",
        EndpointSource.ServiceEnvironment => ServiceVariable,
        EndpointSource.GlobalEnvironment => GlobalVariable,
        EndpointSource.Profile => "the profile's endpoint_url",
        _ => source.ToString(),
    };
}
