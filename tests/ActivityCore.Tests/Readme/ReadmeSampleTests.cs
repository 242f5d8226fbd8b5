using System;
using System.IO;
using MyWorker;
using Xunit;

namespace ActivityCore.Tests.Readme;

/// <summary>The documentation's samples are real code: compiled here, run here, and kept identical to the pages that show them.</summary>
public class ReadmeSampleTests
{
    internal static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "ActivityCore.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }

    internal static string Region(string file)
    {
        string text = File.ReadAllText(file).ReplaceLineEndings("\n");
        int start = text.IndexOf("// begin-sample\n", StringComparison.Ordinal) + "// begin-sample\n".Length;
        int end = text.IndexOf("// end-sample", StringComparison.Ordinal);
        return text[start..end];
    }

    [Fact]
    public void The_core_sample_runs() => Assert.Equal("fix the ARN (bad)", CoreSample.Run());

    [Fact]
    public void The_protocol_page_shows_the_core_sample_verbatim()
    {
        string page = File.ReadAllText(RepositoryFile("docs/protocol-and-errors.md")).ReplaceLineEndings("\n");
        Assert.Contains(Region(RepositoryFile("tests/ActivityCore.Tests/Readme/CoreSample.cs")), page, StringComparison.Ordinal);
    }
}
