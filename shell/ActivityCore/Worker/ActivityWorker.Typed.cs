using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;
using Microsoft.Extensions.Logging;

namespace ActivityCore.Worker;

/// <summary>
/// The typed workers: the handler takes a <c>TInput</c> and returns a <c>TOutput</c> (or a <see cref="TaskFailure"/>),
/// read and written with System.Text.Json. Input that does not deserialise fails the task with
/// <see cref="WorkerErrorCodes.InvalidInput"/> (the handler does not run); output that does not serialise, or is over
/// 262,144 UTF-8 bytes, fails it with <see cref="WorkerErrorCodes.InvalidOutput"/>. The overloads taking
/// <see cref="JsonTypeInfo{T}"/> (from a source-generated <c>JsonSerializerContext</c>) are safe for trimming and
/// native AOT; those taking <see cref="JsonSerializerOptions"/> use reflection.
/// </summary>
// RS0026 (several overloads with optional parameters): every Create takes its optional logger last and differs from
// the others in the type of a required parameter (the handler's delegate or the serializer's), so none binds by its
// optional parameters alone.
#pragma warning disable RS0026
public sealed partial class ActivityWorker
{
    /// <summary>Creates a typed worker whose handler returns its output (a failure is an exception), or tells which option is out of range.</summary>
    /// <typeparam name="TInput">The task's input type.</typeparam>
    /// <typeparam name="TOutput">The task's output type.</typeparam>
    /// <param name="client">The client to call the service with (not owned: dispose it after the worker).</param>
    /// <param name="options">The options.</param>
    /// <param name="handler">Runs one task: its output is reported with SendTaskSuccess; an exception fails the task. The token is cancelled as <see cref="ActivityContext.CancellationReason"/> says.</param>
    /// <param name="input">How to read the input (e.g. <c>MyJsonContext.Default.Order</c>).</param>
    /// <param name="output">How to write the output.</param>
    /// <param name="logger">Where the worker logs; null for none.</param>
    /// <returns>The worker (not started), or the first option out of range.</returns>
    public static Either<ValidationError, ActivityWorker> Create<TInput, TOutput>(
        ActivityClient client,
        ActivityWorkerOptions options,
        Func<TInput, ActivityContext, CancellationToken, Task<TOutput>> handler,
        JsonTypeInfo<TInput> input,
        JsonTypeInfo<TOutput> output,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return CreateTyped(client, options, Returning(handler), input, output, logger);
    }

    /// <summary>
    /// Creates a typed worker whose handler returns a <see cref="HandlerResult{TOutput}"/>: an output, or a failure
    /// (<c>return TaskFailure.Create("Odd", "...");</c> compiles), or tells which option is out of range.
    /// </summary>
    /// <typeparam name="TInput">The task's input type.</typeparam>
    /// <typeparam name="TOutput">The task's output type.</typeparam>
    /// <param name="client">The client to call the service with (not owned: dispose it after the worker).</param>
    /// <param name="options">The options.</param>
    /// <param name="handler">Runs one task: an output is reported with SendTaskSuccess, a failure with SendTaskFailure; an exception fails the task.</param>
    /// <param name="input">How to read the input.</param>
    /// <param name="output">How to write the output.</param>
    /// <param name="logger">Where the worker logs; null for none.</param>
    /// <returns>The worker (not started), or the first option out of range.</returns>
    public static Either<ValidationError, ActivityWorker> Create<TInput, TOutput>(
        ActivityClient client,
        ActivityWorkerOptions options,
        Func<TInput, ActivityContext, CancellationToken, Task<HandlerResult<TOutput>>> handler,
        JsonTypeInfo<TInput> input,
        JsonTypeInfo<TOutput> output,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return CreateTyped(client, options, handler, input, output, logger);
    }

    /// <summary>Creates a typed worker whose handler returns <c>Right(output)</c> or <c>Left(failure)</c>, or tells which option is out of range.</summary>
    /// <typeparam name="TInput">The task's input type.</typeparam>
    /// <typeparam name="TOutput">The task's output type.</typeparam>
    /// <param name="client">The client to call the service with (not owned: dispose it after the worker).</param>
    /// <param name="options">The options.</param>
    /// <param name="handler">Runs one task: <c>Right</c> is reported with SendTaskSuccess, <c>Left</c> with SendTaskFailure (a bottom <c>Either</c> with <see cref="WorkerErrorCodes.InvalidResult"/>); an exception fails the task.</param>
    /// <param name="input">How to read the input.</param>
    /// <param name="output">How to write the output.</param>
    /// <param name="logger">Where the worker logs; null for none.</param>
    /// <returns>The worker (not started), or the first option out of range.</returns>
    public static Either<ValidationError, ActivityWorker> Create<TInput, TOutput>(
        ActivityClient client,
        ActivityWorkerOptions options,
        Func<TInput, ActivityContext, CancellationToken, Task<Either<TaskFailure, TOutput>>> handler,
        JsonTypeInfo<TInput> input,
        JsonTypeInfo<TOutput> output,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return CreateTyped(client, options, Choosing(handler), input, output, logger);
    }

