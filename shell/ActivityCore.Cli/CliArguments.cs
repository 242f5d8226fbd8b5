using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ActivityCore.Cli;

/// <summary>What the command line asks for: a closed union of <see cref="Help"/>, <see cref="Demo"/>, <see cref="Run"/> and <see cref="Invalid"/>.</summary>
internal abstract record CliCommand
{
    private CliCommand()
    {
    }

    /// <summary>Print the usage.</summary>
    public sealed record Help : CliCommand;

    /// <summary>The no-argument demo against the embedded local endpoint.</summary>
    /// <param name="Tasks">How many sample tasks.</param>
    /// <param name="Pollers">Pollers.</param>
    /// <param name="MaxTasksInFlight">Bound on tasks in flight.</param>
    /// <param name="HoldTime">The local endpoint's poll hold time.</param>
    public sealed record Demo(int Tasks, int Pollers, int MaxTasksInFlight, TimeSpan HoldTime) : CliCommand;

    /// <summary>Run a command for each task of an activity.</summary>
    /// <param name="Worker">The worker's options.</param>
    /// <param name="Region">The region.</param>
    /// <param name="ServiceUrl">A service URL that replaces the AWS endpoint, if any.</param>
    /// <param name="Command">The command and its arguments.</param>
    public sealed record Run(ActivityWorkerOptions Worker, string Region, Uri? ServiceUrl, IReadOnlyList<string> Command) : CliCommand;

    /// <summary>The arguments make no sense.</summary>
    /// <param name="Message">Why.</param>
    public sealed record Invalid(string Message) : CliCommand;
}

/// <summary>Parses the command line. Pure: no I/O.</summary>
internal static class CliArguments
{
    public const string Usage = """
        ActivityCore.Cli: an AWS Step Functions activity worker.

        Usage:
          ActivityCore.Cli                      run the demo: an embedded local endpoint, a batch of sample tasks,
                                                a worker with a progress bar, then a summary (exit 1 if a task was lost)
          ActivityCore.Cli --demo [--tasks N] [--pollers N] [--max-in-flight N] [--hold-ms N]
          ActivityCore.Cli --activity-arn ARN [--region R] [options] -- COMMAND [ARGS...]
                                                run COMMAND for each task of the activity: the task's input (JSON) on
                                                its stdin; its stdout (JSON) is the task's output; a non-zero exit fails
                                                the task (error Command.ExitCode.N, cause: the tail of its stderr)
          ActivityCore.Cli --help

        Options of the worker:
          --region R               the region (default: AWS_REGION, AWS_DEFAULT_REGION, else the ARN's region)
          --service-url URL        an endpoint that replaces AWS's (a VPC endpoint, a local endpoint)
          --worker-name NAME       the worker's name in the execution history (default: the host name)
          --pollers N              long polls at once (default 4)
          --max-in-flight N        tasks (and polls) in flight at most (default 16)
          --heartbeat SECONDS      heartbeat interval, or 'none' (default 30)
          --handler-timeout SECONDS  kill the command after this long and fail the task (default none)
          --drain-timeout SECONDS  on Ctrl-C / SIGTERM: how long the running commands may finish (default 30)

        Credentials: the AWS SDK's default chain (environment, profile, SSO, container, instance metadata).
        Ctrl-C or SIGTERM drains: no new poll, the polls in flight finish, running commands get the drain timeout,
        the rest are failed (ActivityCore.WorkerStopped) so the state machine can retry them. A second Ctrl-C hurries
        (fails the running tasks at once; polls still in flight are waited for, a task they bring is failed at once);
        a third ends the process at once.
        Exit codes: 0 done, 1 a task was lost (demo) or the worker failed, 2 bad arguments.
        """;

