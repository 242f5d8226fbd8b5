using System;
using ActivityCore.Local;
using Xunit;

namespace ActivityCore.Tests.Local;

public class StandaloneTests
{
    [Fact]
    public void The_command_line_sets_every_option()
    {
        var (options, error, _) = CommandLine.Parse(
            ["--port", "8083", "--host", "127.0.0.2", "--hold-seconds", "1.5", "--region", "eu-west-1", "--account-id", "111122223333",
             "--access-key-id", "AK", "--secret-access-key", "SK", "--session-token", "ST", "--no-admin"],
            static _ => null);
        Assert.Null(error);
        Assert.Equal(8083, options!.Port);
        Assert.Equal("127.0.0.2", options.Host);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.PollHoldTime);
        Assert.Equal("eu-west-1", options.Region);
        Assert.Equal("111122223333", options.AccountId);
        Assert.Equal(new LocalCredentials("AK", "SK", "ST"), options.Credentials);
        Assert.False(options.EnableAdminRoutes);
    }

    [Fact]
    public void No_arguments_mean_the_defaults()
    {
        var (options, error, _) = CommandLine.Parse([], static _ => null);
        Assert.Null(error);
        Assert.Equal((0, "127.0.0.1", TimeSpan.FromSeconds(60), "us-east-1"), (options!.Port, options.Host, options.PollHoldTime, options.Region));
        Assert.Null(options.Credentials);
    }

    [Theory]
    [InlineData("--port")]
    [InlineData("--port", "x")]
    [InlineData("--port", "70000")]
    [InlineData("--hold-seconds", "-1")]
    [InlineData("--access-key-id", "AK")]
    [InlineData("--secret-access-key", "SK")]
    [InlineData("--bogus", "1")]
    [InlineData("--help")]
    public void Bad_arguments_are_refused_with_the_usage(params string[] args)
    {
        var (options, error, _) = CommandLine.Parse(args, static _ => null);
        Assert.Null(options);
        Assert.Contains("usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_usage_states_the_options_defaults_and_the_hold_times_range()
    {
        Assert.Contains("[--host 127.0.0.1] [--hold-seconds 60] [--region us-east-1] [--account-id 123456789012]", CommandLine.Usage, StringComparison.Ordinal);
        Assert.EndsWith("--hold-seconds: 0..86400.", CommandLine.Usage, StringComparison.Ordinal);
        var defaults = new LocalStepFunctionsOptions();
        Assert.Equal(("127.0.0.1", TimeSpan.FromSeconds(60), "us-east-1", "123456789012"), (defaults.Host, defaults.PollHoldTime, defaults.Region, defaults.AccountId));
        Assert.Equal((1000, 10_000, 10_000, TimeSpan.FromMinutes(5)), (defaults.MaxPollersPerActivity, defaults.MaxActivities, defaults.RetainedEndedTasks, defaults.MaxClockSkew));
    }
}