    /// <summary>Creates a typed worker that runs an <see cref="IActivityHandler{TInput, TOutput}"/>, or tells which option is out of range.</summary>
    /// <typeparam name="TInput">The task's input type.</typeparam>
    /// <typeparam name="TOutput">The task's output type.</typeparam>
    /// <param name="client">The client to call the service with (not owned: dispose it after the worker).</param>
    /// <param name="options">The options.</param>
    /// <param name="handler">Runs every task (concurrently: up to <see cref="ActivityWorkerOptions.MaxTasksInFlight"/> at once).</param>
    /// <param name="input">How to read the input.</param>
    /// <param name="output">How to write the output.</param>
    /// <param name="logger">Where the worker logs; null for none.</param>
    /// <returns>The worker (not started), or the first option out of range.</returns>
    public static Either<ValidationError, ActivityWorker> Create<TInput, TOutput>(
        ActivityClient client,
        ActivityWorkerOptions options,
        IActivityHandler<TInput, TOutput> handler,
        JsonTypeInfo<TInput> input,
        JsonTypeInfo<TOutput> output,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return CreateTyped(client, options, handler.HandleAsync, input, output, logger);
    }

    /// <summary>Creates a typed worker whose handler returns its output, reading and writing with reflection (not for trimming or native AOT).</summary>
    /// <typeparam name="TInput">The task's input type.</typeparam>
    /// <typeparam name="TOutput">The task's output type.</typeparam>
    /// <param name="client">The client to call the service with (not owned: dispose it after the worker).</param>
    /// <param name="options">The options.</param>
    /// <param name="handler">Runs one task: its output is reported with SendTaskSuccess; an exception fails the task.</param>
    /// <param name="serializerOptions">The serializer's options (copied); null for <see cref="JsonSerializerOptions.Web"/> (camelCase, case-insensitive).</param>
    /// <param name="logger">Where the worker logs; null for none.</param>
    /// <returns>The worker (not started), or the first option out of range.</returns>
    [RequiresUnreferencedCode(TypedJson.ReflectionWarning)]
    [RequiresDynamicCode(TypedJson.ReflectionWarning)]
    public static Either<ValidationError, ActivityWorker> Create<TInput, TOutput>(
        ActivityClient client,
        ActivityWorkerOptions options,
        Func<TInput, ActivityContext, CancellationToken, Task<TOutput>> handler,
        JsonSerializerOptions? serializerOptions,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var (input, output) = TypedJson.ByReflection<TInput, TOutput>(serializerOptions);
        return CreateTyped(client, options, Returning(handler), input, output, logger);
    }

    /// <summary>Creates a typed worker whose handler returns a <see cref="HandlerResult{TOutput}"/>, reading and writing with reflection (not for trimming or native AOT).</summary>
    /// <typeparam name="TInput">The task's input type.</typeparam>
    /// <typeparam name="TOutput">The task's output type.</typeparam>
    /// <param name="client">The client to call the service with (not owned: dispose it after the worker).</param>
    /// <param name="options">The options.</param>
    /// <param name="handler">Runs one task: an output is reported with SendTaskSuccess, a failure with SendTaskFailure; an exception fails the task.</param>
    /// <param name="serializerOptions">The serializer's options (copied); null for <see cref="JsonSerializerOptions.Web"/>.</param>
    /// <param name="logger">Where the worker logs; null for none.</param>
    /// <returns>The worker (not started), or the first option out of range.</returns>
    [RequiresUnreferencedCode(TypedJson.ReflectionWarning)]
    [RequiresDynamicCode(TypedJson.ReflectionWarning)]
    public static Either<ValidationError, ActivityWorker> Create<TInput, TOutput>(
        ActivityClient client,
        ActivityWorkerOptions options,
        Func<TInput, ActivityContext, CancellationToken, Task<HandlerResult<TOutput>>> handler,
        JsonSerializerOptions? serializerOptions,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var (input, output) = TypedJson.ByReflection<TInput, TOutput>(serializerOptions);
        return CreateTyped(client, options, handler, input, output, logger);
    }

