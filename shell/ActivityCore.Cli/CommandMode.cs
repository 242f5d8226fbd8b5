using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace ActivityCore.Cli;

/// <summary>The worker against AWS (or any service URL): a command per task, Ctrl-C / SIGTERM drains, a second one hurries.</summary>
internal static class CommandMode
{
    public static async Task<int> RunAsync(CliCommand.Run run)
    {
        using var loggers = LoggerFactory.Create(b => b
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; })
            .AddFilter("ActivityCore.ActivityClient", LogLevel.Warning)
            .SetMinimumLevel(LogLevel.Information)
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
        var created = ActivityClient.Create(new ActivityClientOptions
        {
            Region = run.Region,
            ServiceUrl = run.ServiceUrl,
            Logger = loggers.CreateLogger("ActivityCore.ActivityClient"),
        });
        if (created.IsLeft)
        {
            await Console.Error.WriteLineAsync("invalid client options: " + created.Match(Right: _ => string.Empty, Left: e => e.ToString())).ConfigureAwait(false);
            return 2;
        }

        using var client = (ActivityClient)created;
        var handler = new CommandHandler(run.Command);
        var worker = ActivityWorker.Create(client, run.Worker, handler.HandleAsync, loggers.CreateLogger("ActivityCore.ActivityWorker"));
        if (worker.IsLeft)
        {
            await Console.Error.WriteLineAsync("invalid worker options: " + worker.Match(Right: _ => string.Empty, Left: e => e.ToString())).ConfigureAwait(false);
            return 2;
        }

        await using var running = (ActivityWorker)worker;
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
                hurry.Cancel();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        await running.StartAsync().ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"worker started on {run.Worker.ActivityArn}; Ctrl-C drains, a second Ctrl-C hurries").ConfigureAwait(false);
        await stopAsked.Task.ConfigureAwait(false);
        await Console.Error.WriteLineAsync("stopping: no new polls; waiting for the polls in flight, then draining").ConfigureAwait(false);
        await running.StopAsync(hurry.Token).ConfigureAwait(false);
        await Console.Error.WriteLineAsync("stopped").ConfigureAwait(false);
        return 0;
    }
}
