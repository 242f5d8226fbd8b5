using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Xunit;

namespace ActivityCore.Tests.Cli;

/// <summary>What the command runner tells: a line per task, --quiet and --verbose, a summary, the start-up check of COMMAND, and what a non-JSON stdout was.</summary>
[Collection(ProcessTestGroup.Name)]
public class CliObservabilityTests
{
    private const string Script = """
        x=$(cat)
        case "$x" in
          *fail*) echo "went wrong" >&2; exit 3;;
        esac
        echo "{\"fingerprint\":\"$ACTIVITYCORE_TASK_FINGERPRINT\"}"
        """;

    private static async Task<(CliProcess Cli, string Fingerprint)> RunTwoTasks(LocalStepFunctions local, string arn, params string[] options)
    {
        var cli = CommandRunnerTests.StartWorker(local, arn, ["--pollers", "1", .. options], ["sh", "-c", Script]);
        string fingerprint;
        try
        {
            var ok = local.EnqueueTask(arn, """{"v":1}""");
            var bad = local.EnqueueTask(arn, """{"v":"fail"}""");
            var succeeded = Assert.IsType<LocalTaskSucceeded>(await ok.Outcome.WaitAsync(TimeSpan.FromSeconds(15)));
            Assert.IsType<LocalTaskFailed>(await bad.Outcome.WaitAsync(TimeSpan.FromSeconds(5)));
            using var doc = JsonDocument.Parse(succeeded.Output);
            fingerprint = doc.RootElement.GetProperty("fingerprint").GetString()!;
            Assert.NotEqual(string.Empty, fingerprint);
            cli.Interrupt();
            Assert.Equal(0, await cli.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        catch
        {
            cli.Dispose(); // the CLI must not outlive a failed test
            throw;
        }

        return (cli, fingerprint);
    }

    [Fact]
    public async Task Each_task_gets_a_line_with_its_fingerprint_outcome_error_and_duration_and_the_exit_a_summary()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromMilliseconds(200) });
        string arn = local.CreateActivity("lines");
        var (cli, fingerprint) = await RunTwoTasks(local, arn);
        using (cli)
        {
            // the fingerprint the command saw (ACTIVITYCORE_TASK_FINGERPRINT) is the one in the CLI's line
            Assert.True(Regex.IsMatch(cli.Stderr, $@"task {fingerprint} succeeded in \d+\.\d\d s"), cli.Stderr);
            Assert.True(Regex.IsMatch(cli.Stderr, @"task [0-9a-f]+ failed Command\.ExitCode\.3 in \d+\.\d\d s"), cli.Stderr);
            Assert.True(Regex.IsMatch(cli.Stderr, @"summary: 2 tasks, succeeded 1, failed 1, wall time \d+\.\d s"), cli.Stderr);
            Assert.DoesNotContain("started: pid", cli.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Quiet_keeps_only_the_summary_and_verbose_adds_a_line_when_each_command_starts()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromMilliseconds(200) });
        var (quiet, _) = await RunTwoTasks(local, local.CreateActivity("quiet"), "--quiet");
        using (quiet)
        {
            Assert.DoesNotContain("succeeded in", quiet.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("info:", quiet.Stderr, StringComparison.Ordinal);
            Assert.Contains("summary: 2 tasks, succeeded 1, failed 1", quiet.Stderr, StringComparison.Ordinal);
        }

        var (verbose, fingerprint) = await RunTwoTasks(local, local.CreateActivity("verbose"), "--verbose");
        using (verbose)
        {
            Assert.True(Regex.IsMatch(verbose.Stderr, $@"task {fingerprint} started: pid \d+"), verbose.Stderr);
            Assert.Contains($"task {fingerprint} succeeded in", verbose.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_command_that_is_missing_or_not_executable_is_refused_at_start_with_exit_2()
    {
        const string Arn = "arn:aws:states:us-east-1:123456789012:activity:x";
        var (exit, _, stderr) = await CliProcess.RunAsync(["--activity-arn", Arn, "--", "no-such-command-activitycore"], CommandRunnerTests.DummyCredentials);
        Assert.Equal(2, exit);
        Assert.Contains("'no-such-command-activitycore' was not found on PATH", stderr, StringComparison.Ordinal);

        string script = Path.GetTempFileName();
        try
        {
            (exit, _, stderr) = await CliProcess.RunAsync(["--activity-arn", Arn, "--", script], CommandRunnerTests.DummyCredentials);
            Assert.Equal(2, exit);
            Assert.Contains($"'{script}' is not executable", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task A_non_json_stdout_fails_the_task_with_a_cause_that_quotes_its_first_200_characters()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromMilliseconds(200) });
        string arn = local.CreateActivity("not-json");
        string printed = "hello, this is not JSON " + new string('x', 1000);
        using var cli = CommandRunnerTests.StartWorker(local, arn, ["--pollers", "1"], ["sh", "-c", "cat >/dev/null; printf '%s' \"$0\"", printed]);
        var task = local.EnqueueTask(arn, "{}");
        var failed = Assert.IsType<LocalTaskFailed>(await task.Outcome.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(WorkerErrorCodes.InvalidOutput, failed.Error);
        Assert.Contains(printed[..200], failed.Cause, StringComparison.Ordinal);
        Assert.DoesNotContain(printed[..201], failed.Cause, StringComparison.Ordinal);
        Assert.True(failed.Cause!.Length < 400, failed.Cause);
        cli.Interrupt();
        Assert.Equal(0, await cli.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
