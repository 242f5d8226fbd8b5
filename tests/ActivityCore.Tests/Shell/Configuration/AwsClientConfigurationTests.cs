using System;
using System.Collections.Generic;
using System.IO;
using ActivityCore.Configuration;
using Amazon;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Configuration;

/// <summary>
/// The AWS conventions read from an injected environment and a temporary profile file: the test process's own
/// environment is never read nor changed.
/// </summary>
public sealed class AwsClientConfigurationTests : IDisposable
{
    private const string Arn = "arn:aws:states:eu-west-1:123456789012:activity:work";

    private readonly string folder = Directory.CreateTempSubdirectory("activitycore-profiles-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void AWS_REGION_comes_before_AWS_DEFAULT_REGION_and_both_before_the_profile()
    {
        string file = Profiles("[default]\nregion = eu-west-1\n");
        var aws = Some(new AWSOptions { ProfilesLocation = file });
        Assert.Equal("eu-west-1", Apply(new(), aws, Env()).Region);
        Assert.Equal("us-east-2", Apply(new(), aws, Env(("AWS_DEFAULT_REGION", "us-east-2"))).Region);
        Assert.Equal("us-west-2", Apply(new(), aws, Env(("AWS_DEFAULT_REGION", "us-east-2"), ("AWS_REGION", "us-west-2"))).Region);
        Assert.Equal("ap-south-1", Apply(new() { Region = "ap-south-1" }, aws, Env(("AWS_REGION", "us-west-2"))).Region);
    }

    [Fact]
    public void The_profile_is_named_by_AWSOptions_or_AWS_PROFILE()
    {
        string file = Profiles("[default]\nregion = eu-west-1\n\n[blue]\nregion = eu-north-1\n\n[green]\nregion = eu-south-1\n");
        Assert.Equal("eu-north-1", Apply(new(), Some(new AWSOptions { ProfilesLocation = file }), Env(("AWS_PROFILE", "blue"))).Region);
        Assert.Equal("eu-south-1", Apply(new(), Some(new AWSOptions { ProfilesLocation = file, Profile = "green" }), Env(("AWS_PROFILE", "blue"))).Region);
    }

    [Fact]
    public void AWSOptions_region_comes_before_the_environment()
    {
        var aws = Some(new AWSOptions { Region = RegionEndpoint.EUCentral1, ProfilesLocation = Profiles(string.Empty) });
        Assert.Equal("eu-central-1", Apply(new(), aws, Env(("AWS_REGION", "us-west-2"))).Region);
    }

    [Fact]
    public void The_activity_ARN_is_the_last_fallback_and_the_check_of_the_explicit_region_only()
    {
        var arn = ActivityArn.Parse(Arn).ToOption();
        var none = Some(new AWSOptions { ProfilesLocation = Profiles(string.Empty) });
        Assert.Equal("eu-west-1", Apply(new(), none, Env(), arn).Region);
        var conflict = AwsClientConfiguration.Apply(new ActivityClientOptions { Region = "us-west-2" }, none, Env(("AWS_REGION", "eu-west-1")), arn);
        var error = conflict.Match(Right: _ => throw new InvalidOperationException("accepted"), Left: e => e);
        Assert.Equal((ValidationFailure.Conflict, "Region"), (error.Failure, error.Field));
        Assert.Contains("the Region option is us-west-2", error.Message, StringComparison.Ordinal);
        Assert.Contains("eu-west-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_an_ARN_the_defaults_give_way_to_its_region()
    {
        var arn = ActivityArn.Parse(Arn).ToOption();
        string file = Profiles("[default]\nregion = us-east-1\n");
        var aws = Some(new AWSOptions { ProfilesLocation = file });
        Assert.Equal("eu-west-1", Apply(new(), aws, Env(("AWS_REGION", "us-west-2")), arn).Region); // Lambda and ECS set AWS_REGION
        Assert.Equal("eu-west-1", Apply(new(), aws, Env(("AWS_DEFAULT_REGION", "us-west-2")), arn).Region);
        Assert.Equal("eu-west-1", Apply(new(), aws, Env(), arn).Region); // the profile's
        var shared = Some(new AWSOptions { Region = RegionEndpoint.USEast2, ProfilesLocation = file });
        Assert.Equal("eu-west-1", Apply(new(), shared, Env(), arn).Region); // the "AWS" section every client shares
        Assert.Equal("us-east-2", Apply(new(), shared, Env()).Region); // without an ARN, the chain as before
    }

    [Fact]
    public void AWS_ENDPOINT_URL_SFN_comes_before_AWS_ENDPOINT_URL_and_the_profile()
    {
        string file = Profiles("[default]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:5/\n");
        var aws = Some(new AWSOptions { ProfilesLocation = file });
        Assert.Equal(new Uri("http://127.0.0.1:5/"), Apply(new(), aws, Env()).ServiceUrl);
        Assert.Equal(new Uri("http://127.0.0.1:4/"), Apply(new(), aws, Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:4/"))).ServiceUrl);
        Assert.Equal(new Uri("http://127.0.0.1:3/"), Apply(new(), aws, Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:4/"), ("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:3/"))).ServiceUrl);
        Assert.Equal(new Uri("http://127.0.0.1:1/"), Apply(new() { ServiceUrl = new Uri("http://127.0.0.1:1/") }, aws, Env(("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:3/"))).ServiceUrl);
        Assert.Null(Apply(new(), aws, Env(("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:3/"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"))).ServiceUrl);
    }

    [Fact]
    public void The_profile_can_turn_configured_endpoints_off()
    {
        string file = Profiles("[default]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:5/\nignore_configured_endpoint_urls = true\n");
        var options = Apply(new(), Some(new AWSOptions { ProfilesLocation = file }), Env(("AWS_ENDPOINT_URL", "http://127.0.0.1:4/")));
        Assert.Null(options.ServiceUrl);
    }

    [Fact]
    public void AWSOptions_service_url_fips_and_credentials_are_used()
    {
        var credentials = new BasicAWSCredentials("AKIDAWSOPTIONS", "secret");
        var aws = new AWSOptions { Region = RegionEndpoint.USEast1, Credentials = credentials, ProfilesLocation = Profiles(string.Empty) };
        aws.DefaultClientConfig.ServiceURL = "http://127.0.0.1:2/";
        var options = Apply(new(), Some(aws), Env(("AWS_ENDPOINT_URL_SFN", "http://127.0.0.1:3/")));
        Assert.Equal(new Uri("http://127.0.0.1:2/"), options.ServiceUrl);
        Assert.Same(credentials, options.Credentials);
        var explicitCredentials = new BasicAWSCredentials("AKIDEXPLICIT", "secret");
        Assert.Same(explicitCredentials, Apply(new() { Credentials = explicitCredentials }, Some(aws), Env()).Credentials);
        var fips = new AWSOptions { Region = RegionEndpoint.USEast1, ProfilesLocation = Profiles(string.Empty) };
        fips.DefaultClientConfig.UseFIPSEndpoint = true;
        Assert.True(Apply(new(), Some(fips), Env()).UseFips);
    }

    [Fact]
    public void A_named_profiles_keys_are_the_credentials()
    {
        string file = Profiles("[worker]\nregion = eu-west-1\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = secret\n");
        var options = Apply(new(), Some(new AWSOptions { ProfilesLocation = file, Profile = "worker" }), Env());
        Assert.Equal("AKIDPROFILE", options.Credentials!.GetCredentials().AccessKey);
        Assert.Null(Apply(new(), Some(new AWSOptions { ProfilesLocation = file }), Env(("AWS_REGION", "eu-west-1"))).Credentials); // not named: the default chain's
    }

    [Fact]
    public void An_endpoint_that_is_no_URL_names_its_variable()
    {
        var result = AwsClientConfiguration.Apply(
            new ActivityClientOptions { Region = "eu-west-1" }, Some(new AWSOptions { ProfilesLocation = Profiles(string.Empty) }),
            Env(("AWS_ENDPOINT_URL_SFN", "localhost:4566")), None);
        Assert.Equal("AWS_ENDPOINT_URL_SFN", result.Match(Right: _ => "", Left: e => e.Field));
    }

    private static ActivityClientOptions Apply(ActivityClientOptions options, Option<AWSOptions> aws, AwsEnvironment env, Option<ActivityArn> arn = default) =>
        AwsClientConfiguration.Apply(options, aws, env, arn).Match(Right: o => o, Left: e => throw new InvalidOperationException(e.ToString()));

    private static AwsEnvironment Env(params (string Name, string Value)[] variables)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            map[name] = value;
        }

        return AwsEnvironment.From(map);
    }

    private string Profiles(string text)
    {
        string file = Path.Combine(folder, Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, text);
        return file;
    }
}
