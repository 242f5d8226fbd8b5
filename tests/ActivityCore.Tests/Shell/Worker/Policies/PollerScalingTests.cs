using System;
using System.Linq;
using ActivityCore.Worker.Policies;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace ActivityCore.Tests.Shell.Worker.Policies;

/// <summary>The poller autoscaling decision (<see cref="PollerScaling"/>): bounds, growth under tasks, shrinking when idle, free slots.</summary>
public class PollerScalingTests
{
    private static readonly PollOutcome[] Outcomes = [PollOutcome.Task, PollOutcome.Empty, PollOutcome.Failed];

    [Property]
    public bool The_pollers_stay_within_the_bounds_and_the_free_slots(int current, byte outcome, PositiveInt min, PositiveInt extra, int freeSlots)
    {
        int low = min.Get % 50 + 1;
        int high = low + extra.Get % 100;
        int next = PollerScaling.Next(current, Outcomes[outcome % 3], low, high, freeSlots);
        return next >= low && next <= high && (next == low || next <= freeSlots);
    }

    [Property]
    public bool Polls_that_bring_tasks_grow_the_pollers_to_the_maximum(PositiveInt min, PositiveInt extra)
    {
        int low = min.Get % 20 + 1;
        int high = low + extra.Get % 200;
        int pollers = low;
        for (int i = 0; i < high - low; i++)
        {
            int next = PollerScaling.Next(pollers, PollOutcome.Task, low, high, freeSlots: high);
            if (next != pollers + 1)
            {
                return false; // each task adds exactly one poller until the maximum
            }

            pollers = next;
        }

        return pollers == high && PollerScaling.Next(pollers, PollOutcome.Task, low, high, high) == high;
    }

    [Property]
    public bool Empty_or_failed_polls_shrink_the_pollers_to_the_minimum(PositiveInt min, PositiveInt extra, bool[] failed)
    {
        int low = min.Get % 20 + 1;
        int high = low + extra.Get % 200;
        int pollers = high;
        var outcomes = (failed ?? []).Select(f => f ? PollOutcome.Failed : PollOutcome.Empty).Concat(Enumerable.Repeat(PollOutcome.Empty, high - low));
        foreach (var outcome in outcomes)
        {
            int next = PollerScaling.Next(pollers, outcome, low, high, freeSlots: high);
            if (next > pollers)
            {
                return false; // never grows on an empty or failed poll
            }

            pollers = next;
        }

        return pollers == low;
    }

    [Property]
    public bool Tasks_never_grow_the_pollers_past_the_free_slots(PositiveInt min, PositiveInt extra, NonNegativeInt free, PositiveInt steps)
    {
        int low = min.Get % 10 + 1;
        int high = low + extra.Get % 100;
        int slots = free.Get % (high + 5);
        int pollers = low;
        for (int i = 0; i < steps.Get % 300; i++)
        {
            pollers = PollerScaling.Next(pollers, PollOutcome.Task, low, high, slots);
            if (pollers > Math.Max(low, slots))
            {
                return false;
            }
        }

        return true;
    }

    [Theory]
    [InlineData(4, 0, 4, 4, 16, 4)] // a fixed count: min == max
    [InlineData(4, 1, 4, 4, 16, 4)]
    [InlineData(1, 0, 1, 64, 64, 2)] // a task adds a poller
    [InlineData(2, 1, 1, 64, 64, 1)] // an empty poll removes one
    [InlineData(2, 2, 1, 64, 64, 1)] // so does a failed one
    [InlineData(1, 1, 1, 64, 64, 1)] // never below the minimum
    [InlineData(64, 0, 1, 64, 64, 64)] // never above the maximum
    [InlineData(8, 0, 1, 64, 8, 8)] // nor above the free slots
    [InlineData(10, 0, 1, 64, 3, 3)] // tasks took the slots: back to what the slots allow
    [InlineData(5, 0, 2, 64, 0, 2)] // no free slot: the minimum stays (its loops wait for a slot)
    [InlineData(100, 1, 1, 8, 8, 7)] // a count out of bounds is clamped first
    public void The_decision_follows_the_table(int current, int outcome, int min, int max, int freeSlots, int expected) =>
        Assert.Equal(expected, PollerScaling.Next(current, Outcomes[outcome], min, max, freeSlots));
}
