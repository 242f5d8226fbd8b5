using System.Runtime.InteropServices;

namespace ActivityCore.Cli;

/// <summary>The two POSIX calls .NET does not expose: a signal to a whole process group, and whether a file may be executed.</summary>
internal static partial class Posix
{
    /// <summary>SIGKILL.</summary>
    public const int SigKill = 9;

    /// <summary>access(2)'s X_OK.</summary>
    private const int ExecuteOk = 1;

    /// <summary>Sends SIGKILL to every process of the process group <paramref name="groupId"/> (ESRCH, an empty group, is ignored).</summary>
    /// <param name="groupId">The group's id: its leader's pid.</param>
    public static void KillGroup(int groupId) => _ = Kill(-groupId, SigKill);

    /// <summary>Whether this process may execute <paramref name="path"/> (access(2) with X_OK).</summary>
    /// <param name="path">A path.</param>
    /// <returns>True when executable by this process.</returns>
    public static bool IsExecutable(string path) => Access(path, ExecuteOk) == 0;

    // "libc" is mapped by the runtime to the C library (libc.so.6 on glibc).
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "access", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Access(string path, int mode);
}
