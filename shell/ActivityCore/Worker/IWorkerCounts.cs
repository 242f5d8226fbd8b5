namespace ActivityCore.Worker;

/// <summary>What the worker's asynchronous instruments read when the metrics are collected. Thread-safe: read from the collector's thread.</summary>
internal interface IWorkerCounts
{
    /// <summary>Polls started and not answered yet.</summary>
    int PollsInFlight { get; }

    /// <summary>Tasks received and not yet reported.</summary>
    int TasksInHand { get; }
}
