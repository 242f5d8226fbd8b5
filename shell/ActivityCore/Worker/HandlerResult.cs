using System;
using System.Collections.Generic;
using LanguageExt;

namespace ActivityCore.Worker;

/// <summary>
/// What a typed handler returns: its output (reported with SendTaskSuccess) or a <see cref="TaskFailure"/> (reported
/// with SendTaskFailure). Converts implicitly from a <typeparamref name="TOutput"/>, a <see cref="TaskFailure"/>, an
/// <c>Either&lt;TaskFailure, TOutput&gt;</c> and the result of <see cref="TaskFailure.Create"/>, so a handler can
/// <c>return output;</c> or <c>return TaskFailure.Create("Odd", "...");</c>.
/// </summary>
/// <remarks>
/// A failure <see cref="TaskFailure.Create"/> refused (an error name over 256 characters, a cause over 32,768) becomes a
/// failure <see cref="WorkerErrorCodes.InvalidResult"/> whose cause names the broken rule. The <c>default</c> value, and a
/// bottom (default) <c>Either</c>, are a failure <see cref="WorkerErrorCodes.InvalidResult"/> too. Immutable.
/// </remarks>
/// <typeparam name="TOutput">The handler's output.</typeparam>
public readonly struct HandlerResult<TOutput> : IEquatable<HandlerResult<TOutput>>
{
    private readonly TOutput output;
    private readonly Option<TaskFailure> failure;
    private readonly bool succeeded;

    internal HandlerResult(TOutput output, Option<TaskFailure> failure, bool succeeded)
    {
        this.output = output;
        this.failure = failure;
        this.succeeded = succeeded;
    }

    /// <summary>Whether this is an output (false for a failure and for <c>default</c>).</summary>
    public bool IsSuccess => succeeded;

    /// <summary>Picks a value by case: <paramref name="Success"/> with the output, or <paramref name="Failure"/> with the failure.</summary>
    /// <typeparam name="TResult">The value picked.</typeparam>
    /// <param name="Success">For an output.</param>
    /// <param name="Failure">For a failure (and for <c>default</c>: a failure <see cref="WorkerErrorCodes.InvalidResult"/>).</param>
    /// <returns>The value.</returns>
#pragma warning disable CA1716, IDE1006 // named arguments read like pattern matching, as language-ext's Match does
    public TResult Match<TResult>(Func<TOutput, TResult> Success, Func<TaskFailure, TResult> Failure)
#pragma warning restore CA1716, IDE1006
    {
        ArgumentNullException.ThrowIfNull(Success);
        ArgumentNullException.ThrowIfNull(Failure);
        return succeeded
            ? Success(output)
            : Failure(failure.IfNone(static () => HandlerResult.InvalidResult("The handler returned a default HandlerResult.")));
    }

    /// <summary>As an <c>Either</c>: <c>Right(output)</c> or <c>Left(failure)</c>.</summary>
    /// <returns>The <c>Either</c> (never bottom).</returns>
    /// <remarks>A success with a null output has no <c>Either</c> (language-ext refuses a null <c>Right</c> and throws): use <see cref="Match{TResult}"/> for it.</remarks>
    public Either<TaskFailure, TOutput> ToEither() =>
        Match(Success: Prelude.Right<TaskFailure, TOutput>, Failure: Prelude.Left<TaskFailure, TOutput>);

    /// <summary>A success (<see cref="HandlerResult.Success{TOutput}"/>).</summary>
    /// <param name="output">The output.</param>
    public static implicit operator HandlerResult<TOutput>(TOutput output) => HandlerResult.Success(output);

    /// <summary>A failure (<see cref="HandlerResult.Failure{TOutput}"/>).</summary>
    /// <param name="failure">The failure.</param>
    public static implicit operator HandlerResult<TOutput>(TaskFailure failure) => HandlerResult.Failure<TOutput>(failure);

    /// <summary>From an <c>Either</c> (<see cref="HandlerResult.FromEither{TOutput}"/>).</summary>
    /// <param name="result">The result.</param>
    public static implicit operator HandlerResult<TOutput>(Either<TaskFailure, TOutput> result) => HandlerResult.FromEither(result);

    /// <summary>From the result of <see cref="TaskFailure.Create"/> (<see cref="HandlerResult.FromCreatedFailure{TOutput}"/>).</summary>
    /// <param name="created">The result of <see cref="TaskFailure.Create"/>.</param>
    public static implicit operator HandlerResult<TOutput>(Either<ValidationError, TaskFailure> created) => HandlerResult.FromCreatedFailure<TOutput>(created);

    /// <summary>Value equality.</summary>
    /// <param name="left">A result.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(HandlerResult<TOutput> left, HandlerResult<TOutput> right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    /// <param name="left">A result.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(HandlerResult<TOutput> left, HandlerResult<TOutput> right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(HandlerResult<TOutput> other) =>
        succeeded == other.succeeded && EqualityComparer<TOutput>.Default.Equals(output, other.output) && failure.Equals(other.failure);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HandlerResult<TOutput> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(succeeded, output, failure);

    /// <summary>Returns <c>Success(redacted)</c> or the failure's description (never the output nor the cause).</summary>
    /// <returns>A description.</returns>
    public override string ToString() => Match(Success: static _ => "Success(redacted)", Failure: static f => $"Failure({f})");
}

