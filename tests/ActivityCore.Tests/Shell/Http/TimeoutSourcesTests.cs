using System;
using System.Threading;
using ActivityCore.Http;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ActivityCore.Tests.Shell.Http;

/// <summary>An attempt's timeout source is reused when it did not fire, and never once it did.</summary>
public class TimeoutSourcesTests
{
    [Fact]
    public void A_source_that_did_not_fire_is_reused_and_fires_on_its_new_timeout()
    {
        var time = new FakeTimeProvider();
        var sources = new TimeoutSources(time);
        CancellationTokenSource first;
        using (var lease = sources.Start(TimeSpan.FromSeconds(10)))
        {
            first = lease.Source;
            time.Advance(TimeSpan.FromSeconds(9));
            Assert.False(first.IsCancellationRequested);
        }

        using var again = sources.Start(TimeSpan.FromSeconds(5));
        Assert.Same(first, again.Source);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(again.Source.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(again.Source.IsCancellationRequested);
    }

    [Fact]
    public void A_source_that_fired_is_not_reused()
    {
        var time = new FakeTimeProvider();
        var sources = new TimeoutSources(time);
        CancellationTokenSource fired;
        using (var lease = sources.Start(TimeSpan.FromSeconds(1)))
        {
            fired = lease.Source;
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.True(fired.IsCancellationRequested);
        }

        using var next = sources.Start(TimeSpan.FromSeconds(1));
        Assert.NotSame(fired, next.Source);
        Assert.False(next.Source.IsCancellationRequested);
    }
}
