using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Cli;

/// <summary>
/// A new user's first mistakes, through the CLI process: when its first polls fail for a reason that will not heal by
/// itself, the CLI exits 3 with a line that names the fix, instead of retrying in silence forever.
/// </summary>
[Collection(ProcessTestGroup.Name)]
public class CliMisconfigurationTests
{
    /// <summary>No credentials anywhere the AWS SDK's default chain looks (and no instance metadata to wait for).</summary>
    internal static readonly Dictionary<string, string?> NoCredentials = new()
    {
        ["AWS_ACCESS_KEY_ID"] = null, ["AWS_SECRET_ACCESS_KEY"] = null, ["AWS_SESSION_TOKEN"] = null, ["AWS_PROFILE"] = null,
        ["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/credentials", ["AWS_CONFIG_FILE"] = "/nonexistent/config",
        ["AWS_EC2_METADATA_DISABLED"] = "true", ["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = null, ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = null,
        ["AWS_WEB_IDENTITY_TOKEN_FILE"] = null,
    };

    [Fact]
    public async Task No_credentials_even_against_an_endpoint_that_verifies_nothing_exits_3_naming_the_fix()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromMilliseconds(200) });
        string arn = local.CreateActivity("no-credentials");
        var (exit, stderr) = await RunUntilExitAsync(local, arn, NoCredentials);
        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.Contains("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", stderr, StringComparison.Ordinal);
        Assert.Contains("--no-sign-request", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_activity_exits_3_naming_the_fix()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromMilliseconds(200) });
        string arn = local.CreateActivity("exists").Replace(":exists", ":missing", StringComparison.Ordinal);
        var (exit, stderr) = await RunUntilExitAsync(local, arn, CommandRunnerTests.DummyCredentials);
        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.Contains("the activity does not exist", stderr, StringComparison.Ordinal);
        Assert.Contains("ActivityDoesNotExist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_secret_exits_3_naming_the_fix_and_never_prints_the_secret()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            PollHoldTime = TimeSpan.FromMilliseconds(200),
            Credentials = new LocalCredentials("AKIDEXAMPLE", "the-right-secret"),
        });
        string arn = local.CreateActivity("wrong-secret");
        var environment = new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE", ["AWS_SECRET_ACCESS_KEY"] = "a-wrong-secret-0123" };
        var (exit, stderr) = await RunUntilExitAsync(local, arn, environment);
        Assert.True(exit == 3, $"exit {exit}: {stderr}");
        Assert.Contains("the request's signature was refused (InvalidSignatureException)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("a-wrong-secret-0123", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Polls_that_may_heal_do_not_end_the_worker()
    {
        // Nothing listens on the port: connection refused may heal (the endpoint starting later), so the CLI stays up.
        string url;
        await using (var gone = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions()))
        {
            url = gone.ServiceUrl.ToString();
        }

        using var cli = CliProcess.Start(
            ["--activity-arn", "arn:aws:states:us-east-1:123456789012:activity:later", "--service-url", url, "--pollers", "1", "--", "cat"],
            CommandRunnerTests.DummyCredentials);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.False(cli.HasExited, "the CLI exited although its polls may heal: " + cli.Stderr);
        cli.Interrupt();
        Assert.Equal(0, await cli.WaitAsync(TimeSpan.FromSeconds(15)));
    }

    private static async Task<(int Exit, string Stderr)> RunUntilExitAsync(LocalStepFunctions local, string arn, IReadOnlyDictionary<string, string?> environment)
    {
        using var cli = CliProcess.Start(["--activity-arn", arn, "--service-url", local.ServiceUrl.ToString(), "--pollers", "2", "--", "cat"], environment);
        try
        {
            return (await cli.WaitAsync(TimeSpan.FromSeconds(20)), cli.Stderr);
        }
        catch (TimeoutException)
        {
            cli.Interrupt();
            await cli.WaitAsync(TimeSpan.FromSeconds(15));
            return (-1, "still running after 20 s: " + cli.Stderr);
        }
    }
}
