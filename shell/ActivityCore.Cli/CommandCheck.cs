using System;
using System.IO;
using System.Linq;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Cli;

/// <summary>Finds a program as execvp(3) does (a name with a '/' is a path, else each PATH entry), before any task is taken.</summary>
internal static class CommandCheck
{
    /// <summary>The program's path, or why it cannot be run (a message that names the fix).</summary>
    /// <param name="name">COMMAND as given.</param>
    /// <param name="path">The PATH variable.</param>
    /// <returns>The path found, or the reason.</returns>
    public static Either<string, string> Resolve(string name, string? path)
    {
        if (name.Length == 0)
        {
            return Left<string, string>("COMMAND is empty");
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            return Check(name).ToEither(name).Swap();
        }

        var candidates = (path ?? string.Empty).Split(':').Select(dir => Path.Combine(dir.Length == 0 ? "." : dir, name)).ToList();
        var runnable = candidates.Find(c => File.Exists(c) && Posix.IsExecutable(c));
        return runnable is not null
            ? Right<string, string>(runnable)
            : Left<string, string>(candidates.Exists(File.Exists)
                ? $"'{name}' was found on PATH but is not executable (chmod +x)"
                : $"'{name}' was not found on PATH ({path}); give its path, or install it");
    }

    /// <summary>Why a path cannot be executed, if it cannot.</summary>
    private static Option<string> Check(string file) =>
        Directory.Exists(file) ? Some($"'{file}' is a directory, not a program")
        : !File.Exists(file) ? Some($"'{file}' does not exist")
        : !Posix.IsExecutable(file) ? Some($"'{file}' is not executable (chmod +x {file})")
        : None;
}
