using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Worker;
using LanguageExt;
using Xunit;
using Xunit.Abstractions;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>
/// The proof that no task is lost: tasks are enqueued (some before, some while workers run and stop), workers are
/// stopped at random moments (while polls are held, while handlers run, gracefully or hurried) and restarted until
/// every task has ended. The local endpoint's counters are the evidence.
/// </summary>
public class NoTaskLostTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Workers_stopped_at_random_moments_lose_no_task_and_run_none_twice(int seed)
    {
        var random = new Random(seed);
        await using var f = await StartAsync(hold: TimeSpan.FromMilliseconds(random.Next(50, 300)), maxAttempts: 1);
        var handles = new ConcurrentBag<LocalTaskHandle>();
        var seen = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        int twice = 0;
        const int Upfront = 60, Trickled = 40;
        for (int i = 0; i < Upfront; i++)
        {
            handles.Add(f.Local.EnqueueTask(f.Arn, i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        int trickleSeed = random.Next();
        var trickle = Task.Run(async () =>
        {
            var r = new Random(trickleSeed);
            for (int i = 0; i < Trickled; i++)
            {
                await Task.Delay(r.Next(0, 50));
                handles.Add(f.Local.EnqueueTask(f.Arn, (Upfront + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        });

        var stops = new List<string>();
        for (int round = 0; round < 30 && (handles.Any(h => !h.Outcome.IsCompleted) || !trickle.IsCompleted); round++)
        {
            int handlerMs = random.Next(10, 120);
            bool throwSome = random.Next(4) == 0;
            var worker = f.Worker(async (task, token) =>
            {
                if (seen.AddOrUpdate(task.Token.Reveal(), 1, (_, n) => n + 1) > 1)
                {
                    Interlocked.Increment(ref twice);
                }

                await Task.Delay(handlerMs, token);
                return throwSome && task.Input.Json.EndsWith('3') ? throw new InvalidOperationException("unlucky") : Output(task.Input.Json);
            }, o =>
            {
                o.Pollers = random.Next(1, 9);
                o.MaxTasksInFlight = random.Next(1, 10);
                o.DrainTimeout = TimeSpan.FromMilliseconds(new[] { 0, 30, 1000 }[random.Next(3)]);
            });
            await worker.StartAsync();
            await Task.Delay(random.Next(0, 250));
            bool hurried = random.Next(4) == 0;
            string moment = $"round {round}: {worker.PollsInFlight} polls, {worker.TasksInHand} tasks in hand, {(hurried ? "hurried" : "graceful")}";
            stops.Add(moment);
            if (hurried)
            {
                using var hurry = new CancellationTokenSource();
                await hurry.CancelAsync();
                await worker.StopAsync(hurry.Token).WaitAsync(TimeSpan.FromSeconds(5));
            }
            else
            {
                await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }

            await worker.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)); // waits for any poll still held
        }

        await trickle;
        var outcomes = await Task.WhenAll(handles.Select(h => h.Outcome)).WaitAsync(TimeSpan.FromSeconds(5));
        var c = f.Counters;
        output.WriteLine($"seed {seed}: {stops.Count} workers; {c}");
        output.WriteLine(string.Join(Environment.NewLine, stops));
        Assert.Equal(Upfront + Trickled, outcomes.Length);
        Assert.All(outcomes, o => Assert.IsNotType<LocalTaskTimedOut>(o));
        Assert.Equal(c.TasksDispatched, c.TasksCompleted + c.TasksFailed);
        Assert.Equal(Upfront + Trickled, c.TasksDispatched);
        Assert.Equal(0, c.TasksTimedOut);
        Assert.Equal(0, c.DeliveriesLost);
        Assert.Equal(0, twice);
        Assert.All(handles, h => Assert.Equal(1, h.Deliveries));
        Assert.All(outcomes.OfType<LocalTaskFailed>(), o => Assert.Contains(o.Error, new[] { WorkerErrorCodes.WorkerStopped, "System.InvalidOperationException" }));
    }
}
