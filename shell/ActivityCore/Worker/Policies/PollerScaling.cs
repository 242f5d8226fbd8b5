using System;

namespace ActivityCore.Worker.Policies;

/// <summary>How a poll ended, as the poller scaling sees it.</summary>
internal enum PollOutcome
{
    /// <summary>The poll brought a task: there may be more waiting.</summary>
    Task,

    /// <summary>The poll came back empty: no task waits.</summary>
    Empty,

    /// <summary>The poll failed: polling harder does not help.</summary>
    Failed,
}

/// <summary>
/// How many pollers a worker runs, pure: the counts are parameters, there is no clock and no state.
/// </summary>
/// <remarks>
/// Grows while polls bring tasks and shrinks on empty or failed polls, as Temporal's poller autoscaling does: each poll
/// that brings a task adds a poller, each poll that comes back empty or fails removes one. Since every poller that brings
/// a task adds one, the pollers double with each round of polls under a backlog, and an idle worker falls back to the
/// minimum after one empty poll per extra poller (against the service: within one hold time, 60 s). The answer always
/// lies in [<c>min</c>, <c>max</c>], and above <c>min</c> only while there are slots for the polls
/// (<c>freeSlots</c> of <see cref="Next"/>): a worker whose slots are held by tasks does not grow, and pollers
/// beyond the free slots wait for one without polling (<see cref="TaskSlots"/>). <c>min == max</c> is a fixed count.
/// </remarks>
internal static class PollerScaling
{
    /// <summary>The pollers to run after a poll ended.</summary>
    /// <param name="current">The pollers before (clamped into the bounds first).</param>
    /// <param name="outcome">How the poll ended.</param>
    /// <param name="min">The fewest pollers (at least 1; a larger <paramref name="max"/> is not required: it is raised to <paramref name="min"/>).</param>
    /// <param name="max">The most pollers.</param>
    /// <param name="freeSlots">The task slots not held by tasks (the bound on tasks in flight less the tasks in hand): polls can only use these.</param>
    /// <returns>The pollers to run: in [<paramref name="min"/>, <paramref name="max"/>], and at most <paramref name="freeSlots"/> when above <paramref name="min"/>.</returns>
    public static int Next(int current, PollOutcome outcome, int min, int max, int freeSlots)
    {
        int low = Math.Max(1, min);
        int high = Math.Max(low, max);
        int now = Math.Clamp(current, low, high);
        int wanted = outcome == PollOutcome.Task ? now + 1 : now - 1;
        int bySlots = Math.Max(low, Math.Min(high, freeSlots));
        return Math.Clamp(wanted, low, bySlots);
    }
}
