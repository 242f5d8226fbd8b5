using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace ActivityCore.Worker;

/// <summary>
/// Runs each task with a <typeparamref name="THandler"/> resolved from a new DI scope, disposed when the handler
/// returns (so a scoped dependency lives exactly as long as its task's handler, an orphan's included).
/// </summary>
internal sealed class ScopedHandler<THandler, TInput, TOutput>(IServiceScopeFactory scopes) : IActivityHandler<TInput, TOutput>
    where THandler : IActivityHandler<TInput, TOutput>
{
    public async Task<HandlerResult<TOutput>> HandleAsync(TInput input, ActivityContext context, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var handler = scope.ServiceProvider.GetRequiredService<THandler>();
            return await handler.HandleAsync(input, context, cancellationToken).ConfigureAwait(false);
        }
    }
}
