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

    /// <summary>
    /// A typed worker's task whose input did not deserialise to the handler's input type (malformed JSON, a value of
    /// the wrong type, <c>null</c> for a reference type): <c>ActivityCore.InvalidInput</c>. The cause names the type and
    /// the position (line, byte), never the input's text. Retrying it will not help.
    /// </summary>
    public const string InvalidInput = "ActivityCore.InvalidInput";

    /// <summary>
    /// A handler's result the worker cannot report: a default (bottom) <c>Either</c> or <see cref="HandlerResult{TOutput}"/>,
    /// or a failure <see cref="TaskFailure.Create"/> refused: <c>ActivityCore.InvalidResult</c>.
    /// </summary>
    public const string InvalidResult = "ActivityCore.InvalidResult";
}
