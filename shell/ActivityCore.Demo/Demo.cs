using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Amazon.Runtime;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Demo;

/// <summary>
/// The no-argument demo: an embedded <see cref="LocalStepFunctions"/>, an activity, a batch of sample tasks, a worker
/// over a real HTTP client, a progress bar, and a summary measured from the endpoint's outcomes.
/// </summary>
internal static class DemoRun
{
    public static async Task<int> RunAsync(DemoOptions demo, CancellationToken cancellation)
    {
        var time = TimeProvider.System;
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = demo.HoldTime }, cancellation).ConfigureAwait(false);
        string arn = local.CreateActivity("activitycore-demo");
        using var client = ActivityClient.Create(new ActivityClientOptions
        {
            Region = local.Options.Region,
            ServiceUrl = local.ServiceUrl,
            Credentials = new BasicAWSCredentials("AKIDDEMO", "demo-secret"),
        }).Match(Right: c => c, Left: e => throw new InvalidOperationException(e.ToString()));

        var started = new long[demo.Tasks];
        var options = new ActivityWorkerOptions
        {
            ActivityArn = arn,
            WorkerName = "activitycore-demo",
            Pollers = Math.Max(1, demo.Pollers),
            MaxTasksInFlight = Math.Max(1, demo.MaxTasksInFlight),
            HeartbeatInterval = TimeSpan.FromSeconds(5),
            DrainTimeout = TimeSpan.FromSeconds(5),
            TimeProvider = time,
        };
        var run = new Batch(demo, local, arn, options, started, time);
        return await ActivityWorker.Create(client, options, (task, _) => Task.FromResult(Square(task, started, time))).Match(
            Right: worker => RunBatchAsync(run, worker, cancellation),
            Left: static async e =>
            {
                await Console.Error.WriteLineAsync("invalid demo options: " + e).ConfigureAwait(false);
                return 2;
            }).ConfigureAwait(false);
    }

    /// <summary>What the batch needs beside its worker: the settings, the endpoint, the activity, and when each task's handler started.</summary>
    private sealed record Batch(DemoOptions Demo, LocalStepFunctions Local, string Arn, ActivityWorkerOptions Options, long[] Started, TimeProvider Time);

    private static async Task<int> RunBatchAsync(Batch run, ActivityWorker created, CancellationToken cancellation)
    {
        var (demo, local, arn, options, started, time) = run;
        await using var worker = created;
        long t0 = time.GetTimestamp();
        int n = demo.Tasks;
        var ended = new long[n];
        var handles = new LocalTaskHandle[n];
        var recorded = new Task[n];
        var enqueued = new long[n];
        int done = 0;
        for (int i = 0; i < n; i++)
        {
            int index = i;
            enqueued[i] = time.GetTimestamp();
            handles[i] = local.EnqueueTask(arn, string.Create(CultureInfo.InvariantCulture, $$"""{"n":{{i}}}"""));
            recorded[i] = handles[i].Outcome.ContinueWith(
                _ =>
                {
                    ended[index] = time.GetTimestamp();
                    Interlocked.Increment(ref done);
                },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        var progress = new ProgressBar(Console.Error, !Console.IsErrorRedirected, n);
        await worker.StartAsync(cancellation).ConfigureAwait(false);
        var all = Task.WhenAll(recorded);
        var deadline = time.GetTimestamp();
        while (!all.IsCompleted && time.GetElapsedTime(deadline) < TimeSpan.FromSeconds(50) && !cancellation.IsCancellationRequested)
        {
            progress.Show(Volatile.Read(ref done), Rate(Volatile.Read(ref done), time.GetElapsedTime(t0)));
            await Task.WhenAny(all, Task.Delay(100, cancellation)).ConfigureAwait(false);
        }

        var elapsed = time.GetElapsedTime(t0);
        progress.Finish(Volatile.Read(ref done), Rate(Volatile.Read(ref done), elapsed));
        await worker.StopAsync(CancellationToken.None).ConfigureAwait(false);

        var outcomes = handles.Select(h => h.Outcome.IsCompletedSuccessfully ? h.Outcome.Result : null).ToArray();
        int succeeded = outcomes.Count(o => o is LocalTaskSucceeded);
        int failed = outcomes.Count(o => o is LocalTaskFailed);
        // Interrupted, the tasks never handed out were not run; a task handed out and not reported is lost.
        int notRun = handles.Count(h => h.Deliveries == 0 && !h.Outcome.IsCompleted);
        int lost = n - succeeded - failed - notRun;
        var inWorker = Percentiles(Enumerable.Range(0, n).Where(i => ended[i] != 0 && started[i] != 0).Select(i => Ms(started[i], ended[i], time)));
        var endToEnd = Percentiles(Enumerable.Range(0, n).Where(i => ended[i] != 0).Select(i => Ms(enqueued[i], ended[i], time)));
        var c = local.Counters;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            ActivityCore demo: {n} tasks, {options.Pollers} pollers, at most {options.MaxTasksInFlight} in flight, local endpoint {local.ServiceUrl}
              throughput      {Rate(succeeded + failed, elapsed):F0} tasks/s ({elapsed.TotalSeconds:F2} s)
              latency         p50 {inWorker.P50:F1} ms, p99 {inWorker.P99:F1} ms (handler start to report acknowledged)
              end to end      p50 {endToEnd.P50:F1} ms, p99 {endToEnd.P99:F1} ms (enqueued to report acknowledged, queueing included)
              succeeded {succeeded}, failed {failed}, lost {lost}
              endpoint        {c}
            """));
        if (cancellation.IsCancellationRequested)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  interrupted: {notRun} not run"));
        }

        return lost != 0 || c.TasksTimedOut != 0 || c.DeliveriesLost != 0 ? 1 : cancellation.IsCancellationRequested ? 130 : 0;
    }

    private static Either<TaskFailure, TaskOutput> Square(ActivityTask task, long[] started, TimeProvider time)
    {
        using var doc = JsonDocument.Parse(task.Input.Json);
        int n = doc.RootElement.GetProperty("n").GetInt32();
        started[n] = time.GetTimestamp();
        long square = (long)n * n;
        return TaskOutput.Parse(string.Create(CultureInfo.InvariantCulture, $$"""{"n":{{n}},"square":{{square}}}"""))
            .Match(Right: o => Right<TaskFailure, TaskOutput>(o), Left: e => Left<TaskFailure, TaskOutput>(TaskFailure.Bounded("Demo.InvalidOutput", e.ToString())));
    }

    private static double Rate(int count, TimeSpan elapsed) => elapsed.TotalSeconds <= 0 ? 0 : count / elapsed.TotalSeconds;

    private static double Ms(long from, long to, TimeProvider time) => time.GetElapsedTime(from, to).TotalMilliseconds;

    private static (double P50, double P99) Percentiles(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? (0, 0) : (At(sorted, 0.50), At(sorted, 0.99));
    }

    private static double At(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1 < 0 ? 0 : (int)Math.Ceiling(q * sorted.Length) - 1)];
}
