using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Worker;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace ActivityCore.Cli;

/// <summary>The worker against AWS (or any service URL): a command per task, Ctrl-C / SIGTERM / SIGHUP drains, a second one hurries.</summary>
internal static class CommandMode
{
    public static async Task<int> RunAsync(CliCommand.Run run, string setsid)
    {
        var time = TimeProvider.System;
        using var loggers = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .AddFilter("ActivityCore.ActivityClient", run.Verbosity == Verbosity.Verbose ? LogLevel.Information : LogLevel.Warning)
            .SetMinimumLevel(run.Verbosity switch { Verbosity.Quiet => LogLevel.Warning, Verbosity.Verbose => LogLevel.Debug, _ => LogLevel.Information })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var created = ActivityClient.Create(new ActivityClientOptions
        {
            Region = run.Arn.Region,
            ServiceUrl = run.ServiceUrl,
            Credentials = run.NoSignRequest ? new AnonymousAWSCredentials() : null,
            Logger = loggers.CreateLogger("ActivityCore.ActivityClient"),
        });
        return await created.Match(
            Right: client => WithClientAsync(run, setsid, client, loggers, time),
            Left: static e => RefuseAsync("error: invalid client options: " + e)).ConfigureAwait(false);
    }

    /// <summary>The exit code when the first polls fail for a reason that will not heal by itself.</summary>
    public const int ExitMisconfigured = 3;

    /// <summary>The exit code when the options are refused.</summary>
    private const int ExitRefused = 2;

    private static async Task<int> WithClientAsync(CliCommand.Run run, string setsid, ActivityClient client, ILoggerFactory loggers, TimeProvider time)
    {
        using (client)
        {
            var log = new TaskLog(Console.Error, run.Verbosity, run.Worker.HandlerTimeout, time);
            var handler = new CommandHandler(run.Command, setsid, log, time);
            return await ActivityWorker.Create(client, run.Worker, handler.HandleAsync, loggers.CreateLogger("ActivityCore.ActivityWorker")).Match(
                Right: worker => RunWorkerAsync(run, worker, handler, log, time),
                Left: static e => RefuseAsync("error: invalid worker options: " + e)).ConfigureAwait(false);
        }
    }

    private static async Task<int> RefuseAsync(string message)
    {
        await Console.Error.WriteLineAsync(message).ConfigureAwait(false);
        return ExitRefused;
    }

    private static async Task<int> RunWorkerAsync(CliCommand.Run run, ActivityWorker worker, CommandHandler handler, TaskLog log, TimeProvider time)
    {
        await using var running = worker;
        var stopAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var hurry = new CancellationTokenSource();
        int signals = 0;
        void OnSignal(PosixSignalContext context)
        {
            // First: drain. Second: hurry (fail the tasks in hand at once). Third: the default action (the process ends).
            int count = Interlocked.Increment(ref signals);
            context.Cancel = count < 3;
            if (count == 1)
            {
                stopAsked.TrySetResult();
            }
            else if (count == 2)
            {
                log.Stopping();
                hurry.Cancel();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        // The terminal closed: its commands, in sessions of their own, are not told; the worker drains as for Ctrl-C.
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, OnSignal);
        await running.StartAsync().ConfigureAwait(false);
        bool talk = run.Verbosity != Verbosity.Quiet;
        if (talk)
        {
            string endpoint = run.ServiceUrl is null ? string.Empty : $", endpoint {run.ServiceUrl}";
            await Console.Error.WriteLineAsync($"worker started on {run.Arn} (region {run.Arn.Region}{endpoint}{(run.NoSignRequest ? ", unsigned" : string.Empty)}); Ctrl-C drains, a second Ctrl-C hurries").ConfigureAwait(false);
        }

        // The first verdict: a set-up that will not heal by itself (no credentials, a wrong secret, a missing activity)
        // ends the CLI with a line naming the fix; once a poll was answered, later failures are the worker's to report.
        var firstVerdict = running.WaitForFirstPollAsync(Timeout.InfiniteTimeSpan);
        if (await Task.WhenAny(stopAsked.Task, firstVerdict).ConfigureAwait(false) == firstVerdict
            && await firstVerdict.ConfigureAwait(false) is WorkerHealth.Misconfigured misconfigured)
        {
            await running.StopAsync(hurry.Token).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(MisconfiguredMessage(misconfigured, run.NoSignRequest)).ConfigureAwait(false);
            await Console.Error.WriteLineAsync(log.Summary()).ConfigureAwait(false);
            return ExitMisconfigured;
        }

        await stopAsked.Task.ConfigureAwait(false);
        if (talk)
        {
            await Console.Error.WriteLineAsync("stopping: no new polls; waiting for the polls in flight, then draining").ConfigureAwait(false);
        }

        using (StopTimer(log, run.Worker.DrainTimeout, time))
        {
            await running.StopAsync(hurry.Token).ConfigureAwait(false);
        }

        await handler.WhenIdleAsync(CommandHandler.PipeGrace * 3).ConfigureAwait(false);

        if (talk)
        {
            await Console.Error.WriteLineAsync("stopped").ConfigureAwait(false);
        }

        await Console.Error.WriteLineAsync(log.Summary()).ConfigureAwait(false);
        return 0;
    }

    /// <summary>The line for a set-up that will not heal by itself: the fix first, then the failure (never a secret).</summary>
    internal static string MisconfiguredMessage(WorkerHealth.Misconfigured misconfigured, bool unsigned)
    {
        bool noCredentials = misconfigured.LastFailure.Innermost()
            is ActivityFailure<GetActivityTaskError>.ClientFailure { Reason: ClientFailureReason.CredentialsUnavailable };
        string hint = noCredentials && !unsigned ? " (for a local endpoint that verifies no signature: --no-sign-request)" : string.Empty;
        return $"error: {misconfigured.Advice}{hint}\n  the first polls failed with {Describe(misconfigured.LastFailure.Innermost())}; exiting ({ExitMisconfigured})";
    }

    /// <summary>A few words for a failure: its code and status, or its reason. Never its message (it may quote the request).</summary>
    private static string Describe(ActivityFailure<GetActivityTaskError> failure) => failure.Match(
        serviceError: e => $"{e.Error.Code} (HTTP {e.StatusCode})",
        timeout: t => $"a timeout after {t.Limit.TotalSeconds:0.###} s",
        networkFailure: n => n.ExceptionType,
        clientFailure: c => c.Reason.ToString(),
        retriesExhausted: r => Describe(r.Last.Innermost()));

    /// <summary>Once the drain can have expired, a command killed is put down to the stop.</summary>
    private static ITimer StopTimer(TaskLog log, TimeSpan drainTimeout, TimeProvider time) =>
        time.CreateTimer(static l => ((TaskLog)l!).Stopping(), log, drainTimeout, Timeout.InfiniteTimeSpan);
}
