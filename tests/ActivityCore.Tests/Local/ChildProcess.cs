using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ActivityCore.Tests.Shell;

namespace ActivityCore.Tests.Local;

/// <summary><c>dotnet DLL ARGS</c> as a child process: its output lines, a wait for a line, real signals; killed on dispose.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder stdout = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Line)> waits = [];

    private ChildProcess(Process process)
    {
        this.process = process;
        this.process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (this.output)
                {
                    this.stdout.AppendLine(e.Data);
                }
            }

            Received(e.Data);
        };
        this.process.ErrorDataReceived += (_, e) => Received(e.Data);
        this.process.BeginOutputReadLine();
        this.process.BeginErrorReadLine();
    }

    /// <summary>stdout and stderr so far, interleaved as received.</summary>
    public string Output
    {
        get
        {
            lock (this.output)
            {
                return this.output.ToString();
            }
        }
    }

    /// <summary>stdout alone so far.</summary>
    public string StandardOutput
    {
        get
        {
            lock (this.output)
            {
                return this.stdout.ToString();
            }
        }
    }

    public int ExitCode => this.process.ExitCode;

    /// <summary>The standalone server's dll, copied beside the tests.</summary>
    public static string ServerDll => Path.Combine(AppContext.BaseDirectory, "ActivityCore.Local.dll");

    /// <summary>The test assembly, whose Main is <see cref="EmbeddedHostProgram"/>.</summary>
    public static string TestsDll => Path.Combine(AppContext.BaseDirectory, "ActivityCore.Tests.dll");

    public static ChildProcess Start(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("ACTIVITYCORE_LOCAL_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return new ChildProcess(Process.Start(info)!);
    }

    /// <summary>The first output line (already received or to come) that <paramref name="match"/> accepts.</summary>
    public Task<string> LineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var line = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (this.output)
        {
            if (this.output.ToString().Split('\n').FirstOrDefault(l => match(l.TrimEnd('\r'))) is { } seen)
            {
                return Task.FromResult(seen.TrimEnd('\r'));
            }

            waits.Add((match, line));
        }

        return line.Task.WaitAsync(timeout);
    }

    /// <summary>Sends a real signal (<c>kill -INT</c>, <c>kill -TERM</c>).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, this.process.Id.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>Whether it exited within <paramref name="timeout"/> (then its output is complete).</summary>
    public async Task<bool> ExitedAsync(TimeSpan timeout)
    {
        try
        {
            await this.process.WaitForExitAsync().WaitAsync(timeout);
            this.process.WaitForExit(); // drains the output
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!this.process.HasExited)
        {
            this.process.Kill(entireProcessTree: true);
            this.process.WaitForExit();
        }

        this.process.Dispose();
    }

    private void Received(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (this.output)
        {
            this.output.AppendLine(line);
            foreach (var wait in waits.Where(w => w.Match(line)).ToList())
            {
                wait.Line.TrySetResult(line);
                waits.Remove(wait);
            }
        }
    }
}
