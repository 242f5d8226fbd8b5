using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using SharpFuzz;

namespace ActivityCore.Fuzz;

/// <summary>
/// The fuzzing front end. <c>afl TARGET</c> runs a target under afl-fuzz (SharpFuzz's fork server);
/// <c>instrument DLL</c> adds AFL coverage instrumentation to a copy of <c>ActivityCore.Core.dll</c> in place;
/// <c>replay TARGET PATH...</c> runs files or folders of inputs once each and reports any that throw;
/// <c>list</c> prints the targets. <c>tests/ActivityCore.Fuzz/fuzz.sh</c> wires these to afl-fuzz.
/// </summary>
public static class Program
{
    /// <summary>Runs one mode.</summary>
    /// <param name="args">The mode and its arguments.</param>
    /// <returns>0 on success; 1 when a replayed input failed; 2 for bad usage.</returns>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args)
        {
            case ["list"]:
                foreach (var target in FuzzTargets.All)
                {
                    Console.WriteLine($"{target.Name}\t{target.Description}");
                }

                return 0;
            case ["instrument", var dll]:
                var types = Fuzzer.Instrument(dll, type => type.StartsWith("ActivityCore.", StringComparison.Ordinal), Options.Value);
                Console.WriteLine($"instrumented {types.Count()} types in {dll}");
                return 0;
            case ["afl", var name] when FuzzTargets.Find(name) is { } target:
                RunUnderAfl(target);
                return 0;
            case ["replay", var name, .. var paths] when FuzzTargets.Find(name) is { } target && paths.Length > 0:
                return Replay(target, paths);
            default:
                Console.Error.WriteLine("usage: ActivityCore.Fuzz list | instrument DLL | afl TARGET | replay TARGET PATH...");
                Console.Error.WriteLine("targets: " + string.Join(", ", FuzzTargets.All.Select(t => t.Name)));
                return 2;
        }
    }

    private static void RunUnderAfl(FuzzTarget target)
    {
        // Out of process: a stack overflow or a crash of the runtime is reported to afl-fuzz as a crash with its
        // input saved, instead of taking the fork server down.
        var buffer = new MemoryStream();
        Fuzzer.OutOfProcess.Run(stream =>
        {
            buffer.SetLength(0);
            stream.CopyTo(buffer);
            target.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        });
    }

    private static int Replay(FuzzTarget target, IEnumerable<string> paths)
    {
        int runs = 0, failures = 0;
        foreach (var file in paths.SelectMany(Files))
        {
            runs++;
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
#pragma warning disable CA1031 // Replay reports every failure, whatever its type, and goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failures++;
                Console.Error.WriteLine($"FAIL {file}: {e}");
            }
        }

        Console.WriteLine($"{target.Name}: {runs} inputs, {failures} failed");
        return failures == 0 ? 0 : 1;
    }

    private static IEnumerable<string> Files(string path) =>
        Directory.Exists(path) ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [path];
}
