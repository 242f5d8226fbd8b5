namespace ActivityCore.Worker;

/// <summary>The phases of a worker's life, in order; a worker never goes back.</summary>
public enum WorkerPhase
{
    /// <summary>Not started yet.</summary>
    Created,

    /// <summary>Polling and running tasks.</summary>
    Running,

    /// <summary>Stop asked: no poll is started; the polls in flight are let finish (never aborted), and the tasks they bring are run.</summary>
    ClosingPolls,

    /// <summary>No poll in flight: the tasks in hand are let finish within the drain timeout.</summary>
    Draining,

    /// <summary>The drain timeout expired (or the caller hurried): the tasks still in hand are failed with SendTaskFailure.</summary>
    FailingRemaining,

    /// <summary>Every task received was reported (or ended on the service's side).</summary>
    Stopped,
}
