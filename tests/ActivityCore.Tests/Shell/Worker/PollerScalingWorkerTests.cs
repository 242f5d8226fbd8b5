using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Worker;
using LanguageExt;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>Poller autoscaling end to end, against the local endpoint with short holds: polls in flight grow under a burst and fall back when idle.</summary>
public class PollerScalingWorkerTests
{
    [Fact]
    public async Task Polls_in_flight_grow_under_a_burst_and_fall_back_to_the_minimum_when_idle()
    {
        await using var f = await StartAsync(hold: TimeSpan.FromMilliseconds(100));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = f.Worker(
            async (task, _) =>
            {
                await release.Task;
                return await Echo(task, default);
            },
            o => (o.Pollers, o.MaxPollers, o.MaxTasksInFlight) = (1, 32, 64));
        await worker.StartAsync();
        await Eventually(() => worker.PollsInFlight == 1);
        var handles = Enumerable.Range(0, 40).Select(i => f.Local.EnqueueTask(f.Arn, "1")).ToArray();
        int grown = await MaxWhile(worker, () => worker.TasksInHand < 40, TimeSpan.FromMilliseconds(300));
        Assert.InRange(grown, 8, 32); // a fixed single poller would be 1; never above the maximum
        release.SetResult();
        await Within(Task.WhenAll(handles.Select(h => h.Outcome)));

        // Idle: each empty poll (held 100 ms) removes a poller, down to the one.
        await Eventually(() => worker.PollsInFlight <= 1, seconds: 10);
        int idle = await MaxWhile(worker, static () => true, TimeSpan.FromMilliseconds(800));
        Assert.Equal(1, idle);
        await worker.StopAsync();
        Assert.Equal(40, f.Counters.TasksCompleted);
        Assert.Equal(0, f.Counters.DeliveriesLost);
    }

    [Fact]
    public async Task A_fixed_count_never_grows_and_scaling_never_exceeds_the_free_slots()
    {
        await using var f = await StartAsync(hold: TimeSpan.FromMilliseconds(100));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<ActivityTask, CancellationToken, Task<Either<TaskFailure, TaskOutput>>> held = async (task, _) =>
        {
            await release.Task;
            return await Echo(task, default);
        };
        var handles = Enumerable.Range(0, 30).Select(i => f.Local.EnqueueTask(f.Arn, "1")).ToArray();
        await using var fixedWorker = f.Worker(held, o => (o.Pollers, o.MaxPollers, o.MaxTasksInFlight) = (2, null, 10));
        await using var scaling = f.Worker(held, o => (o.Pollers, o.MaxPollers, o.MaxTasksInFlight) = (1, 64, 10));
        await fixedWorker.StartAsync();
        await scaling.StartAsync();
        int fixedMax = 0;
        int busiest = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            fixedMax = Math.Max(fixedMax, fixedWorker.PollsInFlight);
            busiest = Math.Max(busiest, scaling.PollsInFlight + scaling.TasksInHand);
            await Task.Delay(1);
        }

        await Eventually(() => scaling.TasksInHand == 10 && fixedWorker.TasksInHand == 10); // both took all their slots
        fixedMax = Math.Max(fixedMax, fixedWorker.PollsInFlight);
        busiest = Math.Max(busiest, scaling.PollsInFlight + scaling.TasksInHand);
        Assert.InRange(fixedMax, 0, 2); // 0 when every poll was answered between two samples (30 tasks wait); never above 2
        Assert.InRange(busiest, 1, 10);
        release.SetResult();
        await Within(Task.WhenAll(handles.Select(h => h.Outcome)));
        await fixedWorker.StopAsync();
        await scaling.StopAsync();
        Assert.Equal(30, f.Counters.TasksCompleted);
    }

    private static async Task<int> MaxWhile(ActivityWorker worker, Func<bool> condition, TimeSpan after)
    {
        int max = 0;
        var clock = Stopwatch.StartNew();
        while (condition() && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            max = Math.Max(max, worker.PollsInFlight);
            await Task.Delay(1);
        }

        clock.Restart();
        while (clock.Elapsed < after)
        {
            max = Math.Max(max, worker.PollsInFlight);
            await Task.Delay(1);
        }

        return max;
    }

    private static async Task Eventually(Func<bool> condition, double seconds = 5)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(seconds), "the condition did not come true in time");
            await Task.Delay(5);
        }
    }
}
