using System;

namespace ActivityCore.Local;

/// <summary>Why a task timed out.</summary>
public enum LocalTimeoutKind
{
    /// <summary>The task timeout elapsed.</summary>
    Task = 0,

    /// <summary>No heartbeat (nor result) arrived within the heartbeat timeout.</summary>
    Heartbeat = 1,
}

/// <summary>
/// How a task ended: <see cref="LocalTaskSucceeded"/>, <see cref="LocalTaskFailed"/> or
/// <see cref="LocalTaskTimedOut"/>. A closed union: no other cases exist.
/// </summary>
public abstract record LocalTaskOutcome
{
    private protected LocalTaskOutcome()
    {
    }

    /// <summary>Exhaustive match over the three cases.</summary>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="succeeded">Given the output JSON.</param>
    /// <param name="failed">Given the error and the cause (each may be null).</param>
    /// <param name="timedOut">Given which timeout fired.</param>
    /// <returns>What the chosen function returns.</returns>
    public TResult Match<TResult>(
        Func<string, TResult> succeeded,
        Func<string?, string?, TResult> failed,
        Func<LocalTimeoutKind, TResult> timedOut)
    {
        ArgumentNullException.ThrowIfNull(succeeded);
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(timedOut);
        return this switch
        {
            LocalTaskSucceeded s => succeeded(s.Output),
            LocalTaskFailed f => failed(f.Error, f.Cause),
            LocalTaskTimedOut t => timedOut(t.Kind),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
    }
}

/// <summary>The worker sent <c>SendTaskSuccess</c>.</summary>
/// <param name="Output">The output JSON, as sent.</param>
public sealed record LocalTaskSucceeded(string Output) : LocalTaskOutcome
{
    /// <summary>Prints the output's length only: outputs may be sensitive.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => $"LocalTaskSucceeded {{ Output = redacted, {Output.Length} chars }}";
}

/// <summary>The worker sent <c>SendTaskFailure</c>.</summary>
/// <param name="Error">The error code, or null when absent.</param>
/// <param name="Cause">The cause, or null when absent.</param>
public sealed record LocalTaskFailed(string? Error, string? Cause) : LocalTaskOutcome
{
    /// <summary>Prints the error name, and the cause's length only: causes may be sensitive.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() =>
        $"LocalTaskFailed {{ Error = {Error ?? "(none)"}, Cause = {(Cause is null ? "(none)" : $"redacted, {Cause.Length} chars")} }}";

    /// <summary>The outcome of a failure report; an absent error or cause is null here, as this public record has it.</summary>
    internal static LocalTaskFailed Of(TaskFailure failure) => new(failure.Error.Case as string, failure.Cause.Case as string);
}

/// <summary>The task (last delivery) timed out; the service reports <c>States.Timeout</c>.</summary>
/// <param name="Kind">Which timeout fired.</param>
public sealed record LocalTaskTimedOut(LocalTimeoutKind Kind) : LocalTaskOutcome;
