using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Signing;
using Xunit;

namespace ActivityCore.Tests.Local;

/// <summary>The standalone server refuses, at start, what would break it later: it exits non-zero with a clear message.</summary>
[Collection(ProcessTestGroup.Name)]
public class StandaloneStartTests
{
    [Theory]
    [InlineData("--hold-seconds", "1e300")]
    [InlineData("--hold-seconds", "Infinity")]
    [InlineData("--hold-seconds", "5000000")]
    public async Task A_hold_time_out_of_range_exits_2_with_the_range(string option, string value)
    {
        using var server = ChildProcess.Start(ChildProcess.ServerDll, ["--port", "0", option, value]);
        Assert.True(await server.ExitedAsync(TimeSpan.FromSeconds(30)), server.Output);
        Assert.Equal(2, server.ExitCode);
        Assert.Contains($"--hold-seconds must be a number of seconds from 0 to 86400, not '{value}'", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Listening on", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_loopback_host_without_credentials_exits_2()
    {
        using var server = ChildProcess.Start(ChildProcess.ServerDll, ["--port", "0", "--host", "0.0.0.0"]);
        Assert.True(await server.ExitedAsync(TimeSpan.FromSeconds(30)), server.Output);
        Assert.Equal(2, server.ExitCode);
        Assert.Contains("--host 0.0.0.0 is not a loopback address", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_from_the_environment_turn_verification_on_for_every_route()
    {
        using var server = ChildProcess.Start(ChildProcess.ServerDll, ["--port", "0", "--hold-seconds", "1"], new Dictionary<string, string>
        {
            ["ACTIVITYCORE_LOCAL_ACCESS_KEY_ID"] = "AKIDFROMENV",
            ["ACTIVITYCORE_LOCAL_SECRET_ACCESS_KEY"] = "secret-from-env",
        });
        var listening = await server.LineAsync(l => l.StartsWith("Listening on ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var url = new Uri(listening["Listening on ".Length..].Trim() + "/");
        await server.LineAsync(l => l.StartsWith("SigV4 verification: on", StringComparison.Ordinal), TimeSpan.FromSeconds(5));

        var aws = await RawHttp.SendAsync(url, "POST", "/", RawHttp.AwsHeaders(url, "ListActivities"), "{}");
        var admin = await RawHttp.SendAsync(url, "GET", "/_local/counters", [("Host", url.Authority)]);
        var signed = await RawHttp.SendAsync(url, "GET", "/_local/counters", AdminSigner.Headers("GET", "/_local/counters", url.Authority, null, string.Empty, new ActivityCore.Local.LocalCredentials("AKIDFROMENV", "secret-from-env"), "us-east-1", DateTimeOffset.UtcNow));

        Assert.Equal((403, 403, 200), (aws.Status, admin.Status, signed.Status));
        Assert.DoesNotContain("secret-from-env", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_exits_2_with_one_line_naming_it()
    {
        var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        try
        {
            var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
            using var server = ChildProcess.Start(ChildProcess.ServerDll, ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            Assert.True(await server.ExitedAsync(TimeSpan.FromSeconds(30)), server.Output);
            Assert.Equal(2, server.ExitCode);
            Assert.Contains($"error: port {port} on 127.0.0.1 is in use", server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
        }
        finally
        {
            holder.Stop();
        }
    }

    [Theory]
    [InlineData("--region", "us east", "--region must be")]
    [InlineData("--region", "", "--region must be")]
    [InlineData("--account-id", "abc", "--account-id must be 12 digits")]
    [InlineData("--account-id", "12345678901", "--account-id must be 12 digits")]
    public async Task A_region_or_account_that_makes_malformed_arns_exits_2(string option, string value, string message)
    {
        using var server = ChildProcess.Start(ChildProcess.ServerDll, ["--port", "0", option, value]);
        Assert.True(await server.ExitedAsync(TimeSpan.FromSeconds(30)), server.Output);
        Assert.Equal(2, server.ExitCode);
        Assert.Contains(message, server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Listening on", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_goes_to_stdout_and_exits_0()
    {
        using var server = ChildProcess.Start(ChildProcess.ServerDll, ["--help"]);
        Assert.True(await server.ExitedAsync(TimeSpan.FromSeconds(30)), server.Output);
        Assert.Equal(0, server.ExitCode);
        Assert.StartsWith("usage: ActivityCore.Local", server.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_named_as_unknown()
    {
        using var server = ChildProcess.Start(ChildProcess.ServerDll, ["--port", "0", "--bogus"]);
        Assert.True(await server.ExitedAsync(TimeSpan.FromSeconds(30)), server.Output);
        Assert.Equal(2, server.ExitCode);
        Assert.Contains("unknown option --bogus", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("needs a value", server.Output, StringComparison.Ordinal);
    }
}
