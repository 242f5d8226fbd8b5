using System;
using System.Collections.Generic;
using System.Threading;
using ActivityCore.Errors;
using ActivityCore.Worker;
using ActivityCore.Worker.Policies;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>The worker's small internal parts on their own: the drain's end, the health union's dispatch, the health tracker.</summary>
public class WorkerPartsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_drain_ends_when_its_timeout_expires_on_the_worker_s_clock_and_the_first_cause_stays()
    {
        var clock = new FakeTimeProvider(T0);
        var fired = new Counter();
        using var drain = new DrainEnd(TimeSpan.FromSeconds(30), clock);
        drain.Start(static s => Interlocked.Increment(ref ((Counter)s!).Value), fired);

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, fired.Value);
        Assert.False(drain.HasEnded); // the timer only tells; the shutdown ends the drain on it
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, fired.Value);

        drain.End(WorkerStopCause.HurriedByHost);
        drain.End(WorkerStopCause.DrainTimeoutExpired);
        Assert.True(drain.HasEnded);
        Assert.Equal(LanguageExt.Prelude.Some("The worker was stopped in a hurry by its host before the handler finished."), drain.StoppedFailure().Cause);
        Assert.False(drain.Over.IsCancellationRequested);
        drain.CancelResends();
        Assert.True(drain.Over.IsCancellationRequested);
    }

    [Fact]
    public void A_zero_drain_timeout_ends_the_drain_at_once_for_the_timeout()
    {
        using var drain = new DrainEnd(TimeSpan.Zero, new FakeTimeProvider(T0));
        Assert.False(drain.HasEnded);
        drain.Start(static _ => throw new InvalidOperationException("no timer for a zero timeout"), new object());
        Assert.True(drain.HasEnded);
        Assert.Equal(WorkerErrorCodes.WorkerStopped, drain.StoppedFailure().Error);
        Assert.Equal(LanguageExt.Prelude.Some("The worker stopped and its handler did not finish within the drain timeout (0 s)."), drain.StoppedFailure().Cause);
    }

    public static TheoryData<WorkerHealth, string> EveryCase => new()
    {
        { new WorkerHealth.NotStarted(), "notStarted" },
        { new WorkerHealth.Starting(T0), "starting" },
        { new WorkerHealth.Polling(T0), "polling" },
        { new WorkerHealth.Degraded(new ActivityFailure<GetActivityTaskError>.NetworkFailure("IOException", "reset"), T0, 1), "degraded" },
        { new WorkerHealth.Misconfigured(new ActivityFailure<GetActivityTaskError>.NetworkFailure("IOException", "reset"), T0, 1), "misconfigured" },
        { new WorkerHealth.Saturated(4, 4, T0), "saturated" },
        { new WorkerHealth.Stopping(WorkerPhase.Draining), "stopping" },
        { new WorkerHealth.Stopped(), "stopped" },
    };

    [Theory]
    [MemberData(nameof(EveryCase))]
    public void Match_calls_the_function_of_the_case_and_no_other(WorkerHealth health, string expected)
    {
        var called = new List<string>();
        string Call(string name)
        {
            called.Add(name);
            return name;
        }

        string answer = health.Match(
            notStarted: _ => Call("notStarted"),
            starting: _ => Call("starting"),
            polling: _ => Call("polling"),
            degraded: _ => Call("degraded"),
            misconfigured: _ => Call("misconfigured"),
            saturated: _ => Call("saturated"),
            stopping: _ => Call("stopping"),
            stopped: _ => Call("stopped"));

        Assert.Equal(expected, answer);
        Assert.Equal([expected], called.ToArray());
    }

    [Fact]
    public void An_answered_poll_allocates_nothing_once_the_worker_is_polling()
    {
        var tracker = new HealthTracker(TimeProvider.System);
        tracker.OnStarted();
        tracker.OnAnswered(); // Starting -> Polling: one new state
        tracker.OnAnswered();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            tracker.OnAnswered();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated); // no closure per poll: the rule is a static lambda, the time a state argument
        Assert.IsType<WorkerHealth.Polling>(tracker.Polls);
    }

    private sealed class Counter
    {
        public int Value;
    }
}
