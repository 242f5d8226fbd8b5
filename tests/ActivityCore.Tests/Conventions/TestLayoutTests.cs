using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ActivityCore.Tests.Readme;
using Xunit;

namespace ActivityCore.Tests.Conventions;

/// <summary>
/// The tests mirror the source tree: each source project has a folder here (<c>Core</c>, <c>Shell</c>, <c>Local</c>,
/// <c>Cli</c>, <c>Demo</c>) with the project's own subfolders under it, and a test named for a source type
/// (<c>XTests</c>, <c>XProperties</c>) sits in the mirror of that type's folder. The other folders hold tests that cut
/// across the projects. Namespaces follow the folders (IDE0130), so the namespaces mirror the source's too.
/// </summary>
public class TestLayoutTests
{
    /// <summary>Each source project and the folder that mirrors it.</summary>
    private static readonly (string Source, string Mirror)[] Projects =
    [
        ("core/ActivityCore.Core", "Core"),
        ("shell/ActivityCore", "Shell"),
        ("shell/ActivityCore.Local", "Local"),
        ("shell/ActivityCore.Cli", "Cli"),
        ("shell/ActivityCore.Demo", "Demo"),
    ];

    /// <summary>The folders of tests that span projects: conformance with outside parties, fuzzing, the documented samples, one test per past defect, and this check.</summary>
    private static readonly string[] CrossCutting = ["Conformance", "Conventions", "Data", "Fuzz", "Readme", "Regressions"];

    private static readonly string Root = Path.GetDirectoryName(ReadmeSampleTests.RepositoryFile("ActivityCore.sln"))!;
    private static readonly string Tests = Path.Combine(Root, "tests", "ActivityCore.Tests");

    [Fact]
    public void Every_test_folder_mirrors_a_source_folder_or_is_a_cross_cutting_one()
    {
        var mirrors = SourceFolders().Values.SelectMany(folders => folders).ToHashSet(StringComparer.Ordinal);
        var strays = Folders(Tests)
            .Where(folder => !mirrors.Contains(folder) && !CrossCutting.Contains(folder.Split('/')[0], StringComparer.Ordinal))
            .ToList();

        Assert.True(strays.Count == 0, "test folders that mirror no source folder: " + string.Join(", ", strays));
    }

    [Fact]
    public void A_test_named_for_a_source_type_sits_in_the_mirror_of_its_folder()
    {
        var misplaced = new List<string>();
        var sources = SourceFolders();
        foreach (string file in CodeFiles(Tests))
        {
            string folder = Relative(Tests, Path.GetDirectoryName(file)!);
            if (folder.Length == 0 || CrossCutting.Contains(folder.Split('/')[0], StringComparer.Ordinal))
                continue;
            string type = Path.GetFileName(file).Split('.')[0];
            string subject = type.EndsWith("Tests", StringComparison.Ordinal) ? type[..^"Tests".Length]
                : type.EndsWith("Properties", StringComparison.Ordinal) ? type[..^"Properties".Length]
                : string.Empty;
            if (sources.TryGetValue(subject, out var homes) && !homes.Contains(folder))
                misplaced.Add($"{folder}/{Path.GetFileName(file)} (its subject is in {string.Join(" or ", homes)})");
        }

        Assert.True(misplaced.Count == 0, "tests outside the mirror of their subject's folder: " + string.Join("; ", misplaced));
    }

    [Fact]
    public void The_mirror_knows_every_source_project()
    {
        var projects = Directory.EnumerateFiles(Path.Combine(Root, "core"), "*.csproj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "shell"), "*.csproj", SearchOption.AllDirectories))
            .Select(project => Relative(Root, Path.GetDirectoryName(project)!))
            .Order(StringComparer.Ordinal);

        Assert.Equal(Projects.Select(p => p.Source).Order(StringComparer.Ordinal), projects);
    }

    /// <summary>Each source type's name and the mirror folders of the files that declare it (a name may be in several projects).</summary>
    private static Dictionary<string, HashSet<string>> SourceFolders()
    {
        var homes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (source, mirror) in Projects)
        {
            string project = Path.Combine(Root, source);
            foreach (string file in CodeFiles(project))
            {
                string folder = Relative(project, Path.GetDirectoryName(file)!);
                string home = folder.Length == 0 ? mirror : mirror + "/" + folder;
                string type = Path.GetFileName(file).Split('.')[0];
                if (!homes.TryGetValue(type, out var set))
                    homes[type] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(home);
            }
        }

        return homes;
    }

    /// <summary>The folders under <paramref name="root"/> that hold C# files, relative, with '/'.</summary>
    private static IEnumerable<string> Folders(string root) =>
        CodeFiles(root).Select(file => Relative(root, Path.GetDirectoryName(file)!)).Where(folder => folder.Length > 0).Distinct();

    private static IEnumerable<string> CodeFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(file => !Relative(root, file).Split('/').Any(part => part is "bin" or "obj"));

    private static string Relative(string root, string path)
    {
        string relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
        return relative == "." ? string.Empty : relative;
    }
}
