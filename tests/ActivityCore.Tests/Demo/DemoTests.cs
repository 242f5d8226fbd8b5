using System;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using ActivityCore.Tests.Cli;
using Xunit;

namespace ActivityCore.Tests.Demo;

/// <summary>The demo in its own program (shell/ActivityCore.Demo), and a command-mode binary that needs no ASP.NET Core.</summary>
[Collection(ProcessTestGroup.Name)]
public class DemoTests
{
    [Fact]
    public async Task The_demo_runs_its_batch_and_prints_a_summary()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(["--tasks", "300", "--pollers", "8", "--hold-ms", "100"], null, CliProcess.DemoDll);
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("succeeded 300, failed 0, lost 0", stdout, StringComparison.Ordinal);
        Assert.Contains("tasks/s", stdout, StringComparison.Ordinal);
        Assert.Contains("p99", stdout, StringComparison.Ordinal);
        Assert.Contains("progress: 300/300 (100 %)", stderr, StringComparison.Ordinal); // plain lines: stderr is not a terminal here
    }

    [Fact]
    public async Task An_interrupted_demo_counts_the_tasks_it_never_ran_as_not_run_not_lost()
    {
        using var demo = CliProcess.Start(["--tasks", "50000", "--pollers", "1", "--max-in-flight", "1", "--hold-ms", "50"], dll: CliProcess.DemoDll);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!demo.Stderr.Contains("progress: ", StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50);
        }

        await Task.Delay(500);
        demo.Interrupt();
        int exit = await demo.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Matches(new Regex(@"interrupted: \d+ not run"), demo.Stdout);
        Assert.Contains("lost 0", demo.Stdout, StringComparison.Ordinal);
        Assert.Equal(130, exit);
    }

    [Fact]
    public void The_command_mode_binary_needs_no_asp_net_core()
    {
        string runtimeConfig = Path.ChangeExtension(CliProcess.CliDll, ".runtimeconfig.json");
        string text = File.ReadAllText(runtimeConfig);
        Assert.Contains("Microsoft.NETCore.App", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AspNetCore", text, StringComparison.Ordinal);
    }
}
