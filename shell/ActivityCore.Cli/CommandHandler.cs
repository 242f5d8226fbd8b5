using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Cli;

/// <summary>
/// Runs a command for a task: the input on its stdin, its stdout (JSON; empty means <c>{}</c>) as the output, a
/// non-zero exit as a failure <c>Command.ExitCode.N</c> with the tail of its stderr as cause. Cancellation (handler
/// timeout, a heartbeat that says the task ended, the end of the drain) kills the process tree.
/// </summary>
internal sealed class CommandHandler(IReadOnlyList<string> command)
{
    /// <summary>How much of stderr is kept: the cause's limit.</summary>
    public const int StderrTail = TaskFailure.MaxCauseLength;

    public async Task<Either<TaskFailure, TaskOutput>> HandleAsync(ActivityTask task, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        for (int i = 1; i < command.Count; i++)
        {
            start.ArgumentList.Add(command[i]);
        }

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception e)
        {
            return Left(TaskFailure.Bounded("Command.NotStarted", $"{command[0]}: {e.Message}"));
        }

        if (process is null)
        {
            return Left(TaskFailure.Bounded("Command.NotStarted", command[0]));
        }

        using (process)
        {
            // However the handler is cancelled (timeout, ended task, shutdown), even while stdin is being written,
            // the command's process tree goes with it.
            using var kill = cancellationToken.Register(static p => ((Process)p!).Kill(entireProcessTree: true), process);
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = TailAsync(process.StandardError, StderrTail);
            try
            {
                await process.StandardInput.WriteAsync(task.Input.Json.AsMemory(), cancellationToken).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // the command did not read its input (a broken pipe): its exit code tells the rest
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);

            string output = (await stdout.ConfigureAwait(false)).Trim();
            string tail = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                return Left(TaskFailure.Bounded(
                    string.Create(CultureInfo.InvariantCulture, $"Command.ExitCode.{process.ExitCode}"),
                    tail.Length > 0 ? tail : string.Create(CultureInfo.InvariantCulture, $"{command[0]} exited with code {process.ExitCode}")));
            }

            return TaskOutput.Parse(output.Length == 0 ? "{}" : output).Match(
                Right: o => Right<TaskFailure, TaskOutput>(o),
                Left: e => Left<TaskFailure, TaskOutput>(TaskFailure.Bounded(TaskReports.InvalidOutputError, $"the command's stdout is not a valid output: {e.Message}")));
        }
    }

    /// <summary>Reads a stream to its end, keeping only its last <paramref name="max"/> characters.</summary>
    private static async Task<string> TailAsync(StreamReader reader, int max)
    {
        var kept = new StringBuilder();
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
        {
            kept.Append(buffer, 0, read);
            if (kept.Length > 2 * max)
            {
                kept.Remove(0, kept.Length - max);
            }
        }

        return kept.Length > max ? kept.ToString(kept.Length - max, max) : kept.ToString();
    }
}
