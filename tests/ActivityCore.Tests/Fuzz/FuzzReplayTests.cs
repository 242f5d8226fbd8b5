using System;
using System.IO;
using System.Linq;
using ActivityCore.Fuzz;
using ActivityCore.Parsing;
using Xunit;

namespace ActivityCore.Tests.Fuzz;

/// <summary>
/// Every seed and every regression input of every fuzz target, run in process through the same target code the
/// fuzzer runs (parser + invariants). A crash the fuzzer finds is copied to regressions/TARGET by fuzz.sh and, once
/// fixed and committed, runs here on every <c>dotnet test</c>.
/// </summary>
public class FuzzReplayTests
{
    public static TheoryData<string> Targets => new(FuzzTargets.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_and_regression_input_runs_clean(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var seeds = FuzzPaths.Seeds(name);
        Assert.True(seeds.Count >= 4, $"corpus/{name} has {seeds.Count} seeds");
        var failures = seeds.Concat(FuzzPaths.Regressions(name))
            .Select(file => (file, error: Run(target, File.ReadAllBytes(file))))
            .Where(r => r.error is not null)
            .Select(r => $"{Path.GetFileName(r.file)}: {r.error}")
            .ToList();
        Assert.Empty(failures);
    }

    [Fact]
    public void Every_regression_folder_belongs_to_a_target()
    {
        string regressions = Path.Combine(FuzzPaths.Project, "regressions");
        var folders = Directory.GetDirectories(regressions).Select(Path.GetFileName).ToList();
        Assert.NotEmpty(folders);
        Assert.All(folders, f => Assert.NotNull(FuzzTargets.Find(f!)));
    }

    [Fact]
    public void The_json_regression_found_by_afl_is_kept()
    {
        // The first crash afl-fuzz found (ValueTextEquals throwing on "me\ud83dssage"), replayed here and in the core tests.
        var input = File.ReadAllBytes(Path.Combine(FuzzPaths.Project, "regressions", "json-error", "escaped-lone-surrogate-in-field-name"));
        Assert.Null(Run(FuzzTargets.Find("json-error")!, input));
        Assert.Equal("KmsInvalidStateException", ErrorDocument.ParseJson(input, null).Code.IfNone("(none)"));
    }

    private static string? Run(FuzzTarget target, byte[] input)
    {
        try
        {
            target.Run(input);
            return null;
        }
#pragma warning disable CA1031 // Every failure is reported with its input.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }
}
