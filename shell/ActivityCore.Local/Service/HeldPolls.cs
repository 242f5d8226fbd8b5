using System;
using ActivityCore.Local.Protocol;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Service;

/// <summary>
/// The polls held per activity, oldest first, each until a task is handed to it, its hold time (on the given
/// <see cref="TimeProvider"/>) elapses, its client goes away, its activity is deleted or the endpoint stops; at most
/// <paramref name="maxPollers"/> per activity. A poll is answered once: a delivery, or none (empty). The members that
/// take the shared gate say so; the others are called under it.
/// </summary>
internal sealed class HeldPolls(object gate, TimeProvider time, TimeSpan holdTime, int maxPollers)
{
    private readonly ActivityLines<PollWaiter> waiters = new();

    /// <summary>Whether a poll that finds no task is held (a zero hold time answers it empty at once).</summary>
    internal bool Holds => holdTime > TimeSpan.Zero;

    /// <summary>How many polls of an activity are held now. Under the gate.</summary>
    internal int Count(string activityArn) => waiters.Count(activityArn);

    /// <summary>The oldest poll held on an activity, if any. Under the gate.</summary>
    internal Option<PollWaiter> Oldest(string activityArn) => waiters.First(activityArn);

    /// <summary>Holds a poll and starts its hold time; the error when the activity holds as many polls as it may. Under the gate.</summary>
    internal Option<ServiceError> Hold(PollWaiter waiter)
    {
        if (waiters.Count(waiter.ActivityArn) >= maxPollers)
        {
            return ServiceError.Client("ActivityWorkerLimitExceeded", "Activity worker limit exceeded: " + waiter.ActivityArn);
        }

        waiter.Node = waiters.Append(waiter.ActivityArn, waiter);
        waiter.HoldTimer = LongTimer.Start(time, holdTime, () => Release(waiter));
        return None;
    }

    /// <summary>Answers a held poll empty (hold time elapsed, client gone); does nothing once it has an answer. Takes the gate.</summary>
    internal void Release(PollWaiter waiter)
    {
        lock (gate)
        {
            Answer(waiter, None);
        }
    }

    /// <summary>Answers every held poll of an activity empty (the activity was deleted). Takes the gate.</summary>
    internal void ReleaseAll(string activityArn)
    {
        lock (gate)
        {
            foreach (var waiter in waiters.TakeLine(activityArn))
            {
                Answer(waiter, None);
            }
        }
    }

    /// <summary>Answers every held poll empty (the endpoint stops). Under the gate.</summary>
    internal void ReleaseEvery()
    {
        foreach (var waiter in waiters.TakeAll())
        {
            Answer(waiter, None);
        }
    }

    /// <summary>
    /// Takes a poll out of its line, stops its hold timer and answers it (none: empty); a second answer does nothing.
    /// Under the gate.
    /// </summary>
    internal static void Answer(PollWaiter waiter, Option<Delivery> delivery)
    {
        if (waiter.Node is { } node)
        {
            node.List?.Remove(node);
            waiter.Node = null;
        }

        waiter.HoldTimer?.Dispose();
        waiter.Answer.TrySetResult(delivery);
    }
}
