using LanguageExt;

namespace ActivityCore.Worker.Policies;

/// <summary>What a worker does with a task a poll brought.</summary>
internal enum ReceivedTaskFate
{
    /// <summary>Run the handler.</summary>
    Run,

    /// <summary>Fail it at once with <see cref="WorkerErrorCodes.WorkerStopped"/> so that the state machine can retry it elsewhere.</summary>
    FailAtOnce,
}

/// <summary>Why a stop failed the tasks still in hand: the cause a task failed with <see cref="WorkerErrorCodes.WorkerStopped"/> gives.</summary>
internal enum WorkerStopCause
{
    /// <summary>The drain timeout expired (a drain timeout of zero expires at once).</summary>
    DrainTimeoutExpired,

    /// <summary>The host cancelled the stop's token (its shutdown timeout, a second Ctrl-C) before the drain timeout expired.</summary>
    HurriedByHost,
}

/// <summary>
/// The graceful shutdown, as a pure state machine over <see cref="WorkerPhase"/>: stop starting polls, let the polls in
/// flight finish, let the tasks in hand finish within the drain timeout, fail the rest. The shell feeds it counts and
/// events and does what it says; it reads no clock.
/// </summary>
internal static class ShutdownPlan
{
    /// <summary>Whether a poll may be started: only while <see cref="WorkerPhase.Running"/>.</summary>
    /// <param name="phase">The phase.</param>
    /// <param name="slotsFree">Whether a slot under the bound on tasks in flight is free (each poll in flight holds one, handed to its task if it brings one).</param>
    /// <returns>True when a poll may start now.</returns>
    public static bool MayStartPoll(WorkerPhase phase, bool slotsFree) => phase == WorkerPhase.Running && slotsFree;

    /// <summary>The phase once a stop is asked: <see cref="WorkerPhase.ClosingPolls"/> from a running (or created) worker, unchanged later.</summary>
    /// <param name="phase">The phase.</param>
    /// <returns>The next phase.</returns>
    public static WorkerPhase OnStopRequested(WorkerPhase phase) =>
        phase is WorkerPhase.Created or WorkerPhase.Running ? WorkerPhase.ClosingPolls : phase;

    /// <summary>
    /// The phase once the counts changed or the drain timeout expired: <see cref="WorkerPhase.ClosingPolls"/> moves on
    /// when no poll is in flight; <see cref="WorkerPhase.Draining"/> ends when no task is in hand, or fails the rest
    /// when the drain timeout expired; <see cref="WorkerPhase.FailingRemaining"/> ends when no task is in hand.
    /// </summary>
    /// <param name="phase">The phase.</param>
    /// <param name="pollsInFlight">Polls started and not answered yet.</param>
    /// <param name="tasksInHand">Tasks received and not yet reported.</param>
    /// <param name="drainExpired">Whether the drain timeout expired (or the caller asked to hurry).</param>
    /// <returns>The next phase.</returns>
    public static WorkerPhase Next(WorkerPhase phase, int pollsInFlight, int tasksInHand, bool drainExpired) => phase switch
    {
        WorkerPhase.ClosingPolls when drainExpired => tasksInHand > 0 ? WorkerPhase.FailingRemaining : WorkerPhase.Stopped,
        WorkerPhase.ClosingPolls when pollsInFlight == 0 => tasksInHand > 0 ? WorkerPhase.Draining : WorkerPhase.Stopped,
        WorkerPhase.Draining when tasksInHand == 0 => WorkerPhase.Stopped,
        WorkerPhase.Draining when drainExpired => WorkerPhase.FailingRemaining,
        WorkerPhase.FailingRemaining when tasksInHand == 0 => WorkerPhase.Stopped,
        _ => phase,
    };

    /// <summary>
    /// What to do with a task a poll brought: run it until the tasks in hand are being failed (a task that arrives on
    /// a poll still in flight during <see cref="WorkerPhase.ClosingPolls"/> or <see cref="WorkerPhase.Draining"/> is in
    /// hand like the others); fail it at once after that, never drop it.
    /// </summary>
    /// <param name="phase">The phase when the task arrived.</param>
    /// <returns>The fate.</returns>
    public static ReceivedTaskFate FateOfReceivedTask(WorkerPhase phase) =>
        phase is WorkerPhase.FailingRemaining or WorkerPhase.Stopped ? ReceivedTaskFate.FailAtOnce : ReceivedTaskFate.Run;

    /// <summary>Why the drain ended: the first reason that came (the drain timeout or the host's hurry); a later one changes nothing.</summary>
    /// <param name="first">The reason that came first, if any.</param>
    /// <param name="now">The reason that comes now.</param>
    /// <returns>The reason the tasks still in hand are failed for.</returns>
    public static WorkerStopCause StopCause(Option<WorkerStopCause> first, WorkerStopCause now) => first.IfNone(now);
}