    /// <summary>Creates a typed worker whose handler returns <c>Right(output)</c> or <c>Left(failure)</c>, reading and writing with reflection (not for trimming or native AOT).</summary>
    /// <typeparam name="TInput">The task's input type.</typeparam>
    /// <typeparam name="TOutput">The task's output type.</typeparam>
    /// <param name="client">The client to call the service with (not owned: dispose it after the worker).</param>
    /// <param name="options">The options.</param>
    /// <param name="handler">Runs one task: <c>Right</c> is reported with SendTaskSuccess, <c>Left</c> with SendTaskFailure; an exception fails the task.</param>
    /// <param name="serializerOptions">The serializer's options (copied); null for <see cref="JsonSerializerOptions.Web"/>.</param>
    /// <param name="logger">Where the worker logs; null for none.</param>
    /// <returns>The worker (not started), or the first option out of range.</returns>
    [RequiresUnreferencedCode(TypedJson.ReflectionWarning)]
    [RequiresDynamicCode(TypedJson.ReflectionWarning)]
    public static Either<ValidationError, ActivityWorker> Create<TInput, TOutput>(
        ActivityClient client,
        ActivityWorkerOptions options,
        Func<TInput, ActivityContext, CancellationToken, Task<Either<TaskFailure, TOutput>>> handler,
        JsonSerializerOptions? serializerOptions,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var (input, output) = TypedJson.ByReflection<TInput, TOutput>(serializerOptions);
        return CreateTyped(client, options, Choosing(handler), input, output, logger);
    }

    /// <summary>Creates a typed worker that runs an <see cref="IActivityHandler{TInput, TOutput}"/>, reading and writing with reflection (not for trimming or native AOT).</summary>
    /// <typeparam name="TInput">The task's input type.</typeparam>
    /// <typeparam name="TOutput">The task's output type.</typeparam>
    /// <param name="client">The client to call the service with (not owned: dispose it after the worker).</param>
    /// <param name="options">The options.</param>
    /// <param name="handler">Runs every task (concurrently).</param>
    /// <param name="serializerOptions">The serializer's options (copied); null for <see cref="JsonSerializerOptions.Web"/>.</param>
    /// <param name="logger">Where the worker logs; null for none.</param>
    /// <returns>The worker (not started), or the first option out of range.</returns>
    [RequiresUnreferencedCode(TypedJson.ReflectionWarning)]
    [RequiresDynamicCode(TypedJson.ReflectionWarning)]
    public static Either<ValidationError, ActivityWorker> Create<TInput, TOutput>(
        ActivityClient client,
        ActivityWorkerOptions options,
        IActivityHandler<TInput, TOutput> handler,
        JsonSerializerOptions? serializerOptions,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var (input, output) = TypedJson.ByReflection<TInput, TOutput>(serializerOptions);
        return CreateTyped(client, options, handler.HandleAsync, input, output, logger);
    }

    private static Either<ValidationError, ActivityWorker> CreateTyped<TInput, TOutput>(
        ActivityClient client,
        ActivityWorkerOptions options,
        Func<TInput, ActivityContext, CancellationToken, Task<HandlerResult<TOutput>>> handler,
        JsonTypeInfo<TInput> input,
        JsonTypeInfo<TOutput> output,
        ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        return Create(client, options, new TypedHandler<TInput, TOutput>(handler, input, output).RunAsync, logger);
    }

    private static Func<TInput, ActivityContext, CancellationToken, Task<HandlerResult<TOutput>>> Returning<TInput, TOutput>(
        Func<TInput, ActivityContext, CancellationToken, Task<TOutput>> handler) =>
        async (input, context, cancellationToken) => HandlerResult.Success(await handler(input, context, cancellationToken).ConfigureAwait(false));

    private static Func<TInput, ActivityContext, CancellationToken, Task<HandlerResult<TOutput>>> Choosing<TInput, TOutput>(
        Func<TInput, ActivityContext, CancellationToken, Task<Either<TaskFailure, TOutput>>> handler) =>
        async (input, context, cancellationToken) => HandlerResult.FromEither(await handler(input, context, cancellationToken).ConfigureAwait(false));
}
#pragma warning restore RS0026