/// <summary>Builds <see cref="HandlerResult{TOutput}"/>s (the named forms of its implicit conversions).</summary>
public static class HandlerResult
{
    /// <summary>A success: the output is reported with SendTaskSuccess.</summary>
    /// <typeparam name="TOutput">The handler's output.</typeparam>
    /// <param name="output">The output.</param>
    /// <returns>The result.</returns>
    public static HandlerResult<TOutput> Success<TOutput>(TOutput output) => new(output, Option<TaskFailure>.None, succeeded: true);

    /// <summary>A failure, reported with SendTaskFailure.</summary>
    /// <typeparam name="TOutput">The handler's output.</typeparam>
    /// <param name="failure">The failure.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="failure"/> is null.</exception>
    public static HandlerResult<TOutput> Failure<TOutput>(TaskFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return new(default!, Option<TaskFailure>.Some(failure), succeeded: false);
    }

    /// <summary>From an <c>Either</c>: <c>Right</c> is a success, <c>Left</c> a failure; a bottom <c>Either</c> is a failure <see cref="WorkerErrorCodes.InvalidResult"/>.</summary>
    /// <typeparam name="TOutput">The handler's output.</typeparam>
    /// <param name="result">The result.</param>
    /// <returns>The handler result.</returns>
    public static HandlerResult<TOutput> FromEither<TOutput>(Either<TaskFailure, TOutput> result) =>
        result.IsBottom
            ? Failure<TOutput>(InvalidResult("The handler returned a default (bottom) Either."))
            : result.Match(Right: Success, Left: Failure<TOutput>);

    /// <summary>From the result of <see cref="TaskFailure.Create"/>: the failure, or, if it was refused, a failure <see cref="WorkerErrorCodes.InvalidResult"/> naming the broken rule (never the refused text).</summary>
    /// <typeparam name="TOutput">The handler's output.</typeparam>
    /// <param name="created">The result of <see cref="TaskFailure.Create"/>.</param>
    /// <returns>The handler result (always a failure).</returns>
    public static HandlerResult<TOutput> FromCreatedFailure<TOutput>(Either<ValidationError, TaskFailure> created) =>
        created.IsBottom
            ? Failure<TOutput>(InvalidResult("The handler returned a default (bottom) Either."))
            : created.Match(
                Right: Failure<TOutput>,
                Left: e => Failure<TOutput>(InvalidResult($"The handler's failure was refused: {e.Field} {e.Failure}: {e.Message}")));

    internal static TaskFailure InvalidResult(string cause) => TaskFailure.Bounded(WorkerErrorCodes.InvalidResult, cause);
}
