using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;
using ActivityContext = System.Diagnostics.ActivityContext;

namespace ActivityCore.Tests.Shell.Worker;

public class WorkerReportTests
{
    [Fact]
    public async Task An_output_the_service_refuses_is_reported_as_a_failure_at_once()
    {
        await using var f = await StartAsync(maxAttempts: 1);
        f.Local.Faults.Add(LocalOperation.SendTaskSuccess, LocalFault.Error(400, "InvalidOutput", "too odd"));
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        await using var worker = f.Worker(Echo);
        await worker.StartAsync();
        var failed = Assert.IsType<LocalTaskFailed>(await Within(handle.Outcome));
        Assert.Equal(WorkerErrorCodes.InvalidOutput, failed.Error);
        Assert.Contains("too odd", failed.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_success_answered_TaskTimedOut_is_abandoned_not_resent_as_a_failure()
    {
        await using var f = await StartAsync(maxAttempts: 1);
        f.Local.Faults.Add(LocalOperation.SendTaskSuccess, LocalFault.Error(400, "TaskTimedOut"));
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        await using var worker = f.Worker(Echo);
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();
        await SpinUntil(() => meter[WorkerTelemetry.TasksAbandoned] == 1);
        await worker.StopAsync();
        Assert.Equal(0, f.Counters.TasksFailed);
        Assert.Equal(0, meter[WorkerTelemetry.TasksFailed]);
        Assert.False(handle.Outcome.IsCompleted); // the fault answered in the service's place; the task is left to its timeout
    }

    [Fact]
    public async Task Each_task_gets_one_span_on_the_ActivityCore_Worker_source()
    {
        var spans = new ConcurrentBag<Activity>();
        await using var f = await StartAsync();
        string fingerprint = "";
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == WorkerTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (Equals(a.GetTagItem("activitycore.worker"), "span-worker"))
                {
                    spans.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var handles = Enumerable.Range(0, 3).Select(_ => f.Local.EnqueueTask(f.Arn, "1")).ToArray();
        await using var worker = f.Worker((t, c) =>
        {
            fingerprint = t.Token.Fingerprint;
            return Echo(t, c);
        }, o => { o.WorkerName = "span-worker"; o.Pollers = 1; });
        await worker.StartAsync();
        await Within(Task.WhenAll(handles.Select(h => h.Outcome)));
        await worker.StopAsync();
        Assert.Equal(3, spans.Count);
        Assert.All(spans, s => Assert.Equal("process work", s.OperationName));
        Assert.All(spans, s => Assert.Equal("succeeded", s.GetTagItem("activitycore.task.outcome")));
        Assert.Contains(spans, s => Equals(s.GetTagItem("activitycore.task.token_fingerprint"), fingerprint));
    }

    private static async Task SpinUntil(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "condition not met in time");
            await Task.Delay(10);
        }
    }
}
