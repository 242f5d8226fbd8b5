using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Xunit;

namespace ActivityCore.Tests.Cli;

/// <summary>The CLI through its own process: help, bad arguments, and the command mode with a Ctrl-C drain.</summary>
[Collection(ProcessTestGroup.Name)]
public class CliTests
{
    [Fact]
    public async Task Help_documents_the_command_mode_and_exits_0()
    {
        var (exit, stdout, _) = await CliProcess.RunAsync("--help");
        Assert.Equal(0, exit);
        Assert.Contains("--activity-arn ARN", stdout, StringComparison.Ordinal);
        Assert.Contains("-- COMMAND", stdout, StringComparison.Ordinal);
        Assert.Contains("Ctrl-C", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pollers", "3")]
    [InlineData("--activity-arn", "arn:aws:states:us-east-1:123456789012:activity:x")]
    [InlineData("--activity-arn", "arn:aws:states:us-east-1:123456789012:activity:x", "--pollers", "many", "--", "true")]
    [InlineData("--activity-arn", "arn:aws:states:us-east-1:123456789012:activity:x", "--max-pollers", "many", "--", "true")]
    public async Task Bad_arguments_exit_2(params string[] args)
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Contains("error:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_mode_runs_a_command_per_task_and_drains_on_ctrl_c()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromMilliseconds(200) });
        string arn = local.CreateActivity("cli");
        const string Script = """
            x=$(cat)
            case "$x" in
              *fail*) echo "first line" >&2; echo "went wrong" >&2; exit 3;;
              *slow*) sleep 1.5;;
            esac
            echo "{\"got\":$x}"
            """;
        using var cli = CliProcess.Start(
            ["--activity-arn", arn, "--region", "us-east-1", "--service-url", local.ServiceUrl.ToString(), "--pollers", "2",
             "--heartbeat", "0.3", "--drain-timeout", "10", "--", "sh", "-c", Script],
            new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE", ["AWS_SECRET_ACCESS_KEY"] = "secret" });
        var ok = local.EnqueueTask(arn, """{"v":1}""");
        var bad = local.EnqueueTask(arn, """{"v":"fail"}""");
        Assert.Equal(new LocalTaskSucceeded("""{"got":{"v":1}}"""), await ok.Outcome.WaitAsync(TimeSpan.FromSeconds(15)));
        var failed = Assert.IsType<LocalTaskFailed>(await bad.Outcome.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal("Command.ExitCode.3", failed.Error);
        Assert.Equal("first line\nwent wrong\n", failed.Cause);

        var slow = local.EnqueueTask(arn, """{"v":"slow"}""", new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromSeconds(1) });
        while (slow.Deliveries == 0)
        {
            await Task.Delay(20);
        }

        cli.Interrupt(); // Ctrl-C while the command runs: it finishes within the drain timeout, then the worker exits
        Assert.Equal(0, await cli.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(new LocalTaskSucceeded("""{"got":{"v":"slow"}}"""), await slow.Outcome.WaitAsync(TimeSpan.FromSeconds(1)));
        Assert.Contains("stopping", cli.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, local.Counters.DeliveriesLost);
        Assert.Equal(0, local.Counters.TasksTimedOut); // heartbeats kept the 1.5 s command alive past its 1 s heartbeat timeout

        var after = local.EnqueueTask(arn, """{"v":2}""");
        await Task.Delay(400);
        Assert.Equal(0, after.Deliveries); // no poll was left behind
    }

    [Fact]
    public async Task The_handler_timeout_kills_the_command_and_a_second_ctrl_c_fails_the_running_task_at_once()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromMilliseconds(200) });
        string arn = local.CreateActivity("cli-hurry");
        using var cli = CliProcess.Start(
            ["--activity-arn", arn, "--region", "us-east-1", "--service-url", local.ServiceUrl.ToString(), "--pollers", "1",
             "--handler-timeout", "2", "--drain-timeout", "60", "--", "sh", "-c", "x=$(cat); case \"$x\" in *forever*) sleep 30;; *) sleep 1.5;; esac; echo 1"],
            new Dictionary<string, string?> { ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE", ["AWS_SECRET_ACCESS_KEY"] = "secret" });
        var forever = local.EnqueueTask(arn, "\"forever\"");
        var timedOut = Assert.IsType<LocalTaskFailed>(await forever.Outcome.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(WorkerErrorCodes.HandlerTimeout, timedOut.Error);

        var slow = local.EnqueueTask(arn, "\"slow\"");
        while (slow.Deliveries == 0)
        {
            await Task.Delay(20);
        }

        cli.Interrupt(); // drain (60 s) ...
        await Task.Delay(100);
        cli.Interrupt(); // ... hurried: the running command is failed at once
        Assert.Equal(0, await cli.WaitAsync(TimeSpan.FromSeconds(10)));
        var hurried = Assert.IsType<LocalTaskFailed>(await slow.Outcome.WaitAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(WorkerErrorCodes.WorkerStopped, hurried.Error);
        Assert.Contains("killed ActivityCore.WorkerStopped in", cli.Stderr, StringComparison.Ordinal);
        Assert.Contains("summary: 2 tasks, succeeded 0, failed 2", cli.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, local.Counters.DeliveriesLost);
        Assert.Equal(0, local.Counters.TasksTimedOut);
    }
}
