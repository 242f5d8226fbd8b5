using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ActivityCore.Worker;

namespace ActivityCore.Cli;

/// <summary>What the command line asks for: a closed union of <see cref="Help"/>, <see cref="Run"/> and <see cref="Invalid"/>.</summary>
internal abstract record CliCommand
{
    private CliCommand()
    {
    }

    /// <summary>Print the usage.</summary>
    public sealed record Help : CliCommand;

    /// <summary>Run a command for each task of an activity.</summary>
    /// <param name="Worker">The worker's options.</param>
    /// <param name="Arn">The activity; its region is the region.</param>
    /// <param name="ServiceUrl">A service URL that replaces the AWS endpoint, if any.</param>
    /// <param name="NoSignRequest">Send the requests unsigned, with no credentials lookup.</param>
    /// <param name="Verbosity">How much to tell.</param>
    /// <param name="Command">The command and its arguments.</param>
    public sealed record Run(ActivityWorkerOptions Worker, ActivityArn Arn, Uri? ServiceUrl, bool NoSignRequest, Verbosity Verbosity, IReadOnlyList<string> Command) : CliCommand;

    /// <summary>The arguments make no sense.</summary>
    /// <param name="Message">Why.</param>
    public sealed record Invalid(string Message) : CliCommand;
}

/// <summary>Parses the command line. Pure: no I/O (the host name comes from the entry point).</summary>
internal static class CliArguments
{
    public const string DemoCommand = "dotnet run --project shell/ActivityCore.Demo";

    /// <summary>The worker's defaults, as <c>--help</c> states them: those of <see cref="ActivityWorkerOptions"/>, never written again here.</summary>
    private static readonly ActivityWorkerOptions Defaults = new();

    /// <summary>The largest number of seconds a duration option takes.</summary>
    private const double MaxSeconds = 1e7;

    public static readonly string Usage = $"""
        ActivityCore.Cli: an AWS Step Functions activity worker that runs a command per task.

        Usage:
          ActivityCore.Cli --activity-arn ARN [options] -- COMMAND [ARGS...]
                                   run COMMAND for each task of the activity: the task's input (JSON) on its stdin;
                                   its stdout (JSON, at most 262,144 bytes) is the task's output; a non-zero exit
                                   fails the task (error Command.ExitCode.N, cause: the tail of its stderr)
          ActivityCore.Cli --help
        The demo (an embedded local endpoint, no AWS account): dotnet run --project shell/ActivityCore.Demo

        Options:
          --region R               must be the ARN's region if given (the ARN's region is always the one used)
          --endpoint-url URL       an endpoint that replaces AWS's (a VPC endpoint, a local endpoint);
                                   also --service-url
          --no-sign-request        send the requests unsigned: no credentials are looked up (a local endpoint
                                   that verifies no signature)
          --worker-name NAME       the worker's name in the execution history (default: the host name)
          --pollers N              long polls at once: the fewest, with autoscaling (default {Defaults.Pollers})
          --max-pollers N          autoscaling: the most long polls at once, never more than --max-in-flight;
                                   'none' for a fixed --pollers (default {Defaults.MaxPollers})
          --max-in-flight N        tasks (and polls) in flight at most (default {Defaults.MaxTasksInFlight})
          --heartbeat SECONDS      heartbeat interval, or 'none' (default {SecondsText(Defaults.HeartbeatInterval)})
          --handler-timeout SECONDS  kill the command after this long and fail the task (default {SecondsText(Defaults.HandlerTimeout)})
          --drain-timeout SECONDS  on Ctrl-C / SIGTERM: how long the running commands may finish (default {SecondsText(Defaults.DrainTimeout)})
          --quiet                  only warnings, errors and the summary
          --verbose                also a line when each command starts (its pid), and the client's information

        On stderr: a line per task (its token's fingerprint, also given to COMMAND as ACTIVITYCORE_TASK_FINGERPRINT;
        succeeded / failed ERROR / killed ERROR; its duration), and a summary at exit.
        Each command runs in a session and process group of its own: a terminal's Ctrl-C reaches only the worker.
        When COMMAND exits, what it left running in its group is killed; the handler timeout, a heartbeat that says
        the task ended, and the end of the drain kill the whole group.
        Credentials: the AWS SDK's default chain (environment, profile, SSO, container, instance metadata).
        Ctrl-C, SIGTERM or SIGHUP (the terminal closed) drains: no new poll, the polls in flight finish, running
        commands get the drain timeout, the rest are failed (ActivityCore.WorkerStopped) so the state machine can retry
        them. A second signal hurries (fails the running tasks at once; polls still in flight are waited for, a task
        they bring is failed at once); a third ends the process at once.
        A set-up that will not heal by itself (no credentials, a wrong secret, a missing activity, no permission) ends
        the worker at its first polls with a line that names the fix (exit 3); once a poll was answered, later failures
        are retried at the backoff's cap and logged at Error.
        Exit codes: 0 done, 1 the worker failed, 2 bad arguments or COMMAND not found, 3 the first polls failed for a
        reason that will not heal by itself.
        """;

