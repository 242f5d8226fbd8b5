using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Worker;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Cli;

/// <summary>
/// Runs a command for a task, in a session and process group of its own (<see cref="CommandGroup"/>): the input on its
/// stdin, its stdout (JSON; empty means <c>{}</c>; at most <see cref="TaskOutput.MaxUtf8Bytes"/> bytes, or the task
/// fails with <see cref="WorkerErrorCodes.InvalidOutput"/> and the group is killed) as the output, a non-zero exit as a
/// failure <c>Command.ExitCode.N</c> with the tail of its stderr as cause. The result is decided when the command exits:
/// what it left running in its group is killed then, and the pipes get <see cref="PipeGrace"/> to be read to their end.
/// Cancellation (handler timeout, a heartbeat that says the task ended, the end of the drain) kills the whole group.
/// </summary>
internal sealed class CommandHandler(IReadOnlyList<string> command, string setsid, TaskLog log, TimeProvider time)
{
    /// <summary>How much of stderr is kept: the cause's limit.</summary>
    public const int StderrTail = TaskFailure.MaxCauseLength;

    /// <summary>How much of a stdout that is not JSON the cause quotes.</summary>
    public const int QuotedOutput = 200;

    /// <summary>The environment variable that gives the command its task's fingerprint, the one in the CLI's lines.</summary>
    public const string FingerprintVariable = "ACTIVITYCORE_TASK_FINGERPRINT";

    /// <summary>How long the pipes may take to reach their end once the command exited and its group was killed.</summary>
    public static readonly TimeSpan PipeGrace = TimeSpan.FromSeconds(1);

    private int running;

    public async Task<Either<TaskFailure, TaskOutput>> HandleAsync(ActivityTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        string fingerprint = task.Token.Fingerprint;
        long started = time.GetTimestamp();
        Interlocked.Increment(ref running);
        try
        {
            var result = await RunAsync(task, fingerprint, cancellationToken).ConfigureAwait(false);
            log.Finished(fingerprint, result, time.GetElapsedTime(started));
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            log.Killed(fingerprint, time.GetElapsedTime(started));
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref running);
        }
    }

    /// <summary>
    /// Waits (at most <paramref name="max"/>) until no command runs: after a hurried stop the worker has reported the
    /// tasks while their killed commands may still be ending, and the summary should count them.
    /// </summary>
    public async Task WhenIdleAsync(TimeSpan max)
    {
        long since = time.GetTimestamp();
        while (Volatile.Read(ref running) > 0 && time.GetElapsedTime(since) < max)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time).ConfigureAwait(false);
        }
    }

    private Task<Either<TaskFailure, TaskOutput>> RunAsync(ActivityTask task, string fingerprint, CancellationToken cancellationToken) =>
        CommandGroup.Start(setsid, StartInfo(fingerprint)).Match(
            Right: group => RunAsync(group, task, fingerprint, cancellationToken),
            Left: static error => Task.FromResult(Left<TaskFailure, TaskOutput>(TaskFailure.Bounded("Command.NotStarted", error))));

    private async Task<Either<TaskFailure, TaskOutput>> RunAsync(CommandGroup group, ActivityTask task, string fingerprint, CancellationToken cancellationToken)
    {
        var process = group.Process;
        using (process)
        {
            log.Started(fingerprint, process.Id);
            var stdout = new BoundedStdout(TaskOutput.MaxUtf8Bytes);
            var stderr = new StderrTail(StderrTail);
            using var pipes = new CancellationTokenSource();
            var reading = Task.WhenAll(
                stdout.ReadAsync(process.StandardOutput.BaseStream, group.Kill, pipes.Token),
                stderr.ReadAsync(process.StandardError, pipes.Token),
                WriteInputAsync(process.StandardInput, task.Input.Json, pipes.Token));
            try
            {
                // However the handler is cancelled (timeout, ended task, shutdown), the command's whole group goes with it.
                using (cancellationToken.Register(static g => ((CommandGroup)g!).Kill(), group))
                {
                    await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                }

                // The command exited: what it left in its group goes, so no background child holds the pipes open.
                group.KillLeftovers();
                await Task.WhenAny(reading, Task.Delay(PipeGrace, time, CancellationToken.None)).ConfigureAwait(false);
            }
            finally
            {
                pipes.Cancel(); // a process that left the group may hold a pipe: what was read is what counts
                await Task.WhenAny(reading, Task.Delay(PipeGrace, time, CancellationToken.None)).ConfigureAwait(false);
            }

            return Decide(process.ExitCode, stdout.Snapshot(), stderr.Snapshot());
        }
    }

    private ProcessStartInfo StartInfo(string fingerprint)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = Encoding.UTF8,
        };
        for (int i = 1; i < command.Count; i++)
        {
            start.ArgumentList.Add(command[i]);
        }

        start.Environment[FingerprintVariable] = fingerprint;
        return start;
    }

    private Either<TaskFailure, TaskOutput> Decide(int exitCode, (string Text, bool Overflowed) stdout, string stderrTail)
    {
        if (stdout.Overflowed)
        {
            return Left(TaskFailure.Bounded(WorkerErrorCodes.InvalidOutput, string.Create(
                CultureInfo.InvariantCulture, $"the command wrote more than {TaskOutput.MaxUtf8Bytes:N0} bytes to stdout (the service's limit for an output); it was killed")));
        }

        if (exitCode != 0)
        {
            return Left(TaskFailure.Bounded(
                string.Create(CultureInfo.InvariantCulture, $"Command.ExitCode.{exitCode}"),
                stderrTail.Length > 0 ? stderrTail : string.Create(CultureInfo.InvariantCulture, $"{command[0]} exited with code {exitCode}")));
        }

        string output = stdout.Text.Trim();
        return TaskOutput.Parse(output.Length == 0 ? "{}" : output).Match(
            Right: o => Right<TaskFailure, TaskOutput>(o),
            Left: e => Left<TaskFailure, TaskOutput>(TaskFailure.Bounded(
                WorkerErrorCodes.InvalidOutput, $"the command's stdout is not a valid output ({e.Message}); it begins: {Quote(output)}")));
    }

    /// <summary>The first <see cref="QuotedOutput"/> characters of the output, a surrogate pair never cut in two.</summary>
    private static string Quote(string output)
    {
        if (output.Length <= QuotedOutput)
        {
            return output;
        }

        int end = char.IsHighSurrogate(output[QuotedOutput - 1]) ? QuotedOutput - 1 : QuotedOutput;
        return output[..end] + "...";
    }

    private static async Task WriteInputAsync(StreamWriter stdin, string json, CancellationToken cancellationToken)
    {
        try
        {
            await stdin.WriteAsync(json.AsMemory(), cancellationToken).ConfigureAwait(false);
            await stdin.FlushAsync(cancellationToken).ConfigureAwait(false);
            stdin.Close();
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // the command did not read its input (a broken pipe), or it exited: its exit code tells the rest
        }
    }
}
