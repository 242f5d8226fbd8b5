using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Xunit;

namespace ActivityCore.Tests.Cli;

/// <summary>
/// The command runner as a terminal runs it: its own process group and a group-wide Ctrl-C, a command that writes too
/// much, a command that leaves a background child behind, and a timeout that must reach re-parented children.
/// </summary>
[Collection(ProcessTestGroup.Name)]
public class CommandRunnerTests
{
    internal static readonly Dictionary<string, string?> DummyCredentials = new() { ["AWS_ACCESS_KEY_ID"] = "AKIDEXAMPLE", ["AWS_SECRET_ACCESS_KEY"] = "secret" };

    internal static CliProcess StartWorker(LocalStepFunctions local, string arn, IEnumerable<string> options, IEnumerable<string> command, bool ownGroup = false)
    {
        var args = new List<string> { "--activity-arn", arn, "--service-url", local.ServiceUrl.ToString() };
        args.AddRange(options);
        args.Add("--");
        args.AddRange(command);
        return CliProcess.Start(args, DummyCredentials, ownGroup);
    }

    internal static async Task Delivered(LocalTaskHandle task)
    {
        var waited = Stopwatch.StartNew();
        while (task.Deliveries == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), "the task was never polled");
            await Task.Delay(20);
        }
    }

    [Theory]
    [InlineData("INT")] // Ctrl-C
    [InlineData("HUP")] // the terminal closed: the commands, in sessions of their own, would not hear of it
    public async Task A_terminal_signal_to_the_whole_group_drains_instead_of_killing_the_command(string signal)
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromMilliseconds(200) });
        string arn = local.CreateActivity("terminal");
        string started = Path.Combine(Path.GetTempPath(), $"activitycore-started-{Guid.NewGuid():N}");
        try
        {
            // The command marks that it runs: by then setsid has made it a group of its own (a fixed delay was not
            // enough under load: the signal then reached a command not yet started, still in the CLI's group).
            using var cli = StartWorker(local, arn, ["--pollers", "1", "--drain-timeout", "10"],
                ["sh", "-c", "touch \"$0\"; x=$(cat); sleep 1.5; echo \"{\\\"got\\\":$x}\"", started], ownGroup: true);
            var task = local.EnqueueTask(arn, """{"v":1}""");
            await Delivered(task);
            var waited = Stopwatch.StartNew();
            while (!File.Exists(started) && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(20);
            }

            Assert.True(File.Exists(started), "the command did not start within 10 s");
            cli.InterruptGroup(signal);
            Assert.True(await cli.WaitAsync(TimeSpan.FromSeconds(15)) == 0, cli.Stderr);
            Assert.Equal(new LocalTaskSucceeded("""{"got":{"v":1}}"""), await task.Outcome.WaitAsync(TimeSpan.FromSeconds(1)));
            Assert.Contains("stopping", cli.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(started);
        }
    }

    [Fact]
    public async Task A_handler_timeout_kills_the_commands_whole_group_re_parented_children_included()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromMilliseconds(200) });
        string arn = local.CreateActivity("timeout-group");
        string pidFile = Path.GetTempFileName();
        try
        {
            // The subshell exits at once: its sleep is re-parented, out of the command's process tree but in its group.
            using var cli = StartWorker(local, arn, ["--pollers", "1", "--handler-timeout", "1"],
                ["sh", "-c", "cat >/dev/null; (sleep 300 </dev/null >/dev/null 2>&1 & echo $! > \"$0\"); sleep 300", pidFile]);
            var task = local.EnqueueTask(arn, "{}");
            var failed = Assert.IsType<LocalTaskFailed>(await task.Outcome.WaitAsync(TimeSpan.FromSeconds(15)));
            Assert.Equal(WorkerErrorCodes.HandlerTimeout, failed.Error);
            int orphan = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
            var waited = Stopwatch.StartNew();
            while (CliProcess.IsAlive(orphan) && waited.Elapsed < TimeSpan.FromSeconds(3))
            {
                await Task.Delay(50);
            }

            bool alive = CliProcess.IsAlive(orphan);
            if (alive)
            {
                Process.GetProcessById(orphan).Kill();
            }

            Assert.False(alive, "the re-parented background child outlived the handler timeout");
            cli.Interrupt();
            Assert.Equal(0, await cli.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Matches(@"task [0-9a-f]+ killed ActivityCore\.HandlerTimeout in \d+\.\d\d s", cli.Stderr);
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    [Fact]
    public async Task Stdout_past_the_output_limit_fails_the_task_without_being_read_whole()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromMilliseconds(200) });
        string arn = local.CreateActivity("big-output");
        using var cli = StartWorker(local, arn, ["--pollers", "1"], ["sh", "-c", "cat >/dev/null; head -c 100000000 /dev/zero | tr '\\0' a"]);
        var task = local.EnqueueTask(arn, "{}");
        var failed = Assert.IsType<LocalTaskFailed>(await task.Outcome.WaitAsync(TimeSpan.FromSeconds(20)));
        long peak = cli.PeakResidentBytes();
        Assert.Equal(WorkerErrorCodes.InvalidOutput, failed.Error);
        Assert.Contains("more than 262,144 bytes", failed.Cause, StringComparison.Ordinal);
        Assert.True(peak < 150_000_000, $"the CLI peaked at {peak:N0} bytes resident for a 100 MB stdout");
        cli.Interrupt();
        Assert.Equal(0, await cli.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_background_child_holding_stdout_does_not_hold_the_task()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromMilliseconds(200) });
        string arn = local.CreateActivity("background");
        string pidFile = Path.GetTempFileName();
        try
        {
            using var cli = StartWorker(local, arn, ["--pollers", "1", "--handler-timeout", "5"],
                ["sh", "-c", "cat >/dev/null; sleep 20 & echo $! > \"$0\"; echo '{\"ok\":1}'", pidFile]);
            var task = local.EnqueueTask(arn, "{}");
            await Delivered(task);
            var took = Stopwatch.StartNew();
            Assert.Equal(new LocalTaskSucceeded("""{"ok":1}"""), await task.Outcome.WaitAsync(TimeSpan.FromSeconds(15)));
            Assert.True(took.Elapsed < TimeSpan.FromSeconds(3), $"the task took {took.Elapsed}");
            int child = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
            await Task.Delay(200);
            bool alive = CliProcess.IsAlive(child);
            if (alive)
            {
                Process.GetProcessById(child).Kill();
            }

            Assert.False(alive, "what the command left running in its group is killed once the command exited");
            cli.Interrupt();
            Assert.Equal(0, await cli.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            File.Delete(pidFile);
        }
    }
}
