using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityCore.Worker;

/// <summary>
/// Runs each task with a <typeparamref name="THandler"/> resolved from a new DI scope: the input is read, the handler
/// runs and its output is written inside the scope, which is disposed after that (so a scoped dependency lives exactly
/// as long as its task's handler, an orphan's included, and an output that reads one while it is serialised finds it
/// alive).
/// </summary>
/// <param name="scopes">Makes the scopes.</param>
/// <param name="input">How to read the input.</param>
/// <param name="output">How to write the output.</param>
internal sealed class ScopedHandler<THandler, TInput, TOutput>(IServiceScopeFactory scopes, JsonTypeInfo<TInput> input, JsonTypeInfo<TOutput> output)
    where THandler : IActivityHandler<TInput, TOutput>
{
    /// <summary>Runs one task in a scope of its own.</summary>
    /// <param name="task">The task.</param>
    /// <param name="context">Its context.</param>
    /// <param name="cancellationToken">The handler's token.</param>
    /// <returns>The report.</returns>
    public async Task<Either<TaskFailure, TaskOutput>> RunAsync(ActivityTask task, ActivityContext context, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var handler = scope.ServiceProvider.GetRequiredService<THandler>();
            return await new TypedHandler<TInput, TOutput>(handler.HandleAsync, input, output).RunAsync(task, context, cancellationToken).ConfigureAwait(false);
        }
    }
}
