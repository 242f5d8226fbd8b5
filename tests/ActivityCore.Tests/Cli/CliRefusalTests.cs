using System;
using System.Threading.Tasks;
using Xunit;

namespace ActivityCore.Tests.Cli;

/// <summary>
/// Options the client or the worker refuses, through the processes: the CLI and the demo say which and exit 2, before any
/// poll (the Left paths of ActivityClient.Create and ActivityWorker.Create).
/// </summary>
[Collection(ProcessTestGroup.Name)]
public class CliRefusalTests
{
    private const string Arn = "arn:aws:states:us-east-1:123456789012:activity:refused";

    [Fact]
    public async Task A_service_url_the_client_refuses_ends_the_cli_with_exit_2_naming_the_client_options()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(
            ["--activity-arn", Arn, "--endpoint-url", "ftp://127.0.0.1/", "--no-sign-request", "--", "true"], CommandRunnerTests.DummyCredentials);

        Assert.Equal(2, exit);
        Assert.Contains("error: invalid client options: ", stderr, StringComparison.Ordinal);
        Assert.Contains("ServiceUrl", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("worker started", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pollers", "0", "Pollers")]
    [InlineData("--max-in-flight", "100001", "MaxTasksInFlight")]
    public async Task Worker_options_out_of_range_end_the_cli_with_exit_2_naming_the_worker_options(string option, string value, string field)
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(
            ["--activity-arn", Arn, "--endpoint-url", "http://127.0.0.1:9/", "--no-sign-request", option, value, "--", "true"], CommandRunnerTests.DummyCredentials);

        Assert.Equal(2, exit);
        Assert.Contains("error: invalid worker options: ", stderr, StringComparison.Ordinal);
        Assert.Contains(field, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("worker started", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_options_the_worker_refuses_end_the_demo_with_exit_2()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["--tasks", "1", "--max-in-flight", "100001"], null, CliProcess.DemoDll);

        Assert.Equal(2, exit);
        Assert.Contains("invalid demo options: ", stderr, StringComparison.Ordinal);
        Assert.Contains("MaxTasksInFlight", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("succeeded", stdout, StringComparison.Ordinal);
    }
}
