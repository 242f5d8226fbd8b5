using System;
using ActivityCore.Errors;
using ActivityCore.Retries;
using ActivityCore.Worker;
using ActivityCore.Worker.Policies;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace ActivityCore.Tests.Shell.Worker.Policies;

/// <summary>The worker's pure policies (internal to the shell's worker): shutdown plan, poll backoff, heartbeat verdict, task reports.</summary>
public class WorkerPolicyTests
{
    private static readonly RetryPolicy Backoff = RetryPolicy.Create(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20)).Match(p => p, e => throw new InvalidOperationException());

    [Theory]
    [InlineData(WorkerPhase.ClosingPolls, 2, 3, false, WorkerPhase.ClosingPolls)]
    [InlineData(WorkerPhase.ClosingPolls, 0, 3, false, WorkerPhase.Draining)]
    [InlineData(WorkerPhase.ClosingPolls, 0, 0, false, WorkerPhase.Stopped)]
    [InlineData(WorkerPhase.ClosingPolls, 2, 3, true, WorkerPhase.FailingRemaining)]
    [InlineData(WorkerPhase.ClosingPolls, 2, 0, true, WorkerPhase.Stopped)]
    [InlineData(WorkerPhase.Draining, 0, 3, false, WorkerPhase.Draining)]
    [InlineData(WorkerPhase.Draining, 0, 3, true, WorkerPhase.FailingRemaining)]
    [InlineData(WorkerPhase.Draining, 0, 0, true, WorkerPhase.Stopped)]
    [InlineData(WorkerPhase.FailingRemaining, 0, 1, true, WorkerPhase.FailingRemaining)]
    [InlineData(WorkerPhase.FailingRemaining, 0, 0, true, WorkerPhase.Stopped)]
    [InlineData(WorkerPhase.Running, 0, 0, true, WorkerPhase.Running)]
    [InlineData(WorkerPhase.Created, 0, 0, false, WorkerPhase.Created)]
    [InlineData(WorkerPhase.Stopped, 5, 5, true, WorkerPhase.Stopped)]
    public void The_shutdown_plan_moves_as_documented(WorkerPhase from, int polls, int tasks, bool expired, WorkerPhase to) =>
        Assert.Equal(to, ShutdownPlan.Next(from, polls, tasks, expired));

    [Property]
    public bool The_plan_never_goes_back_and_never_stops_with_tasks_in_hand(byte phase, byte polls, byte tasks, bool expired)
    {
        var from = (WorkerPhase)(phase % 6);
        var to = ShutdownPlan.Next(from, polls % 4, tasks % 4, expired);
        return to >= from && (to != WorkerPhase.Stopped || from == WorkerPhase.Stopped || tasks % 4 == 0);
    }

    [Fact]
    public void Polls_start_only_while_running_and_a_stop_closes_them()
    {
        Assert.True(ShutdownPlan.MayStartPoll(WorkerPhase.Running, slotsFree: true));
        Assert.False(ShutdownPlan.MayStartPoll(WorkerPhase.Running, slotsFree: false));
        Assert.False(ShutdownPlan.MayStartPoll(WorkerPhase.ClosingPolls, slotsFree: true));
        Assert.Equal(WorkerPhase.ClosingPolls, ShutdownPlan.OnStopRequested(WorkerPhase.Running));
        Assert.Equal(WorkerPhase.ClosingPolls, ShutdownPlan.OnStopRequested(WorkerPhase.Created));
        Assert.Equal(WorkerPhase.Draining, ShutdownPlan.OnStopRequested(WorkerPhase.Draining));
    }

    [Theory]
    [InlineData(WorkerPhase.Running, (int)ReceivedTaskFate.Run)]
    [InlineData(WorkerPhase.ClosingPolls, (int)ReceivedTaskFate.Run)]
    [InlineData(WorkerPhase.Draining, (int)ReceivedTaskFate.Run)]
    [InlineData(WorkerPhase.FailingRemaining, (int)ReceivedTaskFate.FailAtOnce)]
    [InlineData(WorkerPhase.Stopped, (int)ReceivedTaskFate.FailAtOnce)]
    public void A_task_received_is_run_or_failed_never_dropped(WorkerPhase phase, int fate) =>
        Assert.Equal((ReceivedTaskFate)fate, ShutdownPlan.FateOfReceivedTask(phase));

    [Property]
    public bool Poll_backoff_stays_within_its_growing_ceiling(PositiveInt failures, NormalFloat random)
    {
        double r = Math.Abs(random.Get) % 1;
        var delay = PollBackoff.Delay(ErrorKind.Throttling, failures.Get, r, Backoff);
        double ceiling = Math.Min(Math.Pow(2, Math.Min(failures.Get - 1, 40)), 20);
        return delay >= TimeSpan.Zero && delay.TotalSeconds <= ceiling + 1e-6;
    }

    [Fact]
    public void Poll_backoff_grows_with_failures_and_a_configuration_error_waits_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(0.5), PollBackoff.Delay(ErrorKind.Transient, 1, 0.5, Backoff));
        Assert.Equal(TimeSpan.FromSeconds(2), PollBackoff.Delay(ErrorKind.Throttling, 3, 0.5, Backoff));
        Assert.Equal(TimeSpan.FromSeconds(10), PollBackoff.Delay(ErrorKind.Throttling, 30, 0.5, Backoff));
        // A failure that will not heal waits the whole cap, whatever the jitter or the base: never a tight loop.
        Assert.Equal(Backoff.MaxBackoff, PollBackoff.Delay(ErrorKind.Configuration, 1, 0.5, Backoff));
        Assert.Equal(Backoff.MaxBackoff, PollBackoff.Delay(ErrorKind.Rejected, 1, 0.0, Backoff));
        var zeroBase = RetryPolicy.Create(3, TimeSpan.Zero, TimeSpan.FromSeconds(20)).Match(p => p, e => throw new InvalidOperationException(e.ToString()));
        Assert.Equal(TimeSpan.FromSeconds(20), PollBackoff.Delay(ErrorKind.Configuration, 1, 0.0, zeroBase));
        Assert.Equal(TimeSpan.Zero, PollBackoff.Delay(ErrorKind.Throttling, 0, double.NaN, Backoff));
    }

    [Theory]
    [InlineData(ErrorKind.TaskEnded, (int)HeartbeatVerdict.StopTask)]
    [InlineData(ErrorKind.Throttling, (int)HeartbeatVerdict.KeepWorking)]
    [InlineData(ErrorKind.Transient, (int)HeartbeatVerdict.KeepWorking)]
    [InlineData(ErrorKind.Configuration, (int)HeartbeatVerdict.KeepWorking)]
    [InlineData(ErrorKind.Rejected, (int)HeartbeatVerdict.KeepWorking)]
    public void A_heartbeat_stops_the_task_only_when_the_task_ended(ErrorKind kind, int verdict) =>
        Assert.Equal((HeartbeatVerdict)verdict, Heartbeats.AfterFailure(kind));

    [Fact]
    public void Task_reports_fit_the_service_limits()
    {
        var failure = TaskReports.FromException(new string('E', 1000), new string('c', 100_000));
        Assert.Equal(TaskFailure.MaxErrorLength, failure.Error.IfNone(string.Empty).Length);
        Assert.Equal(TaskFailure.MaxCauseLength, failure.Cause.IfNone(string.Empty).Length);
        Assert.Equal(WorkerErrorCodes.WorkerStopped, TaskReports.WorkerStopped(TimeSpan.FromSeconds(1)).Error);
        Assert.Equal(WorkerErrorCodes.HandlerTimeout, TaskReports.HandlerTimedOut(TimeSpan.FromSeconds(1)).Error);
        Assert.Equal(WorkerErrorCodes.InvalidOutput, TaskReports.AfterSuccessRefused(ErrorKind.Rejected, "too big").Map(f => f.Error).Flatten());
        Assert.True(TaskReports.AfterSuccessRefused(ErrorKind.TaskEnded, LanguageExt.Option<string>.None).IsNone);
        Assert.True(TaskReports.AfterSuccessRefused(ErrorKind.Transient, LanguageExt.Option<string>.None).IsNone);
    }

    [Theory]
    [InlineData(0.0, "0 s")]
    [InlineData(0.3, "300 ms")]
    [InlineData(0.0015, "1.5 ms")]
    [InlineData(1.5, "1.5 s")]
    [InlineData(30.0, "30 s")]
    [InlineData(90.0, "90 s")]
    [InlineData(150.0, "2 min 30 s")]
    [InlineData(3600.0, "1 h")]
    [InlineData(5430.0, "1 h 30 min 30 s")]
    [InlineData(360000.0, "100 h")]
    public void Worker_failures_state_their_timeouts_as_people_write_them(double seconds, string text)
    {
        var span = TimeSpan.FromSeconds(seconds);
        Assert.Equal(LanguageExt.Prelude.Some($"The worker stopped and its handler did not finish within the drain timeout ({text})."), TaskReports.WorkerStopped(span).Cause);
        Assert.Equal(LanguageExt.Prelude.Some($"The handler did not finish within the handler timeout ({text})."), TaskReports.HandlerTimedOut(span).Cause);
    }

    [Property]
    public bool A_duration_is_written_without_clock_notation(long ticks)
    {
        var span = TimeSpan.FromTicks(ticks == long.MinValue ? 0 : Math.Abs(ticks));
        string cause = TaskReports.WorkerStopped(span).Cause.IfNone(string.Empty);
        return !cause.Contains(':', StringComparison.Ordinal) && cause.Length < 200;
    }
}
