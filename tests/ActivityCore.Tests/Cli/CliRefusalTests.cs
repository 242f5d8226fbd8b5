using System;
using System.Threading.Tasks;
using ActivityCore.Worker;
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
    [InlineData("--max-pollers", "1001", "MaxPollers")]
    [InlineData("--max-pollers", "0", "MaxPollers")]
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

    [Theory]
    [InlineData("--heartbeat", "-1")]
    [InlineData("--handler-timeout", "soon")]
    [InlineData("--drain-timeout", "1e8")]
    [InlineData("--drain-timeout", "NaN")]
    public async Task A_duration_that_is_not_0_to_10_million_seconds_is_refused_before_the_worker_sees_it(string option, string value)
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["--activity-arn", Arn, option, value, "--", "true"], CommandRunnerTests.DummyCredentials);

        Assert.Equal(2, exit);
        Assert.Contains($"error: {option}: takes a number of seconds", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--drain-timeout", "2.5")]
    [InlineData("--drain-timeout", "00:00:05")]
    [InlineData("--heartbeat", "none")]
    [InlineData("--handler-timeout", "none")]
    public async Task A_duration_the_shared_parser_reads_is_accepted_and_goes_to_the_worker(string option, string value)
    {
        // --pollers 0 makes the worker refuse its options: reaching that refusal means the duration was accepted.
        var (exit, _, stderr) = await CliProcess.RunAsync(
            ["--activity-arn", Arn, "--endpoint-url", "http://127.0.0.1:9/", "--no-sign-request", option, value, "--pollers", "0", "--", "true"],
            CommandRunnerTests.DummyCredentials);

        Assert.Equal(2, exit);
        Assert.Contains("error: invalid worker options: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("takes a number of seconds", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_pollers_none_is_accepted_and_goes_to_the_worker()
    {
        // --pollers 0 makes the worker refuse its options: reaching that refusal (naming Pollers) means 'none' was accepted.
        var (exit, _, stderr) = await CliProcess.RunAsync(
            ["--activity-arn", Arn, "--endpoint-url", "http://127.0.0.1:9/", "--no-sign-request", "--max-pollers", "none", "--pollers", "0", "--", "true"],
            CommandRunnerTests.DummyCredentials);

        Assert.Equal(2, exit);
        Assert.Contains("error: invalid worker options: ", stderr, StringComparison.Ordinal);
        Assert.Contains("Pollers", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("MaxPollers", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_states_the_workers_defaults()
    {
        var (exit, stdout, _) = await CliProcess.RunAsync("--help");

        Assert.Equal(0, exit);
        Assert.Contains("long polls at once: the fewest, with autoscaling (default 4)", stdout, StringComparison.Ordinal);
        Assert.Contains("'none' for a fixed --pollers (default 64)", stdout, StringComparison.Ordinal);
        Assert.Contains("tasks (and polls) in flight at most (default 16)", stdout, StringComparison.Ordinal);
        Assert.Contains("heartbeat interval, or 'none' (default 30)", stdout, StringComparison.Ordinal);
        Assert.Contains("fail the task (default none)", stdout, StringComparison.Ordinal);
        Assert.Contains("how long the running commands may finish (default 30)", stdout, StringComparison.Ordinal);
    }
}
