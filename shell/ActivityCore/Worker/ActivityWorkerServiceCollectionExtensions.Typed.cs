using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ActivityCore.Worker;

/// <summary>The typed hosted workers: an <see cref="IActivityHandler{TInput, TOutput}"/> resolved in a new scope per task.</summary>
public static partial class ActivityWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds a typed worker as an <see cref="IHostedService"/>, as the untyped <c>AddActivityWorker</c> does (the options
    /// pattern, the AWS conventions, validation at start, the shutdown-timeout warning), whose tasks each run a
    /// <typeparamref name="THandler"/> resolved from a new DI scope, disposed when the handler returns: scoped
    /// dependencies (a DbContext, a unit of work) are new per task. <typeparamref name="THandler"/> is registered as
    /// scoped unless already registered. The worker is reachable from the container as the untyped form's is
    /// (<see cref="ActivityWorker"/>, plain and keyed by its options name). Safe for trimming and native AOT with a source-generated context.
    /// </summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <typeparam name="TInput">The task's input type.</typeparam>
    /// <typeparam name="TOutput">The task's output type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section with the worker's and the client's keys, e.g. <c>configuration.GetSection("Worker")</c>.</param>
    /// <param name="input">How to read the input (e.g. <c>MyJsonContext.Default.Order</c>).</param>
    /// <param name="output">How to write the output.</param>
    /// <param name="configure">Adjusts the worker's options after binding; null for none.</param>
    /// <param name="configureClient">Adjusts the client's options after binding; null for none.</param>
    /// <returns>The services.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The typed forms take type arguments and differ from each other in the serializer's parameter types, so no call is ambiguous.")]
    public static IServiceCollection AddActivityWorker<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler, TInput, TOutput>(
        this IServiceCollection services,
        IConfiguration configuration,
        JsonTypeInfo<TInput> input,
        JsonTypeInfo<TOutput> output,
        Action<ActivityWorkerOptions>? configure = null,
        Action<ActivityClientOptions>? configureClient = null)
        where THandler : class, IActivityHandler<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        services.TryAddScoped<THandler>();
        string name = AddOptions(services, configuration, configure, configureClient);
        return AddHosted(services, name, provider =>
        {
            var handler = new ScopedHandler<THandler, TInput, TOutput>(provider.GetRequiredService<IServiceScopeFactory>(), input, output);
            return CreateWorker(provider, name, handler.RunAsync);
        });
    }

    /// <summary>The same, reading and writing with reflection-based System.Text.Json (not for trimming or native AOT).</summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <typeparam name="TInput">The task's input type.</typeparam>
    /// <typeparam name="TOutput">The task's output type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section with the worker's and the client's keys.</param>
    /// <param name="serializerOptions">The serializer's options (copied); null for <see cref="JsonSerializerOptions.Web"/>.</param>
    /// <param name="configure">Adjusts the worker's options after binding; null for none.</param>
    /// <param name="configureClient">Adjusts the client's options after binding; null for none.</param>
    /// <returns>The services.</returns>
    [RequiresUnreferencedCode(TypedJson.ReflectionWarning)]
    [RequiresDynamicCode(TypedJson.ReflectionWarning)]
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The typed forms take type arguments and differ from each other in the serializer's parameter types, so no call is ambiguous.")]
    public static IServiceCollection AddActivityWorker<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler, TInput, TOutput>(
        this IServiceCollection services,
        IConfiguration configuration,
        JsonSerializerOptions? serializerOptions = null,
        Action<ActivityWorkerOptions>? configure = null,
        Action<ActivityClientOptions>? configureClient = null)
        where THandler : class, IActivityHandler<TInput, TOutput>
    {
        var (input, output) = TypedJson.ByReflection<TInput, TOutput>(serializerOptions);
        return services.AddActivityWorker<THandler, TInput, TOutput>(configuration, input, output, configure, configureClient);
    }
}