    public static CliCommand Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            return DefaultDemo();
        }

        int separator = args.ToList().IndexOf("--");
        var options = separator < 0 ? args : args.Take(separator).ToList();
        var command = separator < 0 ? [] : args.Skip(separator + 1).ToList();
        if (options.Contains("--help") || options.Contains("-h"))
        {
            return new CliCommand.Help();
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool demo = false;
        for (int i = 0; i < options.Count; i++)
        {
            string key = options[i];
            if (key == "--demo")
            {
                demo = true;
                continue;
            }

            if (!key.StartsWith("--", StringComparison.Ordinal) || i + 1 >= options.Count)
            {
                return new CliCommand.Invalid($"unexpected argument '{key}'");
            }

            values[key] = options[++i];
        }

        return demo ? ParseDemo(values) : ParseRun(values, command);
    }

    private static CliCommand.Demo DefaultDemo() => new(2000, 16, 64, TimeSpan.FromMilliseconds(200));

    private static CliCommand ParseDemo(Dictionary<string, string> values)
    {
        var d = DefaultDemo();
        foreach (var (key, value) in values)
        {
            if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 0)
            {
                return new CliCommand.Invalid($"{key} takes a non-negative integer");
            }

            switch (key)
            {
                case "--tasks": d = d with { Tasks = n }; break;
                case "--pollers": d = d with { Pollers = n }; break;
                case "--max-in-flight": d = d with { MaxTasksInFlight = n }; break;
                case "--hold-ms": d = d with { HoldTime = TimeSpan.FromMilliseconds(n) }; break;
                default: return new CliCommand.Invalid($"unknown option '{key}' for --demo");
            }
        }

        return d;
    }

    private static CliCommand ParseRun(Dictionary<string, string> values, List<string> command)
    {
        if (!values.TryGetValue("--activity-arn", out var arn))
        {
            return new CliCommand.Invalid("--activity-arn is required (or no argument at all for the demo)");
        }

        if (command.Count == 0)
        {
            return new CliCommand.Invalid("a command is required after '--'");
        }

        var worker = new ActivityWorkerOptions { ActivityArn = arn, WorkerName = Environment.MachineName };
        string? region = null;
        Uri? serviceUrl = null;
        foreach (var (key, value) in values)
        {
            string? problem = key switch
            {
                "--activity-arn" => null,
                "--region" => Set(() => region = value),
                "--service-url" => Uri.TryCreate(value, UriKind.Absolute, out serviceUrl) ? null : "--service-url takes an absolute URL",
                "--worker-name" => Set(() => worker.WorkerName = value),
                "--pollers" => Int(value, n => worker.Pollers = n),
                "--max-in-flight" => Int(value, n => worker.MaxTasksInFlight = n),
                "--heartbeat" => value == "none" ? Set(() => worker.HeartbeatInterval = null) : Seconds(value, s => worker.HeartbeatInterval = s),
                "--handler-timeout" => value == "none" ? Set(() => worker.HandlerTimeout = null) : Seconds(value, s => worker.HandlerTimeout = s),
                "--drain-timeout" => Seconds(value, s => worker.DrainTimeout = s),
                _ => $"unknown option '{key}'",
            };
            if (problem is not null)
            {
                return new CliCommand.Invalid(problem.StartsWith("--", StringComparison.Ordinal) || problem.StartsWith("unknown", StringComparison.Ordinal) ? problem : $"{key}: {problem}");
            }
        }

        region ??= Environment.GetEnvironmentVariable("AWS_REGION")
            ?? Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION")
            ?? RegionOf(arn);
        return region is null
            ? new CliCommand.Invalid("no region: pass --region or set AWS_REGION")
            : new CliCommand.Run(worker, region, serviceUrl, command);
    }

    private static string? RegionOf(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length > 3 && parts[3].Length > 0 ? parts[3] : null;
    }

    private static string? Set(Action set)
    {
        set();
        return null;
    }

    private static string? Int(string value, Action<int> set)
    {
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n))
        {
            return "takes an integer";
        }

        set(n);
        return null;
    }

    private static string? Seconds(string value, Action<TimeSpan> set)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double s) || !double.IsFinite(s) || s < 0 || s > 1e7)
        {
            return "takes a number of seconds";
        }

        set(TimeSpan.FromSeconds(s));
        return null;
    }
}
