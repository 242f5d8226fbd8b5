using System;
using System.Collections.Generic;
using System.IO;
using ActivityCore.Local;
using Xunit;

namespace ActivityCore.Tests.Local;

/// <summary>The standalone server's credentials: from the command line, a file or the environment; and who it listens to.</summary>
public sealed class CommandLineCredentialTests : IDisposable
{
    private readonly string file = Path.Combine(Path.GetTempPath(), "activitycore-credentials-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => File.Delete(this.file);

    private static Func<string, string?> Environment(Dictionary<string, string> variables) =>
        name => variables.TryGetValue(name, out var value) ? value : null;

    private static readonly Func<string, string?> NoEnvironment = static _ => null;

    [Fact]
    public void Credentials_come_from_the_environment_when_the_command_line_has_none()
    {
        var (options, error, notes) = CommandLine.Parse([], Environment(new()
        {
            ["ACTIVITYCORE_LOCAL_ACCESS_KEY_ID"] = "AKENV",
            ["ACTIVITYCORE_LOCAL_SECRET_ACCESS_KEY"] = "env-secret",
            ["ACTIVITYCORE_LOCAL_SESSION_TOKEN"] = "env-session",
        }));
        Assert.Null(error);
        Assert.Equal(new LocalCredentials("AKENV", "env-secret", "env-session"), options!.Credentials);
        Assert.Contains(notes, n => n.Contains("environment", StringComparison.Ordinal));
        Assert.DoesNotContain(notes, n => n.Contains("env-secret", StringComparison.Ordinal) || n.Contains("env-session", StringComparison.Ordinal));
    }

    [Fact]
    public void The_standard_AWS_variables_are_not_read_so_a_developer_s_own_keys_never_turn_verification_on()
    {
        var (options, error, _) = CommandLine.Parse([], Environment(new() { ["AWS_ACCESS_KEY_ID"] = "AKREAL", ["AWS_SECRET_ACCESS_KEY"] = "real" }));
        Assert.Null(error);
        Assert.Null(options!.Credentials);
    }

    [Fact]
    public void Credentials_come_from_a_file_in_the_AWS_credentials_file_format()
    {
        File.WriteAllText(this.file, "# local endpoint\n[default]\naws_access_key_id = AKFILE\naws_secret_access_key=file/secret+key\n\n");
        var (options, error, notes) = CommandLine.Parse(["--credentials-file", this.file], NoEnvironment);
        Assert.Null(error);
        Assert.Equal(new LocalCredentials("AKFILE", "file/secret+key"), options!.Credentials);
        Assert.Contains(notes, n => n.Contains(this.file, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("aws_access_key_id = AK\n")]
    [InlineData("aws_secret_access_key = S\n")]
    [InlineData("aws_access_key_id = AK\naws_secret_access_key = S\naws_access_key_id = AK2\n")]
    [InlineData("aws_access_key_id = AK\naws_secret_access_key = S\nregion = x\n")]
    [InlineData("aws_access_key_id AK\naws_secret_access_key = S\n")]
    [InlineData("[a]\naws_access_key_id = AK\naws_secret_access_key = S\n[b]\n")]
    public void A_bad_credentials_file_is_refused_with_its_reason(string text)
    {
        File.WriteAllText(this.file, text);
        var (options, error, _) = CommandLine.Parse(["--credentials-file", this.file], NoEnvironment);
        Assert.Null(options);
        Assert.Contains(this.file, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_credentials_file_is_refused()
    {
        var (options, error, _) = CommandLine.Parse(["--credentials-file", this.file], NoEnvironment);
        Assert.Null(options);
        Assert.Contains(this.file, error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_and_a_file_together_are_refused()
    {
        File.WriteAllText(this.file, "aws_access_key_id = AK\naws_secret_access_key = S\n");
        var (options, error, _) = CommandLine.Parse(["--credentials-file", this.file, "--access-key-id", "K", "--secret-access-key", "S"], NoEnvironment);
        Assert.Null(options);
        Assert.Contains("--credentials-file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_on_the_command_line_is_served_with_a_warning_that_ps_shows_it()
    {
        var (options, _, notes) = CommandLine.Parse(["--access-key-id", "K", "--secret-access-key", "S"], NoEnvironment);
        Assert.NotNull(options!.Credentials);
        Assert.Contains(notes, n => n.StartsWith("warning:", StringComparison.Ordinal) && n.Contains("ACTIVITYCORE_LOCAL_SECRET_ACCESS_KEY", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.168.1.10")]
    public void A_non_loopback_host_without_credentials_is_refused(string host)
    {
        var (options, error, _) = CommandLine.Parse(["--host", host], NoEnvironment);
        Assert.Null(options);
        Assert.Contains("credentials", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_loopback_host_with_credentials_starts_with_a_warning()
    {
        var (options, error, notes) = CommandLine.Parse(["--host", "0.0.0.0"], Environment(new()
        {
            ["ACTIVITYCORE_LOCAL_ACCESS_KEY_ID"] = "AK",
            ["ACTIVITYCORE_LOCAL_SECRET_ACCESS_KEY"] = "S",
        }));
        Assert.Null(error);
        Assert.Equal("0.0.0.0", options!.Host);
        Assert.Contains(notes, n => n.StartsWith("warning:", StringComparison.Ordinal) && n.Contains("0.0.0.0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.2")]
    [InlineData("localhost")]
    [InlineData("::1")]
    public void A_loopback_host_needs_no_credentials(string host)
    {
        var (options, error, notes) = CommandLine.Parse(["--host", host], NoEnvironment);
        Assert.Null(error);
        Assert.Equal(host, options!.Host);
        Assert.DoesNotContain(notes, n => n.StartsWith("warning:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("NaN")]
    [InlineData("5000000")]
    [InlineData("86401")]
    [InlineData("-0.5")]
    public void A_hold_time_out_of_range_is_refused(string seconds)
    {
        var (options, error, _) = CommandLine.Parse(["--hold-seconds", seconds], NoEnvironment);
        Assert.Null(options);
        Assert.Contains("--hold-seconds", error, StringComparison.Ordinal);
        Assert.Contains("86400", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.25", 0.25)]
    [InlineData("86400", 86400)]
    public void A_hold_time_in_range_is_taken(string seconds, double expected)
    {
        var (options, error, _) = CommandLine.Parse(["--hold-seconds", seconds], NoEnvironment);
        Assert.Null(error);
        Assert.Equal(TimeSpan.FromSeconds(expected), options!.PollHoldTime);
    }
}