    private static readonly string[] Flags = ["--no-sign-request", "--quiet", "--verbose"];

    private static readonly string[] DemoOptions = ["--demo", "--tasks", "--hold-ms"];

    /// <summary>What the command line asks for.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="machineName">The host name: the worker's name unless <c>--worker-name</c> gives one.</param>
    /// <returns>Help, a run, or why the arguments make no sense.</returns>
    public static CliCommand Parse(IReadOnlyList<string> args, string machineName)
    {
        ArgumentNullException.ThrowIfNull(args);
        int separator = args.ToList().IndexOf("--");
        var options = separator < 0 ? args : args.Take(separator).ToList();
        var command = separator < 0 ? [] : args.Skip(separator + 1).ToList();
        if (options.Contains("--help") || options.Contains("-h"))
        {
            return new CliCommand.Help();
        }

        if (options.FirstOrDefault(DemoOptions.Contains) is { } demoOption)
        {
            return new CliCommand.Invalid($"{demoOption} is the demo's: the demo is its own program, {DemoCommand} [-- --tasks N ...]");
        }

        if (args.Count == 0)
        {
            return new CliCommand.Invalid($"--activity-arn ARN -- COMMAND is required (the demo: {DemoCommand})");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < options.Count; i++)
        {
            string key = options[i];
            if (Flags.Contains(key))
            {
                flags.Add(key);
            }
            else if (key.StartsWith("--", StringComparison.Ordinal) && i + 1 < options.Count)
            {
                values[key == "--service-url" ? "--endpoint-url" : key] = options[++i];
            }
            else
            {
                return new CliCommand.Invalid($"unexpected argument '{key}'");
            }
        }

        return ParseRun(values, flags, command, machineName);
    }

    private static CliCommand ParseRun(Dictionary<string, string> values, HashSet<string> flags, List<string> command, string machineName)
    {
        if (!values.TryGetValue("--activity-arn", out var arnText))
        {
            return new CliCommand.Invalid("--activity-arn is required");
        }

        if (command.Count == 0)
        {
            return new CliCommand.Invalid("a command is required after '--'");
        }

        if (flags.Contains("--quiet") && flags.Contains("--verbose"))
        {
            return new CliCommand.Invalid("--quiet and --verbose exclude each other");
        }

        return ActivityArn.Parse(arnText).Match(
            Left: e => new CliCommand.Invalid($"--activity-arn: {e.Message}"),
            Right: arn => WithOptions(arn, values, flags, command, machineName));
    }

    private static CliCommand WithOptions(ActivityArn arn, Dictionary<string, string> values, HashSet<string> flags, List<string> command, string machineName)
    {
        var worker = new ActivityWorkerOptions { ActivityArn = arn.Value, WorkerName = machineName };
        Uri? serviceUrl = null;
        foreach (var (key, value) in values)
        {
            string? problem = key switch
            {
                "--activity-arn" => null,
                "--region" => value == arn.Region ? null : $"--region {value} contradicts the ARN's region {arn.Region} (the ARN's region is used: leave --region out)",
                "--endpoint-url" => Uri.TryCreate(value, UriKind.Absolute, out serviceUrl) ? null : "--endpoint-url takes an absolute URL",
                "--worker-name" => Set(() => worker.WorkerName = value),
                "--pollers" => Int(value, n => worker.Pollers = n),
                "--max-pollers" => value == "none" ? Set(() => worker.MaxPollers = null) : Int(value, n => worker.MaxPollers = n),
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

        var verbosity = flags.Contains("--quiet") ? Verbosity.Quiet : flags.Contains("--verbose") ? Verbosity.Verbose : Verbosity.Normal;
        return new CliCommand.Run(worker, arn, serviceUrl, flags.Contains("--no-sign-request"), verbosity, command);
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

    /// <summary>A duration option: what <see cref="WorkerConfiguration.ParseDuration"/> reads (seconds, or <c>hh:mm:ss</c>), from 0 to <see cref="MaxSeconds"/> seconds.</summary>
    private static string? Seconds(string value, Action<TimeSpan> set)
    {
        var seconds = WorkerConfiguration.ParseDuration(value).Filter(static s => s >= TimeSpan.Zero && s.TotalSeconds <= MaxSeconds);
        seconds.IfSome(set);
        return seconds.IsSome ? null : "takes a number of seconds";
    }

    /// <summary>A default duration as <c>--help</c> writes it: seconds, or <c>none</c>.</summary>
    private static string SecondsText(TimeSpan? value) =>
        value is { } span ? span.TotalSeconds.ToString(CultureInfo.InvariantCulture) : "none";
}
