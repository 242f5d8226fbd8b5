using System;
using System.Collections.Generic;
using System.Globalization;
using ActivityCore.Worker;

namespace ActivityCore.Demo;

/// <summary>The demo's settings.</summary>
/// <param name="Tasks">How many sample tasks.</param>
/// <param name="Pollers">Pollers.</param>
/// <param name="MaxTasksInFlight">Bound on tasks in flight.</param>
/// <param name="HoldTime">The local endpoint's poll hold time.</param>
internal sealed record DemoOptions(int Tasks, int Pollers, int MaxTasksInFlight, TimeSpan HoldTime)
{
    /// <summary>2,000 tasks, 16 pollers, 64 in flight, 200 ms hold.</summary>
    public static DemoOptions Default { get; } = new(2000, 16, 64, TimeSpan.FromMilliseconds(200));
}

/// <summary>Parses the demo's command line. Pure.</summary>
internal static class DemoArguments
{
    public const string Usage = """
        ActivityCore.Demo: an embedded local Step Functions endpoint, an activity, a batch of sample tasks
        ({"n": i} -> {"n": i, "square": i*i}), a worker with a progress bar on stderr, then a summary on stdout.

        Usage: ActivityCore.Demo [--tasks N] [--pollers N] [--max-in-flight N] [--hold-ms N]
          --tasks N           sample tasks (default 2000)
          --pollers N         the worker's long polls at once (default 16)
          --max-in-flight N   tasks (and polls) in flight at most (default 64)
          --hold-ms N         how long the local endpoint holds an empty poll, in ms (default 200)
        Ctrl-C stops it: the tasks never handed out are reported as "not run".
        Exit codes: 0 done, 1 a task was lost, 2 bad arguments, 130 interrupted.
        """;

    /// <summary>The options, or why not (null when help was asked).</summary>
    public static (DemoOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var d = DemoOptions.Default;
        for (int i = 0; i < args.Count; i++)
        {
            string key = args[i];
            if (key is "--help" or "-h")
            {
                return (null, null);
            }

            if (i + 1 >= args.Count || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 0)
            {
                return (null, $"{key} takes a non-negative integer");
            }

            i++;
            switch (key)
            {
                case "--tasks": d = d with { Tasks = n }; break;
                case "--pollers": d = d with { Pollers = n }; break;
                case "--max-in-flight": d = d with { MaxTasksInFlight = n }; break;
                case "--hold-ms": d = d with { HoldTime = TimeSpan.FromMilliseconds(n) }; break;
                default: return (null, $"unknown option '{key}'");
            }
        }

        return (d, null);
    }
}
