using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.NetworkInformation;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>
/// What the process holds at one moment: live managed memory, open file descriptors (all of them, and the sockets
/// among them), and the established TCP connections to a port.
/// </summary>
internal readonly record struct ProcessGauges(long ManagedBytes, int Descriptors, int NonAssemblyDescriptors, int Sockets, int ClientConnections, int ServerConnections)
{
    /// <summary>Measures after full, compacting collections (so that what is left is what is still referenced).</summary>
    public static ProcessGauges Measure(int port)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        long managed = GC.GetTotalMemory(forceFullCollection: true);
        var (descriptors, nonAssembly, sockets) = OpenDescriptors();
        var (client, server) = Connections(port);
        return new ProcessGauges(managed, descriptors, nonAssembly, sockets, client, server);
    }

    /// <summary>
    /// Open file descriptors: all of them, those that are not a mapped assembly (the runtime maps each assembly it loads
    /// through descriptors, so the total also moves when a code path first runs), and the sockets. Read from
    /// <c>/proc/self/fd</c> on Linux; elsewhere the handle count, and -1 for what cannot be told apart.
    /// </summary>
    public static (int All, int NonAssembly, int Sockets) OpenDescriptors()
    {
        if (!Directory.Exists("/proc/self/fd"))
        {
            return (Process.GetCurrentProcess().HandleCount, -1, -1);
        }

        var links = Directory.GetFileSystemEntries("/proc/self/fd").Select(Target).ToArray();
        return (
            links.Length,
            links.Count(l => !l.EndsWith(".dll", StringComparison.Ordinal) && !l.Contains(".so", StringComparison.Ordinal)),
            links.Count(l => l.StartsWith("socket:", StringComparison.Ordinal)));
    }

    /// <summary>Established TCP connections to <paramref name="port"/>: the clients' ends, and the server's ends.</summary>
    public static (int Client, int Server) Connections(int port)
    {
        var established = IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpConnections()
            .Where(c => c.State == TcpState.Established)
            .ToArray();
        return (established.Count(c => c.RemoteEndPoint.Port == port), established.Count(c => c.LocalEndPoint.Port == port));
    }

    public override string ToString() =>
        $"{ManagedBytes / 1024.0 / 1024.0:F2} MiB managed, {Descriptors} fds ({NonAssemblyDescriptors} not assemblies, {Sockets} sockets), {ClientConnections} client / {ServerConnections} server connections";

    private static string Target(string descriptor)
    {
        try
        {
            return new FileInfo(descriptor).LinkTarget ?? string.Empty;
        }
        catch (IOException)
        {
            return string.Empty; // closed while we looked
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }
}
