using System;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Tests.Shell.Worker;
using ActivityCore.Worker;
using Microsoft.Extensions.Logging;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Regressions;

/// <summary>
/// Regression (issue 11): when a report was applied by the service but its answer was lost, the client's retry hears
/// <c>TaskDoesNotExist</c> and the worker logged, at Error, "the task is left to its timeout", although the task was
/// over (ended by that very report). The line now says what happened; since the 2026 retry work it is an Information
/// line (event 120) and the report counts as delivered: a retried report that hears the task ended was most likely
/// applied by its earlier attempt (WorkerRetriedReportTests covers TaskTimedOut too).
/// </summary>
public class ReportAnswerLostLogTests
{
    [Theory]
    [InlineData(LocalOperation.SendTaskSuccess, "7")]
    [InlineData(LocalOperation.SendTaskFailure, "\"fail\"")]
    public async Task A_report_whose_answer_was_lost_is_logged_as_a_task_already_ended(LocalOperation operation, string input)
    {
        await using var f = await StartAsync();
        f.Local.Faults.Add(operation, LocalFault.DropAfterDispatch); // applied, then the answer is lost; the retry hears TaskDoesNotExist
        var handle = f.Local.EnqueueTask(f.Arn, input);
        using var logs = new CapturingLoggerProvider();
        await using var worker = ActivityWorker.Create(
                f.Client,
                f.Options(o => o.Pollers = 1),
                (task, ct) => task.Input.Json == "\"fail\""
                    ? Task.FromResult(LanguageExt.Prelude.Left<TaskFailure, TaskOutput>(TaskFailure.Bounded("Failed", "as asked")))
                    : Echo(task, ct),
                logs.CreateLogger("ActivityCore.ActivityWorker"))
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        await worker.StartAsync();

        var outcome = await Within(handle.Outcome);
        Assert.Equal(operation == LocalOperation.SendTaskSuccess, outcome is LocalTaskSucceeded); // applied once, by the lost attempt
        await WorkerShutdownTests.WaitUntil(() => worker.TasksInHand == 0);
        await worker.StopAsync();

        var line = Assert.Single(logs.Records, r => r.EventId.Id is 105 or 112 or 120);
        Assert.Equal((120, LogLevel.Information), (line.EventId.Id, line.Level));
        Assert.DoesNotContain("left to its timeout", line.Message, StringComparison.Ordinal);
        Assert.Contains($"{operation} answered TaskDoesNotExist", line.Message, StringComparison.Ordinal);
        Assert.Contains("the task had already ended", line.Message, StringComparison.Ordinal);
        Assert.Contains("an earlier attempt of this report was applied and its answer lost", line.Message, StringComparison.Ordinal);
    }
}
