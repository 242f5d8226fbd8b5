using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Configuration;

/// <summary>What a shared config/credentials profile says about a client: its region, endpoint and credentials.</summary>
/// <param name="Region">The profile's <c>region</c>.</param>
/// <param name="EndpointUrl">The profile's <c>endpoint_url</c>.</param>
/// <param name="IgnoreConfiguredEndpointUrls">The profile's <c>ignore_configured_endpoint_urls</c>.</param>
/// <param name="Credentials">The profile's credentials, when it has some.</param>
internal sealed record AwsProfile(
    Option<string> Region, Option<string> EndpointUrl, Option<bool> IgnoreConfiguredEndpointUrls, Option<AWSCredentials> Credentials)
{
    /// <summary>The variable that names the profile: <c>AWS_PROFILE</c>.</summary>
    public const string ProfileVariable = "AWS_PROFILE";

    /// <summary>The profile used when none is named: <c>default</c>.</summary>
    public const string DefaultProfile = "default";

    private static readonly AwsProfile Nothing = new(None, None, None, None);

    /// <summary>
    /// Reads a profile with AWSSDK.Core's readers (<see cref="CredentialProfileStoreChain"/>: the shared credentials
    /// and config files, or the file at <paramref name="location"/>). A profile that does not exist says nothing.
    /// </summary>
    /// <param name="name">The profile's name; none for <c>default</c>.</param>
    /// <param name="location">The credentials file; none for the SDK's default files.</param>
    /// <returns>What the profile says.</returns>
    public static AwsProfile Read(Option<string> name, Option<string> location)
    {
        var chain = location.Match(Some: static path => new CredentialProfileStoreChain(path), None: static () => new CredentialProfileStoreChain());
        string profileName = name.IfNone(DefaultProfile);
        return chain.TryGetProfile(profileName, out var profile)
            ? new AwsProfile(
                Optional(profile.Region).Map(static r => r.SystemName),
                Optional(profile.EndpointUrl),
                profile.IgnoreConfiguredEndpointUrls is { } ignore ? Some(ignore) : None,
                profile.CanCreateAWSCredentials && chain.TryGetAWSCredentials(profileName, out var credentials) ? Optional(credentials) : None)
            : Nothing;
    }
}
