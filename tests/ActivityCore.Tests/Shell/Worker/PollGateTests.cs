using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Worker;
using Xunit;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>The gate the pollers pass before each poll (<see cref="PollGate"/>).</summary>
public class PollGateTests
{
    [Fact]
    public void Pause_and_resume_are_idempotent_and_say_whether_they_changed_the_state()
    {
        var gate = new PollGate();
        Assert.False(gate.IsPaused);
        Assert.False(gate.Resume());
        Assert.True(gate.Pause());
        Assert.False(gate.Pause());
        Assert.True(gate.IsPaused);
        Assert.True(gate.Resume());
        Assert.False(gate.Resume());
        Assert.False(gate.IsPaused);
    }

    [Fact]
    public void While_paused_no_poll_begins_and_the_worker_is_not_even_asked()
    {
        var gate = new PollGate();
        int asked = 0;
        Assert.Equal(PollAdmission.Began, gate.TryBegin(() => ++asked > 0));
        gate.Pause();
        Assert.Equal(PollAdmission.Paused, gate.TryBegin(() => ++asked > 0));
        Assert.Equal(1, asked);
        gate.Resume();
        Assert.Equal(PollAdmission.Refused, gate.TryBegin(() => ++asked < 0)); // a stopping worker refuses
        Assert.Equal(2, asked);
    }

    [Fact]
    public async Task A_waiting_poller_goes_on_when_resumed_and_gives_up_when_stopped()
    {
        var gate = new PollGate();
        using var stop = new CancellationTokenSource();
        Assert.True(await gate.WhenOpenAsync(stop.Token));

        gate.Pause();
        var waiting = gate.WhenOpenAsync(stop.Token);
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        gate.Resume();
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));

        gate.Pause();
        var stopped = gate.WhenOpenAsync(stop.Token);
        await stop.CancelAsync();
        Assert.False(await stopped.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(await gate.WhenOpenAsync(stop.Token)); // a stop wins even once resumed
        gate.Resume();
        Assert.False(await gate.WhenOpenAsync(stop.Token));
    }

    [Fact]
    public async Task A_poller_woken_by_a_resume_that_a_new_pause_follows_still_begins_no_poll()
    {
        var gate = new PollGate();
        gate.Pause();
        var waiting = gate.WhenOpenAsync(CancellationToken.None);
        gate.Resume();
        gate.Pause(); // the waiter may have woken already or not: either way no poll begins until the next resume
        Assert.Equal(PollAdmission.Paused, gate.TryBegin(() => true));
        gate.Resume();
        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(PollAdmission.Began, gate.TryBegin(() => true));
    }
}
