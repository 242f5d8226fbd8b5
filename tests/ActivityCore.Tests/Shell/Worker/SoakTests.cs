using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Amazon.Runtime;
using LanguageExt;
using Xunit;
using Xunit.Abstractions;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>
/// Issue 7's soak: one worker with many pollers runs thousands of tasks, enqueued in waves, against the embedded
/// endpoint on 127.0.0.1. Every task is accounted for, and what the process holds (live managed memory, file
/// descriptors, connections) does not grow with the number of tasks run.
/// </summary>
[Collection(SoakTestGroup.Name)]
public class SoakTests(ITestOutputHelper output)
{
    private const int Waves = 10;
    private const int PerWave = 800;
    private const int Total = Waves * PerWave;
    private const int Pollers = 32;
    private const int MaxTasksInFlight = 64;

    /// <summary>
    /// The most live managed memory may grow from the end of wave 2 (everything warm: pools, connections, JIT) to the
    /// end of the last wave, which ran <c>(Waves - 2) * PerWave</c> = 6,400 more tasks: 2 MiB, 327 bytes a task. A
    /// task's token alone is 1.2 KiB, a pooled request buffer 4 KiB: keeping either for every task exceeds it.
    /// </summary>
    private const long MaxGrowthBytes = 2 * 1024 * 1024;

    /// <summary>
    /// The most live managed memory may grow per task, as the least-squares slope over the ends of waves 2..10 (less
    /// sensitive to one noisy measurement than two points): 192 bytes. Without a leak it measured -1 to 27 bytes (pools and
    /// caches still filling); with a leak of one 200-byte array per task (224 bytes with its header), 258.
    /// </summary>
    private const double MaxBytesPerTask = 192;

