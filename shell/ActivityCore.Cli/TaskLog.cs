using System;
using System.Globalization;
using System.IO;
using System.Threading;
using ActivityCore.Worker;
using LanguageExt;

namespace ActivityCore.Cli;

/// <summary>How much the CLI tells on stderr.</summary>
internal enum Verbosity
{
    /// <summary>Warnings, errors and the summary.</summary>
    Quiet,

    /// <summary>Also the worker's start and stop, and a line per task.</summary>
    Normal,

    /// <summary>Also a line when each command starts (with its pid), and the client's own information.</summary>
    Verbose,
}

/// <summary>
/// The command runner's lines on stderr: one per task (fingerprint, outcome, error, duration), and the counts for the
/// summary at exit. The outcome is the handler's; a command killed by a cancellation is put down to the stop, to the
/// handler timeout, or else to the service (a heartbeat said the task ended). Thread-safe.
/// </summary>
internal sealed class TaskLog(TextWriter writer, Verbosity verbosity, TimeSpan? handlerTimeout, TimeProvider time)
{
    private readonly long started = time.GetTimestamp();
    private int succeeded;
    private int failed;
    private int stopping;

    /// <summary>From now on, a killed command is put down to the stop.</summary>
    public void Stopping() => Volatile.Write(ref stopping, 1);

    public void Started(string fingerprint, int pid)
    {
        if (verbosity == Verbosity.Verbose)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"task {fingerprint} started: pid {pid}"));
        }
    }

    public void Finished(string fingerprint, Either<TaskFailure, TaskOutput> result, TimeSpan took)
    {
        bool ok = result.IsRight;
        Interlocked.Increment(ref ok ? ref succeeded : ref failed);
        string outcome = result.Match(Right: _ => "succeeded", Left: f => "failed " + f.Error.IfNone("(no error)"));
        Task(fingerprint, outcome, took);
    }

    public void Killed(string fingerprint, TimeSpan took)
    {
        Interlocked.Increment(ref failed);
        string why = Volatile.Read(ref stopping) == 1 ? WorkerErrorCodes.WorkerStopped
            : handlerTimeout is { } t && took >= t - TimeSpan.FromMilliseconds(50) ? WorkerErrorCodes.HandlerTimeout
            : "(the service ended the task)";
        Task(fingerprint, "killed " + why, took);
    }

    /// <summary>The closing line: tasks, succeeded, failed, wall time.</summary>
    public string Summary()
    {
        int s = Volatile.Read(ref succeeded);
        int f = Volatile.Read(ref failed);
        return string.Create(CultureInfo.InvariantCulture, $"summary: {s + f} tasks, succeeded {s}, failed {f}, wall time {time.GetElapsedTime(started).TotalSeconds:F1} s");
    }

    private void Task(string fingerprint, string outcome, TimeSpan took)
    {
        if (verbosity != Verbosity.Quiet)
        {
            Line(string.Create(CultureInfo.InvariantCulture, $"task {fingerprint} {outcome} in {took.TotalSeconds:F2} s"));
        }
    }

    private void Line(string text) =>
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{time.GetLocalNow():HH:mm:ss.fff} {text}"));
}
