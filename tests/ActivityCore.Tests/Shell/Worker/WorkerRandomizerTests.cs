using System;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>
/// The worker's jitter comes from <see cref="ActivityWorkerOptions.Randomizer"/>, and its option ranges from one place
/// (<see cref="WorkerOptionLimits"/>): pinned, the delays are exactly the documented ones.
/// </summary>
public class WorkerRandomizerTests
{
    [Fact]
    public async Task A_pinned_randomizer_of_one_half_waits_exactly_half_of_the_capped_backoff_after_a_failed_poll()
    {
        await using var f = await StartAsync(maxAttempts: 1);
        f.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.ServiceUnavailable, times: 100);
        var fake = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var worker = f.Worker(Echo, o =>
        {
            o.Pollers = 1;
            o.TimeProvider = fake;
            o.PollBackoffBase = TimeSpan.FromSeconds(10);
            o.PollBackoffMax = TimeSpan.FromSeconds(10); // the capped backoff of the first failure: 10 s
            o.Randomizer = () => 0.5;
        });
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();
        await WorkerShutdownTests.WaitUntil(() => meter[WorkerTelemetry.FailedPolls] >= 1);
        await Task.Delay(300); // the poller is waiting on the fake clock now

        fake.Advance(TimeSpan.FromMilliseconds(4999));
        await Task.Delay(300);
        Assert.Equal(1, meter[WorkerTelemetry.FailedPolls]); // not before 5 s