    [Fact]
    public async Task Thousands_of_tasks_in_waves_are_each_run_once_and_leave_memory_descriptors_and_connections_flat()
    {
        var before = ProcessGauges.Measure(0);
        // The endpoint remembers the last 100 ended tasks (not the default 10,000, more than the run): what is measured
        // is then the worker's, the client's and the endpoint's working state, not the endpoint's history.
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            PollHoldTime = TimeSpan.FromMilliseconds(500),
            RetainedEndedTasks = 100,
        });
        int port = local.ServiceUrl.Port;
        string arn = local.CreateActivity("soak");
        using var client = ActivityClient.Create(new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = local.ServiceUrl,
            Credentials = new BasicAWSCredentials("AKIDSOAK", "soak-secret"),
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(10),
        }).Match(Right: c => c, Left: e => throw new InvalidOperationException(e.ToString()));

        // The handler's bookkeeping is allocated up front, so that it does not count as growth.
        var deliveries = new int[Total];
        var tokenHashes = new long[Total];
        int unknownInputs = 0;
        Task<Either<TaskFailure, TaskOutput>> Handle(ActivityTask task, CancellationToken _)
        {
            string json = task.Input.Json; // {"i":123}
            if (!int.TryParse(json.AsSpan(5, json.Length - 6), NumberStyles.None, CultureInfo.InvariantCulture, out int i) || i is < 0 or >= Total)
            {
                Interlocked.Increment(ref unknownInputs);
                return Task.FromResult(WorkerFixture.Output("{}"));
            }

            Interlocked.Increment(ref deliveries[i]);
            tokenHashes[i] = Fnv64(task.Token.Reveal());
            return Task.FromResult(WorkerFixture.Output(json));
        }

        await using var worker = ActivityWorker.Create(client, new ActivityWorkerOptions
        {
            ActivityArn = arn,
            WorkerName = "soak",
            Pollers = Pollers,
            MaxTasksInFlight = MaxTasksInFlight,
            HeartbeatInterval = TimeSpan.FromSeconds(30),
            HandlerTimeout = TimeSpan.FromSeconds(30),
            DrainTimeout = TimeSpan.FromSeconds(5),
            PollBackoffBase = TimeSpan.FromMilliseconds(10),
            PollBackoffMax = TimeSpan.FromMilliseconds(100),
        }, Handle).Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();

        var gauges = new ProcessGauges[Waves];
        var waveTimes = new TimeSpan[Waves];
        int peakConnections = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakConnections = Math.Max(peakConnections, ProcessGauges.Connections(port).Client);
                await Task.Delay(100, CancellationToken.None);
            }
        });

        var clock = Stopwatch.StartNew();
        int succeeded = 0;
        for (int wave = 0; wave < Waves; wave++)
        {
            var started = clock.Elapsed;
            succeeded += await RunWaveAsync(local, arn, wave);
            waveTimes[wave] = clock.Elapsed - started;
            gauges[wave] = ProcessGauges.Measure(port);
        }

        var elapsed = clock.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        var c = local.Counters;
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));

        // Read once the worker has stopped: the endpoint ends a task when SendTaskSuccess arrives, and the worker counts
        // it when the answer is back, so the last task's count may still be on its way when its outcome is seen.
        long succeededMetric = meter[WorkerTelemetry.TasksSucceeded];
        await worker.DisposeAsync(); // each is disposed again, harmlessly, when the test ends (also when it fails early)
        client.Dispose();
        var clientGone = await SettleAsync(() => ProcessGauges.Connections(port).Client == 0);
        var afterClient = ProcessGauges.Measure(port);
        await local.DisposeAsync();
        await SettleAsync(() => ProcessGauges.OpenDescriptors().Sockets <= before.Sockets + 2);
        var after = ProcessGauges.Measure(port);

        var warm = gauges[1];
        var last = gauges[^1];
        long growth = last.ManagedBytes - warm.ManagedBytes;
        double slope = Slope(gauges[1..].Select(g => (double)g.ManagedBytes).ToArray()) / PerWave;
        output.WriteLine($"{Total:N0} tasks in {Waves} waves of {PerWave} ({Pollers} pollers, {MaxTasksInFlight} in flight): {elapsed.TotalSeconds:F1} s, {Total / elapsed.TotalSeconds:N0} tasks/s");
        output.WriteLine($"waves (s): {string.Join(", ", waveTimes.Select(t => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)))}");
        output.WriteLine($"before: {before}");
        for (int wave = 0; wave < Waves; wave++)
        {
            output.WriteLine($"after wave {wave + 1}: {gauges[wave]}");
        }

        output.WriteLine($"growth wave 2 -> {Waves}: {growth / 1024.0:F0} KiB ({(double)growth / ((Waves - 2) * PerWave):F1} bytes a task; slope {slope:F1} bytes a task); peak client connections {peakConnections}");
        output.WriteLine($"after worker and client disposed: {afterClient}; after endpoint disposed: {after}");
        output.WriteLine($"endpoint: {c}");

        // Every task accounted for: one delivery, one success, each token seen once by the handler.
        Assert.Equal(Total, succeeded);
        Assert.Equal(Total, succeededMetric);
        Assert.Equal(0, unknownInputs);
        Assert.Equal(Total, c.TasksDispatched);
        Assert.Equal(Total, c.TasksCompleted);
        Assert.Equal(0, c.TasksFailed);
        Assert.Equal(0, c.TasksTimedOut);
        Assert.Equal(0, c.TasksRedelivered);
        Assert.Equal(0, c.DeliveriesLost);
        Assert.All(deliveries, d => Assert.Equal(1, d));
        Assert.Equal(Total, tokenHashes.Distinct().Count());

        // Memory: flat once warm, and not in proportion to the tasks run (the second half of the run grew no more than the first).
        Assert.True(growth < MaxGrowthBytes, $"live managed memory grew {growth:N0} bytes from wave 2 to wave {Waves}");
        long firstHalf = gauges[Waves / 2].ManagedBytes - warm.ManagedBytes;
        long secondHalf = last.ManagedBytes - gauges[Waves / 2].ManagedBytes;
        Assert.True(secondHalf < MaxGrowthBytes / 2, $"live managed memory grew {secondHalf:N0} bytes in the last {Waves / 2 - 1} waves (first half: {firstHalf:N0})");
        Assert.True(slope < MaxBytesPerTask, $"live managed memory grew {slope:F1} bytes a task (least-squares slope over waves 2..{Waves})");

        // Descriptors and connections: bounded by the concurrency, not by the tasks; all closed at the end. The worker
        // has at most MaxTasksInFlight calls in flight; the client opens a connection when none is idle at that instant,
        // so a few more can exist for a moment: the bound is generous, what matters is that it does not grow.
        Assert.True(peakConnections <= MaxTasksInFlight + Pollers, $"peak {peakConnections} client connections for {MaxTasksInFlight} calls in flight");
        Assert.True(last.ClientConnections <= warm.ClientConnections + 8, $"client connections {warm.ClientConnections} after wave 2, {last.ClientConnections} after wave {Waves}");
        Assert.True(last.NonAssemblyDescriptors <= warm.NonAssemblyDescriptors + 8, $"descriptors (not assemblies) {warm.NonAssemblyDescriptors} after wave 2, {last.NonAssemblyDescriptors} after wave {Waves}");
        Assert.True(last.Sockets <= warm.Sockets + 4, $"sockets {warm.Sockets} after wave 2, {last.Sockets} after wave {Waves}");
        Assert.True(clientGone, $"the disposed client left {afterClient.ClientConnections} connections open");
        Assert.True(after.Sockets <= before.Sockets + 2, $"sockets {before.Sockets} before, {after.Sockets} after everything was disposed");
        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"the soak took {elapsed}");
    }

    /// <summary>Enqueues a wave and waits for every task's outcome; answers how many succeeded with a single delivery.</summary>
    private static async Task<int> RunWaveAsync(LocalStepFunctions local, string arn, int wave)
    {
        var handles = new LocalTaskHandle[PerWave];
        for (int k = 0; k < PerWave; k++)
        {
            handles[k] = local.EnqueueTask(arn, "{\"i\":" + ((wave * PerWave) + k).ToString(CultureInfo.InvariantCulture) + "}");
        }

        var outcomes = await Task.WhenAll(handles.Select(h => h.Outcome)).WaitAsync(TimeSpan.FromSeconds(30));
        int ok = 0;
        for (int k = 0; k < PerWave; k++)
        {
            ok += outcomes[k] is LocalTaskSucceeded && handles[k].Deliveries == 1 ? 1 : 0;
        }

        return ok;
    }

    /// <summary>The least-squares slope of equally spaced values (per step).</summary>
    private static double Slope(double[] values)
    {
        double meanX = (values.Length - 1) / 2.0;
        double meanY = values.Average();
        double num = 0, den = 0;
        for (int x = 0; x < values.Length; x++)
        {
            num += (x - meanX) * (values[x] - meanY);
            den += (x - meanX) * (x - meanX);
        }

        return num / den;
    }

    private static async Task<bool> SettleAsync(Func<bool> condition)
    {
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(5); await Task.Delay(50))
        {
            if (condition())
            {
                return true;
            }
        }

        return condition();
    }

    private static long Fnv64(string text)
    {
        ulong hash = 14695981039346656037;
        foreach (char ch in text)
        {
            hash = unchecked((hash ^ ch) * 1099511628211);
        }

        return unchecked((long)hash);
    }
}
