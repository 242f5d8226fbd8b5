using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Http;
using Xunit;

namespace ActivityCore.Tests.Shell.Http;

/// <summary>An attempt's timeout source is reused when it did not fire, and never once it did (on the system clock, whose timers reset).</summary>
public class TimeoutSourcesTests
{
    [Fact]
    public async Task A_source_that_did_not_fire_is_reused_and_fires_on_its_new_timeout()
    {
        var sources = new TimeoutSources(TimeProvider.System, reuse: true);
        CancellationTokenSource first;
        using (var lease = sources.Start(TimeSpan.FromHours(1)))
        {
            first = lease.Source;
        }

        using var again = sources.Start(TimeSpan.FromMilliseconds(20));
        Assert.Same(first, again.Source);
        await WhenCancelled(again.Source);
    }

    [Fact]
    public async Task A_source_that_fired_is_not_reused()
    {
        var sources = new TimeoutSources(TimeProvider.System, reuse: true);
        CancellationTokenSource fired;
        using (var lease = sources.Start(TimeSpan.FromMilliseconds(1)))
        {
            fired = lease.Source;
            await WhenCancelled(fired);
        }

        using var next = sources.Start(TimeSpan.FromHours(1));
        Assert.NotSame(fired, next.Source);
        Assert.False(next.Source.IsCancellationRequested);
    }

    [Fact]
    public void Without_reuse_every_attempt_gets_a_new_source_and_an_ended_one_is_disposed()
    {
        var sources = new TimeoutSources(TimeProvider.System, reuse: false);
        CancellationTokenSource first;
        using (var lease = sources.Start(TimeSpan.FromHours(1)))
        {
            first = lease.Source;
        }

        using var again = sources.Start(TimeSpan.FromHours(1));
        Assert.NotSame(first, again.Source);
        Assert.Throws<ObjectDisposedException>(() => first.CancelAfter(TimeSpan.FromHours(1)));
    }

    private static async Task WhenCancelled(CancellationTokenSource source)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!source.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        Assert.True(source.IsCancellationRequested, "the source fired on its timeout");
    }
}
