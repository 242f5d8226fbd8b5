using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using ActivityCore.Worker;
using Xunit;

namespace ActivityCore.Tests.Readme;

/// <summary>Every relative link of the README and the docs points to a file that exists, and to a heading of it when it names one.</summary>
public class DocumentationLinkTests
{
    private static readonly Regex Link = new(@"\[[^\]]*\]\(([^)\s]+)\)", RegexOptions.CultureInvariant);
    private static readonly Regex CodeSpan = new("`[^`]*`", RegexOptions.CultureInvariant);

    /// <summary>The pages checked, relative to the repository.</summary>
    public static TheoryData<string> Pages()
    {
        string root = Path.GetDirectoryName(ReadmeSampleTests.RepositoryFile("ActivityCore.sln"))!;
        var pages = new TheoryData<string>
        {
            "README.md",
            "benchmarks/README.md",
            "CHANGELOG.md",
            "core/ActivityCore.Core/README.md",
            "shell/ActivityCore/README.md",
            "shell/ActivityCore.Local/README.md",
        };
        foreach (string page in Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(root, page).Replace('\\', '/'));
        }

        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_points_to_an_existing_file_and_heading(string page)
    {
        string file = ReadmeSampleTests.RepositoryFile(page);
        var broken = RelativeLinks(File.ReadAllText(file))
            .Where(link => !Resolves(file, link))
            .ToList();

        Assert.True(broken.Count == 0, $"{page}: broken links: {string.Join(", ", broken)}");
    }

    [Fact]
    public void The_docs_index_lists_every_page_of_docs()
    {
        string index = ReadmeSampleTests.RepositoryFile("docs/README.md");
        var linked = RelativeLinks(File.ReadAllText(index)).Select(l => l.Split('#')[0]).ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(Path.GetDirectoryName(index)!, "*.md").Select(Path.GetFileName).Where(n => n != "README.md");

        Assert.All(pages, name => Assert.Contains(name!, linked));
    }

    [Theory]
    [InlineData("Quick start: a worker", "quick-start-a-worker")]
    [InlineData("Options (`ActivityWorkerOptions`)", "options-activityworkeroptions")]
    [InlineData("Re-measured on the final core (2026-11-25, `--job short`)", "re-measured-on-the-final-core-2026-11-25---job-short")]
    [InlineData("The demo: `shell/ActivityCore.Demo`", "the-demo-shellactivitycoredemo")]
    public void Headings_become_anchors_as_GitHub_makes_them(string heading, string anchor) => Assert.Equal(anchor, Slug(heading));

    private static IEnumerable<string> RelativeLinks(string markdown)
    {
        bool fenced = false;
        foreach (string line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (fenced)
            {
                continue;
            }

            foreach (Match m in Link.Matches(CodeSpan.Replace(line, "")))
            {
                string target = m.Groups[1].Value;
                if (!target.Contains("://", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal))
                {
                    yield return target;
                }
            }
        }
    }

    private static bool Resolves(string fromFile, string link)
    {
        string[] parts = link.Split('#', 2);
        string target = parts[0].Length == 0 ? fromFile : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(fromFile)!, parts[0]));
        if (!File.Exists(target) && !Directory.Exists(target))
        {
            return false;
        }

        return parts.Length == 1 || (File.Exists(target) && Anchors(File.ReadAllText(target)).Contains(parts[1]));
    }

    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        bool fenced = false;
        foreach (string line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (!fenced && Regex.Match(line, "^#{1,6} (.+)$") is { Success: true } heading)
            {
                string slug = Slug(heading.Groups[1].Value.Trim());
                int n = seen.GetValueOrDefault(slug);
                seen[slug] = n + 1;
                anchors.Add(n == 0 ? slug : $"{slug}-{n}");
            }
        }

        return anchors;
    }

    // GitHub's rule: lower case; drop every character that is not a letter, a digit, a space, '-' or '_'; spaces become '-'.
    private static string Slug(string heading)
    {
        var slug = new StringBuilder(heading.Length);
        foreach (char c in heading.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }
}
