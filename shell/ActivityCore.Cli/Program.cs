using System;
using System.Threading;
using System.Threading.Tasks;

namespace ActivityCore.Cli;

/// <summary>The runnable worker: the demo with no argument, a command per task against AWS with <c>--activity-arn</c>.</summary>
public static class Program
{
    /// <summary>Runs the command line (<see cref="CliArguments.Usage"/>).</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>0 done, 1 a task lost or a failure, 2 bad arguments.</returns>
    public static async Task<int> Main(string[] args)
    {
        switch (CliArguments.Parse(args ?? []))
        {
            case CliCommand.Help:
                await Console.Out.WriteLineAsync(CliArguments.Usage).ConfigureAwait(false);
                return 0;
            case CliCommand.Invalid invalid:
                await Console.Error.WriteLineAsync($"error: {invalid.Message}\nTry --help.").ConfigureAwait(false);
                return 2;
            case CliCommand.Demo demo:
                using (var cancel = new CancellationTokenSource())
                {
                    Console.CancelKeyPress += (_, e) =>
                    {
                        e.Cancel = true;
                        cancel.Cancel();
                    };
                    return await Demo.RunAsync(demo, cancel.Token).ConfigureAwait(false);
                }

            case CliCommand.Run run:
                return await CommandMode.RunAsync(run).ConfigureAwait(false);
            default:
                return 2;
        }
    }
}
