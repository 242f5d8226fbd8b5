using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;

namespace ActivityCore.Demo;

/// <summary>The demo: a worker against an embedded local endpoint, no AWS account needed (<see cref="DemoArguments.Usage"/>).</summary>
public static class Program
{
    /// <summary>Runs the demo.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>0 done, 1 a task lost, 2 bad arguments, 130 interrupted.</returns>
    public static async Task<int> Main(string[] args)
    {
        var (options, error) = DemoArguments.Parse(args ?? []);
        if (options is null)
        {
            await (error is null ? Console.Out : Console.Error).WriteLineAsync(error is null ? DemoArguments.Usage : $"error: {error}\nTry --help.").ConfigureAwait(false);
            return error is null ? 0 : 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await DemoRun.RunAsync(options, cancel.Token).ConfigureAwait(false);
    }
}
