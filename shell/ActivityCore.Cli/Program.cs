using System;
using System.Threading.Tasks;

namespace ActivityCore.Cli;

/// <summary>The runnable worker: a command per task of an activity, against AWS or any endpoint (<see cref="CliArguments.Usage"/>).</summary>
public static class Program
{
    /// <summary>Runs the command line (<see cref="CliArguments.Usage"/>).</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>0 done, 1 a failure, 2 bad arguments or COMMAND not found, 3 the first polls failed for a reason that will not heal by itself.</returns>
    public static async Task<int> Main(string[] args)
    {
        switch (CliArguments.Parse(args ?? [], Environment.MachineName))
        {
            case CliCommand.Help:
                await Console.Out.WriteLineAsync(CliArguments.Usage).ConfigureAwait(false);
                return 0;
            case CliCommand.Invalid invalid:
                return await RefuseAsync(invalid.Message).ConfigureAwait(false);
            case CliCommand.Run run:
                string? path = Environment.GetEnvironmentVariable("PATH");
                var ready = CommandCheck.Resolve(run.Command[0], path).MapLeft(e => "COMMAND " + e)
                    .Bind(_ => CommandCheck.Resolve("setsid", path).MapLeft(e => "setsid (util-linux), which runs each command in a process group of its own: " + e));
                return await ready.Match(Right: setsid => CommandMode.RunAsync(run, setsid), Left: RefuseAsync).ConfigureAwait(false);
            default:
                return 2;
        }
    }

    private static async Task<int> RefuseAsync(string message)
    {
        await Console.Error.WriteLineAsync($"error: {message}\nTry --help.").ConfigureAwait(false);
        return 2;
    }
}
