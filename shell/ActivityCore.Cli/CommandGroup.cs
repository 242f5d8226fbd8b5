using System;
using System.ComponentModel;
using System.Diagnostics;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Cli;

/// <summary>
/// A command started through <c>setsid -w</c>: setsid(2) makes it the leader of a new session and process group (its
/// pid is the group's id; setsid execs in place since our child is never a group leader), so a terminal's Ctrl-C
/// (sent to the CLI's foreground group) does not reach it, and one SIGKILL to the group reaches every process it
/// started, re-parented background children included. <c>-w</c>: should setsid ever have to fork, it waits for the
/// command and passes its exit status on, so the exit is still the command's.
/// </summary>
internal sealed class CommandGroup
{
    private readonly Process process;

    private CommandGroup(Process process) => this.process = process;

    /// <summary>The process (setsid exec'd into the command).</summary>
    public Process Process => process;

    /// <summary>Starts <paramref name="start"/>'s program and arguments in a session of their own.</summary>
    /// <param name="setsid">The path of setsid (util-linux).</param>
    /// <param name="start">What to run (FileName and ArgumentList are moved behind setsid).</param>
    /// <returns>The group, or why it could not start.</returns>
    public static Either<string, CommandGroup> Start(string setsid, ProcessStartInfo start)
    {
        string program = start.FileName;
        start.FileName = setsid;
        start.ArgumentList.Insert(0, "-w");
        start.ArgumentList.Insert(1, program);
        try
        {
            return Process.Start(start) is { } process
                ? Right<string, CommandGroup>(new CommandGroup(process))
                : Left<string, CommandGroup>(program + ": not started");
        }
        catch (Win32Exception e)
        {
            return Left<string, CommandGroup>($"{program}: {e.Message}");
        }
    }

    /// <summary>SIGKILL to the whole group; also to the process tree, should the command not have become its group's leader yet.</summary>
    public void Kill()
    {
        Posix.KillGroup(process.Id);
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // it has exited already
        }
    }

    /// <summary>SIGKILL to what the command left running in its group once it exited (an empty group is fine).</summary>
    public void KillLeftovers() => Posix.KillGroup(process.Id);
}
