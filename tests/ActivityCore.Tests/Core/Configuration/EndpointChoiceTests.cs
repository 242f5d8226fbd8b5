using System;
using ActivityCore.Configuration;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Core.Configuration;

/// <summary>The rules of the AWS SDKs and Tools Reference Guide, "Service-specific endpoints".</summary>
public class EndpointChoiceTests
{
    /// <summary>
    /// explicit, AWSOptions ServiceURL, AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL, profile endpoint_url,
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (null: not set) -> the URL and its source, "default", or the failing field.
    /// </summary>
    public static TheoryData<string?, string?, string?, string?, string?, string?, string> Table() => new()
    {
        { null, null, null, null, null, null, "default" },
        { "http://127.0.0.1:1/", null, null, null, null, null, "http://127.0.0.1:1/ Explicit" },
        { null, "http://127.0.0.1:2/", null, null, null, null, "http://127.0.0.1:2/ AwsOptions" },
        { null, null, "http://127.0.0.1:3/", null, null, null, "http://127.0.0.1:3/ ServiceEnvironment" },
        { null, null, null, "http://127.0.0.1:4/", null, null, "http://127.0.0.1:4/ GlobalEnvironment" },
        { null, null, null, null, "http://127.0.0.1:5/", null, "http://127.0.0.1:5/ Profile" },
        // precedence: code > AWS_ENDPOINT_URL_SFN > AWS_ENDPOINT_URL > profile
        { "http://127.0.0.1:1/", "http://127.0.0.1:2/", "http://127.0.0.1:3/", "http://127.0.0.1:4/", "http://127.0.0.1:5/", null, "http://127.0.0.1:1/ Explicit" },
        { null, "http://127.0.0.1:2/", "http://127.0.0.1:3/", "http://127.0.0.1:4/", "http://127.0.0.1:5/", null, "http://127.0.0.1:2/ AwsOptions" },
        { null, null, "http://127.0.0.1:3/", "http://127.0.0.1:4/", "http://127.0.0.1:5/", null, "http://127.0.0.1:3/ ServiceEnvironment" },
        { null, null, null, "http://127.0.0.1:4/", "http://127.0.0.1:5/", null, "http://127.0.0.1:4/ GlobalEnvironment" },
        // AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true turns the environment and the profile off, never the code's
        { null, null, "http://127.0.0.1:3/", "http://127.0.0.1:4/", "http://127.0.0.1:5/", "true", "default" },
        { null, null, "http://127.0.0.1:3/", null, null, "TRUE", "default" },
        { null, "http://127.0.0.1:2/", "http://127.0.0.1:3/", null, null, "true", "http://127.0.0.1:2/ AwsOptions" },
        { "http://127.0.0.1:1/", null, "http://127.0.0.1:3/", null, null, "true", "http://127.0.0.1:1/ Explicit" },
        { null, null, "http://127.0.0.1:3/", null, null, "false", "http://127.0.0.1:3/ ServiceEnvironment" },
        { null, null, "http://127.0.0.1:3/", null, null, "yes", "http://127.0.0.1:3/ ServiceEnvironment" },
        // blank counts as not set
        { null, " ", "", "http://127.0.0.1:4/", null, null, "http://127.0.0.1:4/ GlobalEnvironment" },
        // the chosen text must be a URL; its source is named
        { null, null, "not a url", "http://127.0.0.1:4/", null, null, "AWS_ENDPOINT_URL_SFN" },
        { null, null, null, "localhost:4566", null, null, "AWS_ENDPOINT_URL" },
        { null, null, null, null, "/relative", null, "the profile's endpoint_url" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_endpoint_follows_the_sdks_precedence(string? explicitUrl, string? awsOptions, string? service, string? global, string? profile, string? ignore, string expected)
    {
        var sources = new EndpointSources
        {
            Explicit = Optional(explicitUrl).Map(static u => new Uri(u)),
            AwsOptions = Optional(awsOptions),
            ServiceEnvironment = Optional(service),
            GlobalEnvironment = Optional(global),
            Profile = Optional(profile),
            IgnoreConfiguredEnvironment = Optional(ignore),
        };
        string actual = EndpointChoice.Choose(sources).Match(
            Right: chosen => chosen.Match(Some: c => $"{c.Url} {c.Source}", None: () => "default"),
            Left: e => e.Field);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData(null, "true", null, true)]
    [InlineData(null, null, true, true)]
    [InlineData(null, "false", true, false)] // the environment over the profile
    [InlineData(false, "true", true, false)] // the code over both
    [InlineData(true, null, null, true)]
    [InlineData(null, "maybe", true, true)] // an unreadable variable counts as not set
    public void Ignoring_configured_endpoints_is_code_then_environment_then_profile(bool? code, string? environment, bool? profile, bool expected)
    {
        var sources = new EndpointSources
        {
            IgnoreConfigured = code is { } c ? Some(c) : None,
            IgnoreConfiguredEnvironment = Optional(environment),
            IgnoreConfiguredProfile = profile is { } p ? Some(p) : None,
        };
        Assert.Equal(expected, EndpointChoice.IgnoresConfigured(sources));
    }

    [Fact]
    public void The_service_variable_is_named_by_the_service_id() =>
        Assert.Equal(("SFN", "AWS_ENDPOINT_URL_SFN"), (EndpointChoice.ServiceId, EndpointChoice.ServiceVariable));

    [Property]
    public Property An_explicit_url_always_wins(string? awsOptions, string? service, string? global, string? profile, bool ignore)
    {
        var url = new Uri("http://127.0.0.1:8083/");
        var sources = new EndpointSources
        {
            Explicit = Some(url),
            AwsOptions = Optional(awsOptions),
            ServiceEnvironment = Optional(service),
            GlobalEnvironment = Optional(global),
            Profile = Optional(profile),
            IgnoreConfigured = Some(ignore),
        };
        return EndpointChoice.Choose(sources).Match(
            Right: chosen => chosen.Match(Some: c => c.Url == url && c.Source == EndpointSource.Explicit, None: () => false),
            Left: _ => false).ToProperty();
    }

    [Property]
    public Property Choose_is_total(string? awsOptions, string? service, string? global, string? profile, string? ignore)
    {
        var sources = new EndpointSources
        {
            AwsOptions = Optional(awsOptions),
            ServiceEnvironment = Optional(service),
            GlobalEnvironment = Optional(global),
            Profile = Optional(profile),
            IgnoreConfiguredEnvironment = Optional(ignore),
        };
        var chosen = EndpointChoice.Choose(sources);
        return (chosen.IsRight || chosen.IsLeft).ToProperty();
    }
}
