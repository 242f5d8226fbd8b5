using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Signing;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace ActivityCore.Local;

/// <summary>
/// The standalone server: <c>dotnet run --project shell/ActivityCore.Local -- --port N</c> serves the
/// endpoint until Ctrl-C (or SIGTERM), prints <c>Listening on http://HOST:PORT</c> and logs each call.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (CommandLine.AsksForHelp(args))
        {
            await Console.Out.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return 0;
        }

        var (options, error, notes) = CommandLine.Parse(args, Environment.GetEnvironmentVariable);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(error).ConfigureAwait(false);
            return 2;
        }

        foreach (var note in notes)
        {
            await Console.Error.WriteLineAsync(note).ConfigureAwait(false);
        }

        using var loggerFactory = LoggerFactory.Create(static logging => logging.AddSimpleConsole(static console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
            console.UseUtcTimestamp = true;
        }));
        options.LoggerFactory = loggerFactory;

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, stop));

        LocalStepFunctions local;
        try
        {
            local = await LocalStepFunctions.StartAsync(options).ConfigureAwait(false);
        }
        catch (IOException bindFailure) when (bindFailure.InnerException is AddressInUseException)
        {
            await Console.Error.WriteLineAsync($"error: port {options.Port} on {options.Host} is in use (another process listens on it); choose another --port, or --port 0 for a free one.").ConfigureAwait(false);
            return 2;
        }

        var url = local.ServiceUrl.GetLeftPart(UriPartial.Authority);
        Console.Out.WriteLine("Listening on " + url);
        Console.Out.WriteLine(options.Credentials is null
            ? "SigV4 verification: off"
            : $"SigV4 verification: on (region {options.Region}, access key id {options.Credentials.AccessKeyId})");
        Console.Out.WriteLine($"Poll hold time: {options.PollHoldTime.TotalSeconds} s; admin routes: {(options.EnableAdminRoutes ? url + "/_local/" + (options.Credentials is null ? string.Empty : " (SigV4-signed)") : "off")}");
        await Console.Out.FlushAsync().ConfigureAwait(false);

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The signal: stop below, so that the summary counts the held polls the stop answers.
        }
        finally
        {
            await local.DisposeAsync().ConfigureAwait(false);
        }

        Console.Out.WriteLine("Stopping: " + local.Counters);
        return 0;
    }

    private static void Stop(PosixSignalContext context, CancellationTokenSource stop)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
