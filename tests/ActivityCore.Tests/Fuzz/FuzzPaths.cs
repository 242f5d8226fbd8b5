using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ActivityCore.Tests.Readme;

namespace ActivityCore.Tests.Fuzz;

/// <summary>Where the fuzzing project, its seed corpus and its regression inputs are, seen from the test assembly.</summary>
internal static class FuzzPaths
{
    /// <summary>tests/ActivityCore.Fuzz in the repository the tests were built from.</summary>
    public static string Project { get; } =
        Path.GetDirectoryName(Readme.ReadmeSampleTests.RepositoryFile("tests/ActivityCore.Fuzz/fuzz.sh"))!;

    /// <summary>The build configuration of the running test assembly (its bin folder's parent's name).</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The seed corpus of a target.</summary>
    public static IReadOnlyList<string> Seeds(string target) => FilesUnder(Path.Combine(Project, "corpus", target));

    /// <summary>The regression inputs of a target: crashes and hangs the fuzzer found, kept once fixed.</summary>
    public static IReadOnlyList<string> Regressions(string target) => FilesUnder(Path.Combine(Project, "regressions", target));

    private static string[] FilesUnder(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToArray() : [];
}
