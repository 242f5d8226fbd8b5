using System;
using System.Diagnostics;
using System.Threading.Tasks;
using ActivityCore.Tests.Shell.Worker;
using ActivityCore.Worker;
using ActivityCore.Worker.Policies;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Xunit.Abstractions;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Regressions;

/// <summary>
/// Regression (issue 11): a server that answers empty polls at once (an emulator, <c>LocalStepFunctions</c> with a zero
/// hold time) made the worker poll in a tight loop, thousands of polls a second. An empty poll answered much faster than
/// the service ever answers one is now followed by a short jittered pause (<see cref="PollPacing"/>).
/// </summary>
public class InstantEmptyPollsTests(ITestOutputHelper output)
{
    private const int Pollers = 4;

    [Fact]
    public async Task An_instantly_empty_endpoint_gets_a_bounded_number_of_polls_a_second()
    {
        await using var f = await StartAsync(hold: TimeSpan.Zero);
        await using var worker = f.Worker(Echo, o => o.Pollers = Pollers);
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();

        // The window opens once a poll has been answered: a cold first request (JIT, the first connection) on a loaded
        // machine can take longer than the window itself, which measured nothing ("0 polls in 1039 ms").
        await WorkerShutdownTests.WaitUntil(() => meter[WorkerTelemetry.Polls] >= 1, seconds: 30);
        long before = meter[WorkerTelemetry.Polls];
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(1));
        long polls = meter[WorkerTelemetry.Polls] - before;
        var elapsed = clock.Elapsed;
        await worker.StopAsync();

        output.WriteLine($"{polls} polls in {elapsed.TotalMilliseconds:F0} ms: {polls / elapsed.TotalSeconds:F1} polls/s with {Pollers} pollers");
        Assert.True(polls >= 1, $"only {polls} polls"); // the worker went on polling
        // Each poller waits at least the shortest pause after each instant empty answer. A slow machine only lowers the count.
        long bound = (long)(Pollers * ((elapsed.TotalMilliseconds / PollPacing.MinPause.TotalMilliseconds) + 1));
        Assert.True(polls <= bound, $"{polls} polls in {elapsed.TotalMilliseconds:F0} ms, more than {bound}");
    }

    [Fact]
    public async Task After_an_instant_empty_poll_a_poller_waits_for_the_pause_on_the_worker_s_clock()
    {
        await using var f = await StartAsync(hold: TimeSpan.Zero);
        var fake = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var worker = f.Worker(Echo, o => { o.Pollers = Pollers; o.TimeProvider = fake; });
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();

        await WorkerShutdownTests.WaitUntil(() => meter[WorkerTelemetry.EmptyPolls] >= Pollers);
        await Task.Delay(300);
        Assert.Equal(Pollers, meter[WorkerTelemetry.EmptyPolls]); // one poll each, then the pause: the fake clock stands still

        fake.Advance(PollPacing.MaxPause);
        await WorkerShutdownTests.WaitUntil(() => meter[WorkerTelemetry.EmptyPolls] >= 2 * Pollers);
        await Task.Delay(300);
        Assert.Equal(2 * Pollers, meter[WorkerTelemetry.EmptyPolls]);
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(5)); // a stop ends the pauses at once
    }

    [Fact]
    public async Task Empty_polls_held_like_the_service_holds_them_get_no_pause()
    {
        await using var f = await StartAsync(hold: TimeSpan.FromMilliseconds(150));
        var fake = new FakeTimeProvider(DateTimeOffset.UtcNow);
        fake.AutoAdvanceAmount = TimeSpan.FromMilliseconds(200); // every reading of the clock moves it: each poll "took" 200 ms
        await using var worker = f.Worker(Echo, o => { o.Pollers = 1; o.TimeProvider = fake; });
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();
        await WorkerShutdownTests.WaitUntil(() => meter[WorkerTelemetry.EmptyPolls] >= 3);
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
    }
}
