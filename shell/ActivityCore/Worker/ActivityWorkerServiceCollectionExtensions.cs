using System;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActivityCore.Worker;

/// <summary>Registers an <see cref="ActivityWorker"/> as a hosted service of Microsoft.Extensions.Hosting.</summary>
public static class ActivityWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds a worker, and the <see cref="ActivityClient"/> it owns, as an <see cref="IHostedService"/>: started with the
    /// host, stopped gracefully with it (the host's shutdown timeout hurries the drain: give it at least the drain timeout,
    /// plus 65 s against AWS so that the polls in flight can finish). Options are read from <paramref name="configuration"/>
    /// (<see cref="WorkerConfiguration"/> lists the keys), then <paramref name="configure"/> and <paramref name="configureClient"/>
    /// run. The logger is the container's <see cref="ILoggerFactory"/>'s, if one is registered: the worker logs there, at
    /// Error, when its polls fail for a reason that will not heal by itself (no credentials, a wrong secret, a missing
    /// activity, access denied: <see cref="WorkerHealth.Misconfigured"/>), and keeps polling at its backoff's cap.
    /// Call once per worker.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section with the worker's and the client's keys, e.g. <c>configuration.GetSection("Worker")</c>.</param>
    /// <param name="handlerFactory">Makes the handler from the container.</param>
    /// <param name="configure">Adjusts the worker's options after binding; null for none.</param>
    /// <param name="configureClient">Adjusts the client's options after binding (credentials, handler); null for none.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ActivityWorkerConfigurationException">When the hosted service is resolved, if an option is out of range.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The handler form and the handler-factory form differ in their required parameter's type, so no call is ambiguous; the hosting API is reworked with the options pattern next.")]
    public static IServiceCollection AddActivityWorker(
        this IServiceCollection services,
        IConfiguration configuration,
        Func<IServiceProvider, Func<ActivityTask, CancellationToken, Task<Either<TaskFailure, TaskOutput>>>> handlerFactory,
        Action<ActivityWorkerOptions>? configure = null,
        Action<ActivityClientOptions>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(handlerFactory);
        services.AddSingleton<IHostedService>(provider =>
        {
            var loggers = provider.GetService<ILoggerFactory>();
            var time = provider.GetService<TimeProvider>() ?? TimeProvider.System;
            var handler = handlerFactory(provider); // before the client exists: a factory that throws leaks nothing
            var clientOptions = OrThrow(WorkerConfiguration.BindClient(configuration, new ActivityClientOptions
            {
                Logger = loggers?.CreateLogger("ActivityCore.ActivityClient"),
                TimeProvider = time,
            }));
            configureClient?.Invoke(clientOptions);
            var workerOptions = OrThrow(WorkerConfiguration.Bind(configuration, new ActivityWorkerOptions
            {
                TimeProvider = time,
            }));
            configure?.Invoke(workerOptions);
            var client = OrThrow(ActivityClient.Create(clientOptions));
            var worker = ActivityWorker.CreateWithMeterFactory(client, workerOptions, handler, loggers?.CreateLogger("ActivityCore.ActivityWorker"), provider.GetService<IMeterFactory>());
            return worker.Match(
                Right: w => new HostedActivityWorker(client, w),
                Left: e =>
                {
                    client.Dispose();
                    throw new ActivityWorkerConfigurationException(e);
                });
        });
        return services;
    }

    /// <summary>The same, with a handler that needs nothing from the container.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section with the worker's and the client's keys.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="configure">Adjusts the worker's options after binding; null for none.</param>
    /// <param name="configureClient">Adjusts the client's options after binding; null for none.</param>
    /// <returns>The services.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The handler form and the handler-factory form differ in their required parameter's type, so no call is ambiguous; the hosting API is reworked with the options pattern next.")]
    public static IServiceCollection AddActivityWorker(
        this IServiceCollection services,
        IConfiguration configuration,
        Func<ActivityTask, CancellationToken, Task<Either<TaskFailure, TaskOutput>>> handler,
        Action<ActivityWorkerOptions>? configure = null,
        Action<ActivityClientOptions>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return services.AddActivityWorker(configuration, _ => handler, configure, configureClient);
    }

    private static T OrThrow<T>(Either<ValidationError, T> value) =>
        value.Match(Right: static v => v, Left: static e => throw new ActivityWorkerConfigurationException(e));
}
