using System;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Worker;

/// <summary>
/// A typed handler adapted to the worker's own form: reads the input (<see cref="TypedJson.ReadInput{TInput}"/>), runs
/// the handler, writes its output (<see cref="TypedJson.WriteOutput{TOutput}"/>). Input that does not deserialise fails
/// the task without running the handler.
/// </summary>
/// <typeparam name="TInput">The handler's input type.</typeparam>
/// <typeparam name="TOutput">The handler's output type.</typeparam>
internal sealed class TypedHandler<TInput, TOutput>(
    Func<TInput, ActivityContext, CancellationToken, Task<HandlerResult<TOutput>>> handler,
    JsonTypeInfo<TInput> input,
    JsonTypeInfo<TOutput> output)
{
    /// <summary>Runs one task.</summary>
    /// <param name="task">The task.</param>
    /// <param name="context">Its context.</param>
    /// <param name="cancellationToken">The handler's token.</param>
    /// <returns>The report.</returns>
    public Task<Either<TaskFailure, TaskOutput>> RunAsync(ActivityTask task, ActivityContext context, CancellationToken cancellationToken) =>
        TypedJson.ReadInput(task.Input, input).Match(
            Right: read => HandleAsync(read.Value, context, cancellationToken),
            Left: static failure => Task.FromResult(Left<TaskFailure, TaskOutput>(failure)));

    private async Task<Either<TaskFailure, TaskOutput>> HandleAsync(TInput value, ActivityContext context, CancellationToken cancellationToken)
    {
        var result = await handler(value, context, cancellationToken).ConfigureAwait(false);
        return result.Match(
            Success: o => TypedJson.WriteOutput(o, output),
            Failure: static f => Left<TaskFailure, TaskOutput>(f));
    }
}
