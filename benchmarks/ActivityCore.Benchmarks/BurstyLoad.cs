using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Worker;
using Amazon.Runtime;
using LanguageExt;

namespace ActivityCore.Benchmarks;

/// <summary>
/// <c>--bursty</c>: the latency from a task's enqueue (<see cref="LocalStepFunctions.EnqueueTask"/>) to its handler's
/// start under bursty load, fixed 4 pollers against autoscaling (1..64 and 4..64), in one run with alternating rounds. Each round
/// runs one worker against a fresh in-process endpoint that holds an empty poll 5 s (the service holds 60 s): 10 bursts
/// of 50 tasks, one a second (each handler takes 20 ms), then 12 s idle (more than two hold times). Reports p50, p99 and
/// the maximum of the latency over all rounds, the mean polls held in the last 200 ms before each burst (the gaps), and
/// the polls held at the end of the idle time.
/// </summary>
internal static class BurstyLoad
{
    private const int Bursts = 10;
    private const int BurstSize = 50;
    private const int Rounds = 2;
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Gap = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Work = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(12);

    private static readonly (string Name, Action<ActivityWorkerOptions> Set)[] Configurations =
    [
        ("fixed 4 pollers", static o => (o.Pollers, o.MaxPollers) = (4, null)),
        ("autoscaling 1..64", static o => (o.Pollers, o.MaxPollers) = (1, 64)),
        ("autoscaling 4..64", static o => (o.Pollers, o.MaxPollers) = (4, 64)),
    ];

    public static async Task RunAsync()
    {
        Console.WriteLine($"Bursty load: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average at start: {LoadAverage()}");
        var results = Configurations.ToDictionary(c => c.Name, _ => new Result());
        for (int round = 0; round < Rounds; round++)
        {
            foreach (var (name, set) in Configurations)
            {
                await RunRoundAsync(set, results[name]).ConfigureAwait(false);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| Configuration | Tasks | p50 | p99 | max | Polls held in the gaps (mean) | Polls held after {Idle.TotalSeconds:F0} s idle |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, _) in Configurations)
        {
            var r = results[name];
            double[] sorted = [.. r.LatenciesMs.OrderBy(static x => x)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {sorted.Length} | {Percentile(sorted, 0.50):F1} ms | {Percentile(sorted, 0.99):F1} ms | {sorted[^1]:F1} ms | {r.GapPolls.Average():F1} | {string.Join(", ", r.IdlePolls)} |"));
        }

        Console.WriteLine();
        Console.WriteLine($"Load average at end: {LoadAverage()}");
    }

    private static async Task RunRoundAsync(Action<ActivityWorkerOptions> set, Result result)
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = Hold }).ConfigureAwait(false);
        string arn = local.CreateActivity("bursty");
        using var client = ActivityClient.Create(new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = local.ServiceUrl,
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
        }).Match(Right: c => c, Left: e => throw new InvalidOperationException(e.ToString()));
        var enqueued = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var started = new ConcurrentBag<double>();
        var options = new ActivityWorkerOptions { ActivityArn = arn, MaxTasksInFlight = 64, HeartbeatInterval = null, DrainTimeout = TimeSpan.FromSeconds(5) };
        set(options);
        var output = TaskOutput.Parse("{}").Match(Right: o => o, Left: e => throw new InvalidOperationException(e.ToString()));
        await using var worker = ActivityWorker.Create(client, options, async (task, token) =>
        {
            long now = Stopwatch.GetTimestamp();
            if (enqueued.TryGetValue(task.Input.Json, out long at))
            {
                started.Add(Stopwatch.GetElapsedTime(at, now).TotalMilliseconds);
            }

            await Task.Delay(Work, token).ConfigureAwait(false);
            return Prelude.Right<TaskFailure, TaskOutput>(output);
        }).Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        await worker.StartAsync().ConfigureAwait(false);
        await Task.Delay(Gap).ConfigureAwait(false);

        int id = 0;
        var handles = new List<LocalTaskHandle>();
        for (int burst = 0; burst < Bursts; burst++)
        {
            for (int i = 0; i < BurstSize; i++)
            {
                string input = string.Create(CultureInfo.InvariantCulture, $"{{\"i\":{id++}}}");
                enqueued[input] = Stopwatch.GetTimestamp();
                handles.Add(local.EnqueueTask(arn, input));
            }

            await Task.Delay(Gap - TimeSpan.FromMilliseconds(200)).ConfigureAwait(false);
            result.GapPolls.Add(await MeanPollsAsync(worker, TimeSpan.FromMilliseconds(200)).ConfigureAwait(false));
        }

        await Task.WhenAll(handles.Select(static h => h.Outcome)).WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        await Task.Delay(Idle).ConfigureAwait(false);
        result.IdlePolls.Add(worker.PollsInFlight);
        result.LatenciesMs.AddRange(started);
        var stopping = worker.StopAsync();
        await local.DisposeAsync().ConfigureAwait(false); // answers the held polls empty: the stop does not wait for them
        await stopping.ConfigureAwait(false);
    }

    private static async Task<double> MeanPollsAsync(ActivityWorker worker, TimeSpan window)
    {
        var clock = Stopwatch.StartNew();
        long sum = 0;
        int samples = 0;
        while (clock.Elapsed < window)
        {
            sum += worker.PollsInFlight;
            samples++;
            await Task.Delay(10).ConfigureAwait(false);
        }

        return samples == 0 ? 0 : sum / (double)samples;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string LoadAverage() =>
        System.IO.File.Exists("/proc/loadavg") ? string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed class Result
    {
        public List<double> LatenciesMs { get; } = [];

        public List<double> GapPolls { get; } = [];

        public List<int> IdlePolls { get; } = [];
    }
}