        fake.Advance(TimeSpan.FromMilliseconds(1));
        await WorkerShutdownTests.WaitUntil(() => meter[WorkerTelemetry.FailedPolls] >= 2); // at 5 s exactly
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_pinned_randomizer_sets_the_pause_after_an_instant_empty_poll()
    {
        await using var f = await StartAsync(hold: TimeSpan.Zero);
        var fake = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var worker = f.Worker(Echo, o =>
        {
            o.Pollers = 1;
            o.TimeProvider = fake;
            o.Randomizer = () => 0.5; // 200 ms + 0.5 * 200 ms
        });
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();
        await WorkerShutdownTests.WaitUntil(() => meter[WorkerTelemetry.EmptyPolls] >= 1);
        await Task.Delay(300);

        fake.Advance(TimeSpan.FromMilliseconds(299));
        await Task.Delay(300);
        Assert.Equal(1, meter[WorkerTelemetry.EmptyPolls]);

        fake.Advance(TimeSpan.FromMilliseconds(1));
        await WorkerShutdownTests.WaitUntil(() => meter[WorkerTelemetry.EmptyPolls] >= 2);
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void The_randomizer_is_required_and_defaults_to_the_shared_one()
    {
        Assert.Same(DefaultRandomizer.NextDouble, new ActivityWorkerOptions().Randomizer);
        var options = new ActivityWorkerOptions { ActivityArn = "arn:aws:states:us-east-1:123456789012:activity:work", Randomizer = null! };
        var error = WorkerSettings.From(options).Match(Right: _ => throw new InvalidOperationException("accepted"), Left: e => e);
        Assert.Equal(("Randomizer", ValidationFailure.Missing), (error.Field, error.Failure));
    }

    public static TheoryData<string, Action<ActivityWorkerOptions>, bool> Edges => new()
    {
        { "Pollers", o => o.Pollers = WorkerOptionLimits.MinPollers, true },
        { "Pollers", o => o.Pollers = WorkerOptionLimits.MinPollers - 1, false },
        { "Pollers", o => o.Pollers = WorkerOptionLimits.MaxPollers, true },
        { "Pollers", o => o.Pollers = WorkerOptionLimits.MaxPollers + 1, false },
        { "MaxPollers", o => o.MaxPollers = WorkerOptionLimits.MinPollers, true },
        { "MaxPollers", o => o.MaxPollers = WorkerOptionLimits.MinPollers - 1, false },
        { "MaxPollers", o => o.MaxPollers = WorkerOptionLimits.MaxPollers, true },
        { "MaxPollers", o => o.MaxPollers = WorkerOptionLimits.MaxPollers + 1, false },
        { "MaxTasksInFlight", o => o.MaxTasksInFlight = WorkerOptionLimits.MaxMaxTasksInFlight, true },
        { "MaxTasksInFlight", o => o.MaxTasksInFlight = WorkerOptionLimits.MaxMaxTasksInFlight + 1, false },
        { "MaxOrphanedHandlers", o => o.MaxOrphanedHandlers = WorkerOptionLimits.MinMaxOrphanedHandlers, true },
        { "MaxOrphanedHandlers", o => o.MaxOrphanedHandlers = WorkerOptionLimits.MinMaxOrphanedHandlers - 1, false },
        { "HeartbeatInterval", o => o.HeartbeatInterval = WorkerOptionLimits.MinHeartbeatInterval, true },
        { "HeartbeatInterval", o => o.HeartbeatInterval = WorkerOptionLimits.MaxHeartbeatInterval + TimeSpan.FromTicks(1), false },
        { "HandlerTimeout", o => o.HandlerTimeout = WorkerOptionLimits.MaxHandlerTimeout, true },
        { "HandlerTimeout", o => o.HandlerTimeout = WorkerOptionLimits.MaxHandlerTimeout + TimeSpan.FromTicks(1), false },
        { "DrainTimeout", o => o.DrainTimeout = WorkerOptionLimits.MinDrainTimeout, true },
        { "DrainTimeout", o => o.DrainTimeout = WorkerOptionLimits.MaxDrainTimeout + TimeSpan.FromTicks(1), false },
        { "PollBackoffBase", o => o.PollBackoffBase = WorkerOptionLimits.MaxPollBackoffBase, true },
        { "PollBackoffBase", o => (o.PollBackoffBase, o.PollBackoffMax) = (WorkerOptionLimits.MaxPollBackoffBase + TimeSpan.FromTicks(1), WorkerOptionLimits.MaxPollBackoffMax), false },
        { "PollBackoffMax", o => o.PollBackoffMax = WorkerOptionLimits.MaxPollBackoffMax, true },
        { "PollBackoffMax", o => o.PollBackoffMax = WorkerOptionLimits.MaxPollBackoffMax + TimeSpan.FromTicks(1), false },
    };

    [Theory]
    [MemberData(nameof(Edges))]
    public void The_limits_are_the_edges_of_the_validation_and_its_message_names_them(string field, Action<ActivityWorkerOptions> set, bool accepted)
    {
        var options = new ActivityWorkerOptions { ActivityArn = "arn:aws:states:us-east-1:123456789012:activity:work" };
        set(options);
        var result = WorkerSettings.From(options);
        Assert.Equal(accepted, result.IsRight);
        result.IfLeft(e =>
        {
            Assert.Equal(field, e.Field);
            Assert.Equal(ValidationFailure.OutOfRange, e.Failure);
            Assert.StartsWith("must be in ", e.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void The_defaults_come_from_the_limits_and_the_messages_write_them_as_people_do()
    {
        var o = new ActivityWorkerOptions();
        Assert.Equal(
            (WorkerOptionLimits.DefaultPollers, WorkerOptionLimits.DefaultMaxPollers, WorkerOptionLimits.DefaultMaxTasksInFlight, WorkerOptionLimits.DefaultMaxOrphanedHandlers),
            (o.Pollers, o.MaxPollers, o.MaxTasksInFlight, o.MaxOrphanedHandlers));
        Assert.Equal(
            ((TimeSpan?)WorkerOptionLimits.DefaultHeartbeatInterval, WorkerOptionLimits.DefaultDrainTimeout, WorkerOptionLimits.DefaultPollBackoffBase, WorkerOptionLimits.DefaultPollBackoffMax),
            (o.HeartbeatInterval, o.DrainTimeout, o.PollBackoffBase, o.PollBackoffMax));
        Assert.Equal("100 ms..1 day", WorkerOptionLimits.Describe(WorkerOptionLimits.MinHeartbeatInterval, WorkerOptionLimits.MaxHeartbeatInterval));
        Assert.Equal("1 ms..7 days", WorkerOptionLimits.Describe(WorkerOptionLimits.MinHandlerTimeout, WorkerOptionLimits.MaxHandlerTimeout));
        Assert.Equal("0..1 h", WorkerOptionLimits.Describe(WorkerOptionLimits.MinDrainTimeout, WorkerOptionLimits.MaxDrainTimeout));
        Assert.Equal("1..1000", WorkerOptionLimits.Describe(WorkerOptionLimits.MinPollers, WorkerOptionLimits.MaxPollers));
    }
}
