using System;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Microsoft.Extensions.Logging;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>
/// A report sent more than once that hears the task has ended (<c>TaskTimedOut</c> or <c>TaskDoesNotExist</c>: the service
/// answers both for a closed task) was most likely applied by an earlier attempt whose answer was lost: logged at
/// Information and counted as delivered. After a first attempt, <c>TaskTimedOut</c> stays what it is: the task timed out.
/// </summary>
public class WorkerRetriedReportTests
{
    [Theory]
    [InlineData(LocalClosedTaskAnswer.TaskDoesNotExist, LocalOperation.SendTaskSuccess)]
    [InlineData(LocalClosedTaskAnswer.TaskTimedOut, LocalOperation.SendTaskSuccess)]
    [InlineData(LocalClosedTaskAnswer.TaskDoesNotExist, LocalOperation.SendTaskFailure)]
    [InlineData(LocalClosedTaskAnswer.TaskTimedOut, LocalOperation.SendTaskFailure)]
    public async Task A_report_applied_with_its_answer_lost_is_counted_delivered_whichever_code_the_retry_hears(LocalClosedTaskAnswer closed, LocalOperation operation)
    {
        await using var f = await StartAsync(local: o => o.ClosedTaskAnswer = closed);
        f.Local.Faults.Add(operation, LocalFault.DropAfterDispatch); // applied, then its answer lost: the client retries
        bool fails = operation == LocalOperation.SendTaskFailure;
        var handle = f.Local.EnqueueTask(f.Arn, "7", new LocalTaskOptions { TaskTimeout = TimeSpan.FromMinutes(5) });
        using var logs = new CapturingLoggerProvider();
        await using var worker = Worker(f, logs, fails);
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();

        var outcome = await Within(handle.Outcome);
        await WorkerShutdownTests.WaitUntil(() => worker.TasksInHand == 0);
        await worker.StopAsync();

        Assert.Equal(fails, outcome is LocalTaskFailed);
        Assert.Equal(1, meter[WorkerTelemetry.ReportsPresumedDelivered]);
        Assert.Equal(0, meter[WorkerTelemetry.TasksAbandoned]);
        Assert.Equal(1, meter[fails ? WorkerTelemetry.TasksFailed : WorkerTelemetry.TasksSucceeded]);
        var line = Assert.Single(logs.Records, r => r.EventId.Id is 105 or 112 or 120);
        Assert.Equal((120, LogLevel.Information), (line.EventId.Id, line.Level));
        Assert.Contains($"{operation} answered {closed}: the task had already ended", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_the_worker_sent_again_that_hears_TaskTimedOut_is_counted_delivered()
    {
        await using var f = await StartAsync(maxAttempts: 1);
        f.Local.Faults.Add(LocalOperation.SendTaskSuccess, LocalFault.ServiceUnavailable); // the client gives up; the worker sends again
        f.Local.Faults.Add(LocalOperation.SendTaskSuccess, LocalFault.Error(400, "TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'"));
        f.Local.EnqueueTask(f.Arn, "8", new LocalTaskOptions { TaskTimeout = TimeSpan.FromMinutes(5) });
        using var logs = new CapturingLoggerProvider();
        await using var worker = Worker(f, logs, fails: false);
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();

        await WorkerShutdownTests.WaitUntil(() => meter[WorkerTelemetry.ReportsPresumedDelivered] == 1);
        await worker.StopAsync();

        Assert.Equal(1, meter[WorkerTelemetry.ReportsResent]);
        Assert.Equal(1, meter[WorkerTelemetry.TasksSucceeded]);
        Assert.Equal(0, meter[WorkerTelemetry.TasksAbandoned]);
    }

    [Fact]
    public async Task A_first_attempt_answered_TaskTimedOut_is_a_task_that_timed_out()
    {
        await using var f = await StartAsync(maxAttempts: 3);
        f.Local.Faults.Add(LocalOperation.SendTaskSuccess, LocalFault.Error(400, "TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'"));
        f.Local.EnqueueTask(f.Arn, "9", new LocalTaskOptions { TaskTimeout = TimeSpan.FromMinutes(5) });
        using var logs = new CapturingLoggerProvider();
        await using var worker = Worker(f, logs, fails: false);
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();

        await WorkerShutdownTests.WaitUntil(() => meter[WorkerTelemetry.TasksAbandoned] == 1);
        await worker.StopAsync();

        Assert.Equal(0, meter[WorkerTelemetry.ReportsPresumedDelivered]);
        Assert.Equal(0, meter[WorkerTelemetry.TasksSucceeded]);
        var line = Assert.Single(logs.Records, r => r.EventId.Id is 105 or 112 or 120);
        Assert.Equal((112, LogLevel.Warning), (line.EventId.Id, line.Level));
    }

    private static ActivityWorker Worker(WorkerFixture f, CapturingLoggerProvider logs, bool fails) =>
        ActivityWorker.Create(
                f.Client,
                f.Options(o => o.Pollers = 1),
                (task, ct) => fails
                    ? Task.FromResult(LanguageExt.Prelude.Left<TaskFailure, TaskOutput>(TaskFailure.Bounded("Failed", "as asked")))
                    : Echo(task, ct),
                logs.CreateLogger("ActivityCore.ActivityWorker"))
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
}
