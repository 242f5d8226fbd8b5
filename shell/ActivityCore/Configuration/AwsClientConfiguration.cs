using System;
using Amazon.Extensions.NETCore.Setup;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Configuration;

/// <summary>
/// Fills an <see cref="ActivityClientOptions"/> the way the AWS SDKs configure a client, from <see cref="AWSOptions"/>
/// (the standard <c>"AWS"</c> configuration section, or <c>services.AddDefaultAWSOptions(...)</c>), the environment and
/// the shared profile (<c>AWS_PROFILE</c> or <see cref="AWSOptions.Profile"/>, in <see cref="AWSOptions.ProfilesLocation"/>
/// or the SDK's default files). The decisions are the core's pure <see cref="RegionChoice.Choose"/> and
/// <see cref="EndpointChoice.Choose"/>; this class only reads their inputs. <c>AddActivityWorker</c> calls it;
/// <see cref="ActivityClient.Create"/> alone reads nothing but its options.
/// </summary>
public static class AwsClientConfiguration
{
    /// <summary>
    /// Sets <see cref="ActivityClientOptions.Region"/> (explicit &gt; <see cref="AWSOptions.Region"/> &gt; <c>AWS_REGION</c>
    /// &gt; <c>AWS_DEFAULT_REGION</c> &gt; the profile's &gt; the activity ARN's; with an ARN, an explicit region must be
    /// its region and the others give way to it, logged at Information to <see cref="ActivityClientOptions.Logger"/>),
    /// <see cref="ActivityClientOptions.ServiceUrl"/>
    /// (explicit &gt; <c>AWSOptions.DefaultClientConfig.ServiceURL</c> &gt; <c>AWS_ENDPOINT_URL_SFN</c> &gt; <c>AWS_ENDPOINT_URL</c>
    /// &gt; the profile's <c>endpoint_url</c>; none keeps the partition's endpoint), FIPS and dual-stack when
    /// <c>DefaultClientConfig</c> asks for them, and, when the options have no credentials, <see cref="AWSOptions.Credentials"/>
    /// or the named profile's (else the client's default chain).
    /// </summary>
    /// <param name="options">The options to fill (their own values win).</param>
    /// <param name="awsOptions">The application's <see cref="AWSOptions"/>, if any.</param>
    /// <param name="environment">The environment (<see cref="AwsEnvironment.Process"/> outside tests).</param>
    /// <param name="activityArn">The activity the client will poll, if known: its region is the client's unless the explicit one conflicts.</param>
    /// <returns>The options, or the first conflict or unreadable value (an explicit region that is not the ARN's, an endpoint that is no URL).</returns>
    public static Either<ValidationError, ActivityClientOptions> Apply(
        ActivityClientOptions options, Option<AWSOptions> awsOptions, AwsEnvironment environment, Option<ActivityArn> activityArn)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var profileName = awsOptions.Bind(static a => Optional(a.Profile)) | environment.Get(AwsProfile.ProfileVariable);
        var profile = AwsProfile.Read(profileName, awsOptions.Bind(static a => Optional(a.ProfilesLocation)));
        var clientConfig = awsOptions.Bind(static a => Optional(a.DefaultClientConfig));
        var regionSources = new RegionSources
        {
            Explicit = Optional(options.Region),
            AwsOptions = awsOptions.Bind(static a => Optional(a.Region)).Map(static r => r.SystemName),
            Environment = environment.Get(RegionChoice.RegionVariable),
            DefaultEnvironment = environment.Get(RegionChoice.DefaultRegionVariable),
            Profile = profile.Region,
            ActivityArn = activityArn,
        };
        var endpointSources = new EndpointSources
        {
            Explicit = Optional(options.ServiceUrl),
            AwsOptions = clientConfig.Bind(static c => Optional(c.ServiceURL)),
            ServiceEnvironment = environment.Get(EndpointChoice.ServiceVariable),
            GlobalEnvironment = environment.Get(EndpointChoice.GlobalVariable),
            Profile = profile.EndpointUrl,
            IgnoreConfigured = clientConfig.Bind(static c => c.IgnoreConfiguredEndpointUrls is { } ignore ? Some(ignore) : None),
            IgnoreConfiguredEnvironment = environment.Get(EndpointChoice.IgnoreVariable),
            IgnoreConfiguredProfile = profile.IgnoreConfiguredEndpointUrls,
        };
        return from region in RegionChoice.Choose(regionSources)
               from endpoint in EndpointChoice.Choose(endpointSources)
               select Told(regionSources, region, Fill(options, region, endpoint, clientConfig,
                   awsOptions.Bind(static a => Optional(a.Credentials)) | (profileName.IsSome ? profile.Credentials : None)));
    }

    /// <summary>Logs, to the options' logger if any, the default region that gave way to the activity ARN's.</summary>
    private static ActivityClientOptions Told(RegionSources sources, RegionChoice chosen, ActivityClientOptions options)
    {
        RegionChoice.Overridden(sources).Iter(overridden => RegionLog.GaveWay(options.Logger, overridden, chosen.Region));
        return options;
    }

    private static ActivityClientOptions Fill(
        ActivityClientOptions options, RegionChoice region, Option<EndpointChoice> endpoint, Option<DefaultClientConfig> clientConfig,
        Option<Amazon.Runtime.AWSCredentials> credentials)
    {
        options.Region = region.Region;
        endpoint.Iter(e => options.ServiceUrl = e.Url);
        options.UseFips |= clientConfig.Exists(static c => c.UseFIPSEndpoint == true);
        options.UseDualStack |= clientConfig.Exists(static c => c.UseDualstackEndpoint == true);
        if (options.Credentials is null)
        {
            credentials.Iter(c => options.Credentials = c);
        }

        return options;
    }
}
