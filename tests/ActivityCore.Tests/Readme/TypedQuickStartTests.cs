using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Tests.Cli;
using Xunit;

namespace ActivityCore.Tests.Readme;

/// <summary>
/// The README's quick start (a typed worker against the local endpoint) is samples/ActivityCore.TypedQuickStart/Program.cs
/// verbatim: the build compiles it with the trim and AOT analyzers on, this test runs it and checks the README's copy.
/// </summary>
[Collection(ProcessTestGroup.Name)]
public class TypedQuickStartTests
{
    private const string Sample = "samples/ActivityCore.TypedQuickStart/Program.cs";

    [Fact]
    public void The_README_leads_with_the_quick_start_verbatim()
    {
        string readme = File.ReadAllText(ReadmeSampleTests.RepositoryFile("README.md")).ReplaceLineEndings("\n");
        string program = File.ReadAllText(ReadmeSampleTests.RepositoryFile(Sample)).ReplaceLineEndings("\n");

        string firstBlock = readme[(readme.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length)..];
        Assert.StartsWith(program, firstBlock, StringComparison.Ordinal);
    }

    [Fact]
    public void The_quick_start_is_at_most_15_lines_of_code_besides_its_usings()
    {
        string[] lines = File.ReadAllText(ReadmeSampleTests.RepositoryFile(Sample)).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

        // The using directives are the lines before the first blank one; "using var" statements count as code.
        int code = lines.SkipWhile(l => l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("using var ", StringComparison.Ordinal))
            .Count(l => l.Trim().Length > 0);
        Assert.Equal(5, lines.TakeWhile(l => l.Trim().Length > 0).Count()); // the usings
        Assert.InRange(code, 1, 15);
    }

    [Fact]
    public async Task The_quick_start_runs_a_task_through_a_typed_worker_and_stops()
    {
        string dll = ReadmeSampleTests.RepositoryFile("ActivityCore.sln");
        string root = Path.GetDirectoryName(dll)!;
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string program = Path.Combine(root, "samples", "ActivityCore.TypedQuickStart", "bin", here.Parent!.Name, here.Name, "ActivityCore.TypedQuickStart.dll");

        var (exit, stdout, stderr) = await CliProcess.RunAsync([], null, program);

        Assert.True(exit == 0, stderr);
        Assert.Equal("{\"Width\":32}", stdout.Trim());
    }
}
