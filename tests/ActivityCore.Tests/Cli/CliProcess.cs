using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace ActivityCore.Tests.Cli;

/// <summary>
/// Runs <c>dotnet ActivityCore.Cli.dll ...</c> (or the demo) as a child process, capturing its output; optionally in a
/// process group of its own, as a terminal's shell starts a job, so that a signal can go to the whole group.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder stdout = new();
    private readonly StringBuilder stderr = new();

    private CliProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Stdout
    {
        get
        {
            lock (stdout)
            {
                return stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (stderr)
            {
                return stderr.ToString();
            }
        }
    }

    public static string CliDll => ProgramDll("ActivityCore.Cli");

    public static string DemoDll => ProgramDll("ActivityCore.Demo");

    private static string ProgramDll(string project)
    {
        // tests/ActivityCore.Tests/bin/<Configuration>/net10.0/ -> shell/<project>/bin/<Configuration>/net10.0/
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = here.Name;
        string configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ActivityCore.sln")))
        {
            root = root.Parent;
        }

        string dll = Path.Combine(root!.FullName, "shell", project, "bin", configuration, framework, project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"build shell/{project} first", dll);
    }

    /// <summary>Starts the CLI.</summary>
    /// <param name="args">Its arguments.</param>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    /// <param name="ownGroup">Start it through <c>setsid</c>: a session and process group of its own, whose id is its pid.</param>
    /// <param name="dll">The program (default <see cref="CliDll"/>).</param>
    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, bool ownGroup = false, string? dll = null)
    {
        // setsid execs in place (its parent, the test host, is not a group leader of this child), so the pid is the CLI's.
        var start = new ProcessStartInfo(ownGroup ? "setsid" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (ownGroup)
        {
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(dll ?? CliDll);
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string?>())
        {
            if (v is null)
            {
                start.Environment.Remove(k);
            }
            else
            {
                start.Environment[k] = v;
            }
        }

        return new CliProcess(Process.Start(start)!);
    }

    public static Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args) => RunAsync(args, null);

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, string? dll = null)
    {
        using var p = Start(args, environment, dll: dll);
        int exit = await p.WaitAsync(TimeSpan.FromSeconds(30));
        return (exit, p.Stdout, p.Stderr);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        await process.WaitForExitAsync().WaitAsync(timeout);
        process.WaitForExit(); // drains the redirected streams
        return process.ExitCode;
    }

    /// <summary>Sends SIGINT, as Ctrl-C does.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>Sends a signal (SIGINT: a terminal's Ctrl-C; HUP: the terminal closed) to the CLI's whole process group (start it with ownGroup).</summary>
    public void InterruptGroup(string signal = "INT")
    {
        using var kill = Process.Start("kill", ["-" + signal, "--", "-" + process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>The most resident memory the CLI has used so far (VmHWM), in bytes.</summary>
    public long PeakResidentBytes()
    {
        foreach (string line in File.ReadAllLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line["VmHWM:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException("no VmHWM");
    }

    /// <summary>Whether a process exists and is not a zombie (a re-parented one may stay a zombie in a container).</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (to)
        {
            to.AppendLine(line);
        }
    }
}
