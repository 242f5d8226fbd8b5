using System;
using System.Diagnostics;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Retries;
using ActivityCore.Tests.Shell.Worker;
using ActivityCore.Worker;
using ActivityCore.Worker.Policies;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Regressions;

/// <summary>
/// Regression (found by the fault matrix, issue 7): when the client gave up on a SendTaskSuccess or SendTaskFailure
/// (a 5xx or throttling storm longer than its attempts), the worker abandoned the report: the finished task was left to
/// its timeout and its result lost. Now the worker sends it again after the poll backoff until it is delivered, the
/// service says the task ended, or the stop's drain is over.
/// </summary>
public class ReportGivenUpAfterClientRetriesTests
{
    [Theory]
    [InlineData(LocalOperation.SendTaskSuccess, "7", 503, "ServiceUnavailable")]
    [InlineData(LocalOperation.SendTaskSuccess, "7", 400, "ThrottlingException")]
    [InlineData(LocalOperation.SendTaskFailure, "\"fail\"", 500, "InternalFailure")]
    public async Task A_report_failing_longer_than_the_clients_attempts_is_sent_again_until_delivered(
        LocalOperation operation, string input, int status, string code)
    {
        await using var f = await StartAsync(maxAttempts: 2);
        f.Local.Faults.Add(operation, LocalFault.Error(status, code), times: 7);
        var handle = f.Local.EnqueueTask(f.Arn, input);
        await using var worker = f.Worker(
            (task, ct) => task.Input.Json == "\"fail\"" ? Task.FromResult(LanguageExt.Prelude.Left<TaskFailure, TaskOutput>(TaskFailure.Bounded("Failed", "as asked"))) : Echo(task, ct),
            o => o.Pollers = 1);
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();

        var outcome = await Within(handle.Outcome);

        Assert.Equal(operation == LocalOperation.SendTaskSuccess, outcome is LocalTaskSucceeded);
        Assert.Equal(operation == LocalOperation.SendTaskFailure, outcome is LocalTaskFailed);
        Assert.Equal(0, f.Local.Faults.Pending(operation));
        await worker.StopAsync();
        Assert.Equal(3, meter[WorkerTelemetry.ReportsResent]); // 7 errors: 2 + 2 + 2 attempts given up, the 4th send delivered
        Assert.Equal(0, meter[WorkerTelemetry.TasksAbandoned]);
        Assert.Equal(1, f.Counters.TasksCompleted + f.Counters.TasksFailed);
    }

    [Fact]
    public async Task A_report_that_never_gets_through_is_given_up_when_the_drain_is_over()
    {
        await using var f = await StartAsync(maxAttempts: 1);
        f.Local.Faults.Add(LocalOperation.SendTaskSuccess, LocalFault.ServiceUnavailable, times: 100_000);
        var handle = f.Local.EnqueueTask(f.Arn, "8", new LocalTaskOptions { TaskTimeout = TimeSpan.FromMinutes(5) });
        await using var worker = f.Worker(Echo, o =>
        {
            o.Pollers = 1;
            o.DrainTimeout = TimeSpan.FromMilliseconds(300);
        });
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();
        await SpinUntilAsync(() => meter[WorkerTelemetry.ReportsResent] >= 3);
        Assert.Equal(1, worker.TasksInHand); // the task keeps its slot while its report is resent

        var stopping = Stopwatch.StartNew();
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.InRange(stopping.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3)); // the hold, the drain, one backoff at most
        Assert.Equal(1, meter[WorkerTelemetry.TasksAbandoned]);
        Assert.False(handle.Outcome.IsCompleted); // left to its timeout, as before, but only once the drain is over
    }

    [Fact]
    public async Task A_hurried_stop_gives_a_failing_report_up_at_once()
    {
        await using var f = await StartAsync(maxAttempts: 1);
        f.Local.Faults.Add(LocalOperation.SendTaskSuccess, LocalFault.Throttling, times: 100_000);
        f.Local.EnqueueTask(f.Arn, "9", new LocalTaskOptions { TaskTimeout = TimeSpan.FromMinutes(5) });
        await using var worker = f.Worker(Echo, o =>
        {
            o.Pollers = 1;
            o.DrainTimeout = TimeSpan.FromHours(1);
            o.PollBackoffMax = TimeSpan.FromSeconds(20);
            o.PollBackoffBase = TimeSpan.FromSeconds(20); // a long wait between resends, which the hurry cuts short
        });
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();
        await SpinUntilAsync(() => meter[WorkerTelemetry.ReportsResent] >= 1);
        using var hurry = new System.Threading.CancellationTokenSource();
        await hurry.CancelAsync();

        await worker.StopAsync(hurry.Token).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, meter[WorkerTelemetry.TasksAbandoned]);
        Assert.Equal(0, worker.TasksInHand);
    }

    [Theory]
    [InlineData(ErrorKind.Transient, true)]
    [InlineData(ErrorKind.Throttling, true)]
    [InlineData(ErrorKind.ClockSkew, true)]
    [InlineData(ErrorKind.ExpiredCredentials, true)]
    [InlineData(ErrorKind.TaskEnded, false)]
    [InlineData(ErrorKind.Rejected, false)]
    [InlineData(ErrorKind.Configuration, false)]
    public void Only_failures_that_may_heal_are_resent_after_the_poll_backoff(ErrorKind kind, bool resent)
    {
        var policy = RetryPolicy.Create(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20)).Match(Right: p => p, Left: e => throw new InvalidOperationException(e.ToString()));
        for (int failures = 1; failures <= 8; failures++)
        {
            var delay = TaskReports.ResendAfter(kind, failures, 0.5, policy);
            Assert.Equal(resent, delay.IsSome);
            delay.IfSome(d => Assert.Equal(PollBackoff.Delay(kind, failures, 0.5, policy), d));
        }
    }

    private static async Task SpinUntilAsync(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), "condition not met in time");
            await Task.Delay(10);
        }
    }
}
