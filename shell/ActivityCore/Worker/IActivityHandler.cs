using System.Threading;
using System.Threading.Tasks;

namespace ActivityCore.Worker;

/// <summary>
/// A typed activity handler: takes the task's input as a <typeparamref name="TInput"/> and returns a
/// <typeparamref name="TOutput"/> or a <see cref="TaskFailure"/> (<see cref="HandlerResult{TOutput}"/>). Run by a worker
/// built with <c>ActivityWorker.Create&lt;TInput, TOutput&gt;</c>, which (de)serialises with System.Text.Json.
/// </summary>
/// <typeparam name="TInput">The task's input.</typeparam>
/// <typeparam name="TOutput">The task's output.</typeparam>
public interface IActivityHandler<TInput, TOutput>
{
    /// <summary>Runs one task.</summary>
    /// <param name="input">The task's input, deserialised.</param>
    /// <param name="context">The task's context: its token's fingerprint, when it was received, why it was cancelled, a heartbeat on demand.</param>
    /// <param name="cancellationToken">Cancelled by the handler timeout, by a heartbeat that says the task ended, and at the end of a stop's drain (<see cref="ActivityContext.CancellationReason"/> says which).</param>
    /// <returns>The output (reported with SendTaskSuccess) or a failure (reported with SendTaskFailure). An exception fails the task.</returns>
    Task<HandlerResult<TOutput>> HandleAsync(TInput input, ActivityContext context, CancellationToken cancellationToken);
}
