using System;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using LanguageExt;
using Microsoft.Extensions.Logging;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>
/// The KMS fallback: a report answered <c>KmsAccessDeniedException</c> (the worker may not use the execution's key) is
/// replaced by a SendTaskFailure without error and cause, which needs no KMS permission: the task ends failed at once
/// instead of timing out.
/// </summary>
public class WorkerKmsFallbackTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_task_whose_key_the_worker_may_not_use_ends_failed_not_timed_out(bool handlerFails)
    {
        await using var f = await StartAsync();
        var handle = f.Local.EnqueueTask(f.Arn, "1", new LocalTaskOptions { KmsAccessDenied = true, TaskTimeout = TimeSpan.FromMinutes(5) });
        using var logs = new CapturingLoggerProvider();
        await using var worker = ActivityWorker.Create(
                f.Client,
                f.Options(o => o.Pollers = 1),
                (task, ct) => handlerFails
                    ? Task.FromResult(LanguageExt.Prelude.Left<TaskFailure, TaskOutput>(TaskFailure.Bounded("Failed", "secret cause")))
                    : Echo(task, ct),
                logs.CreateLogger("ActivityCore.ActivityWorker"))
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();

        var outcome = await Within(handle.Outcome);
        await WorkerShutdownTests.WaitUntil(() => worker.TasksInHand == 0);
        await worker.StopAsync();

        Assert.Equal(new LocalTaskFailed(null, null), outcome);
        Assert.Equal(1, meter[WorkerTelemetry.KmsFallbacks]);
        Assert.Equal(1, meter[WorkerTelemetry.TasksFailed]);
        Assert.Equal(0, meter[WorkerTelemetry.TasksSucceeded]);
        Assert.Equal(0, meter[WorkerTelemetry.TasksAbandoned]);
        Assert.Equal(0, f.Counters.TasksTimedOut);
        var line = Assert.Single(logs.Records, r => r.EventId.Id == 121);
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains(handlerFails ? "SendTaskFailure answered KmsAccessDeniedException" : "SendTaskSuccess answered KmsAccessDeniedException", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Records, r => r.EventId.Id is 105 or 112);
    }

    [Fact]
    public async Task An_empty_failure_refused_for_KMS_is_not_sent_again_and_again()
    {
        await using var f = await StartAsync(maxAttempts: 1);
        f.Local.Faults.Add(LocalOperation.SendTaskSuccess, LocalFault.Error(400, "KmsAccessDeniedException"));
        f.Local.Faults.Add(LocalOperation.SendTaskFailure, LocalFault.Error(400, "KmsAccessDeniedException"));
        var handle = f.Local.EnqueueTask(f.Arn, "2", new LocalTaskOptions { TaskTimeout = TimeSpan.FromMinutes(5) });
        await using var worker = f.Worker(Echo, o => o.Pollers = 1);
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();

        await WorkerShutdownTests.WaitUntil(() => meter[WorkerTelemetry.TasksAbandoned] == 1);
        await worker.StopAsync();

        Assert.Equal(1, meter[WorkerTelemetry.KmsFallbacks]);
        Assert.Equal(0, f.Local.Faults.Pending(LocalOperation.SendTaskFailure));
        Assert.False(handle.Outcome.IsCompleted);
    }
}
