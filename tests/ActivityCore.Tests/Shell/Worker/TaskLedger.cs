using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>
/// The tasks a test enqueued (every fourth one is failed by the handler) and the handler's own record of the tokens it
/// ran, to prove that no task is lost and none is run twice.
/// </summary>
internal sealed class TaskLedger
{
    public const string FailureError = "Matrix.Failed";

    private readonly ConcurrentDictionary<string, int> runs = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(LocalTaskHandle Handle, string Input, bool Fails)> tasks = new();
    private int enqueued;

    public IReadOnlyList<(LocalTaskHandle Handle, string Input, bool Fails)> Tasks => [.. tasks];

    /// <summary>Handler runs (one per token received).</summary>
    public int Runs => runs.Values.Sum();

    /// <summary>Tokens the handler ran more than once.</summary>
    public int TokensRunTwice => runs.Values.Count(n => n > 1);

    /// <summary>Enqueues <paramref name="count"/> tasks; the handler fails those numbered by a multiple of four.</summary>
    public LocalTaskHandle[] Enqueue(LocalStepFunctions local, string arn, int count, LocalTaskOptions options)
    {
        var handles = new LocalTaskHandle[count];
        for (int i = 0; i < count; i++)
        {
            int n = Interlocked.Increment(ref enqueued);
            bool fails = n % 4 == 0;
            string input = fails
                ? string.Create(CultureInfo.InvariantCulture, $"{{\"n\":{n},\"fail\":true}}")
                : string.Create(CultureInfo.InvariantCulture, $"{{\"n\":{n}}}");
            handles[i] = local.EnqueueTask(arn, input, options);
            tasks.Enqueue((handles[i], input, fails));
        }

        return handles;
    }

    /// <summary>The worker's handler: records the token, echoes the input, or fails the task when the input says so.</summary>
    public Task<Either<TaskFailure, TaskOutput>> HandleAsync(ActivityTask task, CancellationToken cancellationToken)
    {
        runs.AddOrUpdate(task.Token.Reveal(), 1, static (_, n) => n + 1);
        Either<TaskFailure, TaskOutput> result = task.Input.Json.Contains("\"fail\"", StringComparison.Ordinal)
            ? Left(TaskFailure.Bounded(FailureError, "the matrix fails every fourth task"))
            : TaskOutput.Parse(task.Input.Json).Match(
                Right: o => Right<TaskFailure, TaskOutput>(o),
                Left: e => throw new InvalidOperationException(e.ToString()));
        return Task.FromResult(result);
    }

    /// <summary>Waits for the tasks' outcomes; on time out, says which are pending and what the endpoint counted.</summary>
    public static async Task AllEndedAsync(IEnumerable<LocalTaskHandle> handles, LocalStepFunctions local, string phase, double seconds = 8)
    {
        var all = handles.ToArray();
        try
        {
            await Task.WhenAll(all.Select(h => h.Outcome)).WaitAsync(TimeSpan.FromSeconds(seconds));
        }
        catch (TimeoutException)
        {
            var pending = all.Where(h => !h.Outcome.IsCompleted).Select(h => $"{h.Id} ({h.Deliveries} deliveries)");
            Assert.Fail($"{phase}: tasks still pending after {seconds} s: {string.Join(", ", pending)}; endpoint: {local.Counters}");
        }
    }
}

/// <summary>The endpoint's counters at one moment, to take differences.</summary>
internal readonly record struct CounterSnapshot(
    long Dispatched, long Completed, long Failed, long TimedOut, long Redelivered, long Lost, long PollsServed)
{
    public static CounterSnapshot Of(LocalCounters c) =>
        new(c.TasksDispatched, c.TasksCompleted, c.TasksFailed, c.TasksTimedOut, c.TasksRedelivered, c.DeliveriesLost, c.PollsServed);

    public static CounterSnapshot operator -(CounterSnapshot a, CounterSnapshot b) =>
        new(a.Dispatched - b.Dispatched, a.Completed - b.Completed, a.Failed - b.Failed, a.TimedOut - b.TimedOut,
            a.Redelivered - b.Redelivered, a.Lost - b.Lost, a.PollsServed - b.PollsServed);

    public CounterSnapshot Subtract(CounterSnapshot other) => this - other;
}
