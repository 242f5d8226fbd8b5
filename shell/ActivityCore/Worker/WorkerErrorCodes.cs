namespace ActivityCore.Worker;

/// <summary>
/// The error names a worker reports on its own, not from a handler's <c>Left</c>. They start with <c>ActivityCore.</c>
/// so that a state machine can match them in its <c>Retry</c> and <c>Catch</c> fields.
/// </summary>
public static class WorkerErrorCodes
{
    /// <summary>A task failed because the worker stopped before its handler finished: <c>ActivityCore.WorkerStopped</c>. Retry it at once.</summary>
    public const string WorkerStopped = "ActivityCore.WorkerStopped";

    /// <summary>A task whose handler ran past the handler timeout: <c>ActivityCore.HandlerTimeout</c>.</summary>
    public const string HandlerTimeout = "ActivityCore.HandlerTimeout";

    /// <summary>The service refused a handler's output (<c>InvalidOutput</c>), or the output was not valid JSON: <c>ActivityCore.InvalidOutput</c>.</summary>
    public const string InvalidOutput = "ActivityCore.InvalidOutput";
}
