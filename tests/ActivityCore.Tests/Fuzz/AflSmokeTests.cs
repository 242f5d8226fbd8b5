using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using ActivityCore.Fuzz;
using Xunit;
using Xunit.Abstractions;

namespace ActivityCore.Tests.Fuzz;

/// <summary>
/// The CI smoke run of the coverage-guided fuzzing: tests/ActivityCore.Fuzz/fuzz.sh runs every target under
/// afl-fuzz for a fixed number of executions (with a fixed RNG seed) on a SharpFuzz-instrumented copy of the core.
/// </summary>
[Collection(ProcessTestGroup.Name)]
public sealed partial class AflSmokeTests(ITestOutputHelper output)
{
    /// <summary>Executions per target: about 4 s each at this machine's 5,000–10,000 executions/s.</summary>
    private const int ExecutionsPerTarget = 30_000;

    [AflFact]
    public void A_fixed_length_afl_run_of_every_target_finds_no_crash()
    {
        string work = Directory.CreateTempSubdirectory("activitycore-fuzz-").FullName;
        try
        {
            var start = new ProcessStartInfo("bash")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[] { Path.Combine(FuzzPaths.Project, "fuzz.sh"), "all", "-E", ExecutionsPerTarget.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["FUZZ_NO_BUILD"] = "1";
            start.Environment["FUZZ_WORK"] = work;
            start.Environment["CONFIGURATION"] = FuzzPaths.Configuration;
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "the smoke run took over 5 minutes");
            output.WriteLine(stdout);
            output.WriteLine(stderr.Result);
            Assert.True(process.ExitCode == 0, $"fuzz.sh exited {process.ExitCode}:\n{stdout}\n{stderr.Result}");

            var runs = StatsLine().Matches(stdout).ToDictionary(m => m.Groups["target"].Value);
            Assert.Equal(FuzzTargets.All.Select(t => t.Name).Order(), runs.Keys.Order());
            Assert.All(runs.Values, m =>
            {
                Assert.True(long.Parse(m.Groups["execs"].Value, System.Globalization.CultureInfo.InvariantCulture) >= ExecutionsPerTarget, m.Value);

                // Coverage feedback reached the fuzzer: an uninstrumented core reports a handful of edges at most.
                Assert.True(int.Parse(m.Groups["edges"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 50, m.Value);
                Assert.Equal("0", m.Groups["crashes"].Value);
                Assert.Equal("0", m.Groups["hangs"].Value);
            });
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [GeneratedRegex(@"^(?<target>[a-z0-9-]+): execs_done=(?<execs>\d+) .* edges_found=(?<edges>\d+) saved_crashes=(?<crashes>\d+) saved_hangs=(?<hangs>\d+)", RegexOptions.Multiline)]
    private static partial Regex StatsLine();
}

/// <summary>
/// A fact that needs afl-fuzz (Debian's afl++). Without it on PATH the test is reported as skipped, with the reason,
/// unless <c>ACTIVITYCORE_REQUIRE_AFL=1</c> (as <c>.ci/run</c> sets after installing afl++), where it runs and fails.
/// </summary>
internal sealed class AflFactAttribute : FactAttribute
{
    public AflFactAttribute()
    {
        bool onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "afl-fuzz")));
        if (!onPath && Environment.GetEnvironmentVariable("ACTIVITYCORE_REQUIRE_AFL") != "1")
        {
            Skip = "afl-fuzz is not on PATH: install Debian's afl++ (apt-get install -y afl++) to run the fuzzing smoke; .ci/run installs and requires it";
        }
    }
}
