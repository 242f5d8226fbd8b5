using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Worker;
using Amazon.Runtime;
using LanguageExt;

namespace ActivityCore.Benchmarks;

/// <summary>
/// <c>--polls-at-scale [N ...]</c> (default 100 1000): one <see cref="ActivityWorker"/> with N pollers holds N open
/// GetActivityTask polls against the standalone local endpoint, run as a child process (its cost is not counted).
/// Three snapshots after a full collection: before anything; after N connections are opened and left idle in the
/// client's pool (N concurrent polls of a missing activity, answered at once); and with the N polls held. Memory per
/// connection = (connected - before) / N; memory per open poll beyond its connection = (held - connected) / N. Threads
/// are the process's and the thread pool's; sockets are the established TCP connections to the endpoint's port
/// (/proc/net/tcp); idle CPU is this process's CPU time over 10 s with all polls held (the endpoint holds 60 s).
/// </summary>
internal static class PollsAtScale
{
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(int[] counts)
    {
        Console.WriteLine($"Polls at scale: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average at start: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| Open polls, by | Sockets | Managed heap per connection | Per open poll, beyond its connection | Threads (process) | Thread pool | Idle CPU, first 10 s (% of a core) | Idle CPU, next 10 s |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int n in counts)
        {
            await MeasureAsync(n).ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.WriteLine($"Load average at end: {LoadAverage()}");
    }

    /// <summary>What a row measures: how one poll of an activity is made, and how the N held polls are started and stopped.</summary>
    private sealed record Poller(Func<string, Task> PollOnce, Func<Task<Func<Task>>> HoldAll);

    private static async Task MeasureAsync(int n)
    {
        await MeasureAsync(n, "ActivityWorker", (endpoint, arn, client, _) => new Poller(
            activity => client.GetActivityTaskAsync(Arn(activity), Option<WorkerName>.None),
            async () =>
            {
                var worker = ActivityWorker.Create(
                    client,
                    new ActivityWorkerOptions { ActivityArn = arn, Pollers = n, MaxTasksInFlight = n, HeartbeatInterval = null },
                    static (task, _) => Task.FromResult(TaskOutput.Parse("{}").Match(
                        Right: o => Prelude.Right<TaskFailure, TaskOutput>(o),
                        Left: e => throw new InvalidOperationException(e.ToString())))).Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
                await worker.StartAsync().ConfigureAwait(false);
                return async () =>
                {
                    var stopping = worker.StopAsync();
                    endpoint.Dispose(); // the held polls fail at once (connection reset): the stop does not wait 60 s for them
                    await stopping.ConfigureAwait(false);
                    await worker.DisposeAsync().ConfigureAwait(false);
                };
            })).ConfigureAwait(false);
        await MeasureAsync(n, "ActivityClient.GetActivityTaskAsync alone", (endpoint, arn, client, _) => new Poller(
            activity => client.GetActivityTaskAsync(Arn(activity), Option<WorkerName>.None),
            () =>
            {
                var polls = Enumerable.Range(0, n).Select(_ => client.GetActivityTaskAsync(Arn(arn), Option<WorkerName>.None)).ToArray();
                return Task.FromResult<Func<Task>>(async () =>
                {
                    endpoint.Dispose();
                    await Task.WhenAll(polls).ConfigureAwait(false);
                });
            })).ConfigureAwait(false);
        await MeasureAsync(n, "floor: bare HttpClient", (endpoint, arn, _, http) => new Poller(
            activity => BarePollAsync(http, endpoint.Url, activity),
            () =>
            {
                var polls = Enumerable.Range(0, n).Select(_ => BarePollAsync(http, endpoint.Url, arn)).ToArray();
                return Task.FromResult<Func<Task>>(async () =>
                {
                    endpoint.Dispose();
                    await Task.WhenAll(polls).ConfigureAwait(false);
                });
            })).ConfigureAwait(false);
    }

    private static ActivityArn Arn(string text) => ActivityArn.Parse(text).Match(Right: a => a, Left: e => throw new InvalidOperationException(e.ToString()));

    /// <summary>One row: a fresh endpoint process, a client and a bare <see cref="HttpClient"/> on it, the three snapshots and the idle CPU.</summary>
    private static async Task MeasureAsync(int n, string label, Func<LocalEndpointProcess, string, ActivityClient, HttpClient, Poller> make)
    {
        using var endpoint = await LocalEndpointProcess.StartAsync(holdSeconds: 60).ConfigureAwait(false);
        string arn = await endpoint.CreateActivityAsync("scale").ConfigureAwait(false);
        string missing = arn.Replace(":scale", ":missing", StringComparison.Ordinal);
        using var client = ActivityClient.Create(new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = endpoint.Url,
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            MaxConnectionsPerServer = Math.Max(n, 1024),
            MaxAttempts = 1,
        }).Match(Right: c => c, Left: e => throw new InvalidOperationException(e.ToString()));
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(n, 1024), PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90) })
        {
            Timeout = TimeSpan.FromSeconds(70),
        };
        var poller = make(endpoint, arn, client, http);

        // Warm the code paths once so that JIT and static state are in the baseline, not in the per-poll figure.
        await poller.PollOnce(missing).ConfigureAwait(false);
        var before = Snapshot.Take(endpoint.Url.Port);
        await Task.WhenAll(Enumerable.Range(0, n).Select(_ => poller.PollOnce(missing))).ConfigureAwait(false);
        var connected = Snapshot.Take(endpoint.Url.Port);

        var stop = await poller.HoldAll().ConfigureAwait(false);
        var wait = Stopwatch.StartNew();
        while (Snapshot.CountSockets(endpoint.Url.Port) < n && wait.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        await Task.Delay(1000).ConfigureAwait(false); // every request written and held
        var held = Snapshot.Take(endpoint.Url.Port);
        var first = await IdleCpuAsync().ConfigureAwait(false);
        var second = await IdleCpuAsync().ConfigureAwait(false);
        Print($"{n:N0}, {label}", n, before, connected, held, first, second);
        await stop().ConfigureAwait(false);
    }

    private static async Task<(TimeSpan Cpu, TimeSpan Window)> IdleCpuAsync()
    {
        using var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.Delay(IdleWindow).ConfigureAwait(false);
        process.Refresh();
        return (process.TotalProcessorTime - cpu0, clock.Elapsed);
    }

    private static async Task BarePollAsync(HttpClient http, Uri url, string activity)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent("{\"activityArn\":\"" + activity + "\"}", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.GetActivityTask");
        try
        {
            using var response = await http.SendAsync(request).ConfigureAwait(false);
            _ = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // the endpoint was killed at the end
        }
    }

    private static void Print(string label, int n, Snapshot before, Snapshot connected, Snapshot held, (TimeSpan Cpu, TimeSpan Window) first, (TimeSpan Cpu, TimeSpan Window) second)
    {
        static string Percent((TimeSpan Cpu, TimeSpan Window) w) => string.Create(CultureInfo.InvariantCulture, $"{w.Cpu.TotalMilliseconds:F0} ms ({100.0 * w.Cpu.TotalMilliseconds / w.Window.TotalMilliseconds:F2} %)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {held.Sockets:N0} | {Bytes((connected.Heap - before.Heap) / (double)n)} | {Bytes((held.Heap - connected.Heap) / (double)n)} | {before.Threads} → {held.Threads} | {before.PoolThreads} → {held.PoolThreads} | {Percent(first)} | {Percent(second)} |"));
    }

    private static string Bytes(double bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024:F2} KiB");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private readonly record struct Snapshot(long Heap, int Threads, int PoolThreads, int Sockets)
    {
        public static Snapshot Take(int port)
        {
            for (int i = 0; i < 3; i++)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                GC.WaitForPendingFinalizers();
            }

            long heap = GC.GetTotalMemory(forceFullCollection: true);
            using var process = Process.GetCurrentProcess();
            return new Snapshot(heap, process.Threads.Count, ThreadPool.ThreadCount, CountSockets(port));
        }

        /// <summary>Established TCP connections whose remote port is <paramref name="port"/> (the client's side of each).</summary>
        public static int CountSockets(int port)
        {
            string remote = string.Create(CultureInfo.InvariantCulture, $":{port:X4}");
            int count = 0;
            foreach (string table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
            {
                if (!File.Exists(table))
                {
                    continue;
                }

                foreach (string line in File.ReadLines(table).Skip(1))
                {
                    string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (f.Length > 3 && f[2].EndsWith(remote, StringComparison.Ordinal) && f[3] == "01")
                    {
                        count++;
                    }
                }
            }

            return count;
        }
    }
}
