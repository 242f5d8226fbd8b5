using System;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Configuration;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using LanguageExt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static LanguageExt.Prelude;

namespace ActivityCore.Worker;

/// <summary>Registers an <see cref="ActivityWorker"/> as a hosted service of Microsoft.Extensions.Hosting.</summary>
public static partial class ActivityWorkerServiceCollectionExtensions
{
    /// <summary>The options name of the second worker registered; the third is <c>ActivityWorker3</c>, and so on.</summary>
    public const string SecondWorkerOptionsName = "ActivityWorker2";

    /// <summary>
    /// Adds a worker, and the <see cref="ActivityClient"/> it owns, as an <see cref="IHostedService"/>: started with the
    /// host, stopped gracefully with it. Its options go through the options pattern: <see cref="ActivityWorkerOptions"/>
    /// and <see cref="ActivityClientOptions"/> are named options (the first worker's are the default-named ones, so
    /// <c>services.Configure&lt;ActivityWorkerOptions&gt;(...)</c> adjusts them; a second worker's are named
    /// <see cref="SecondWorkerOptionsName"/>), bound from <paramref name="configuration"/> by hand, without reflection
    /// (<see cref="WorkerConfiguration"/> lists the keys; safe for trimming and AOT), then <paramref name="configure"/> and
    /// <paramref name="configureClient"/> run, then the AWS conventions fill what is left (<see cref="AwsClientConfiguration"/>:
    /// the <c>"AWS"</c> section or a registered <see cref="AWSOptions"/>, <c>AWS_REGION</c>, <c>AWS_ENDPOINT_URL_SFN</c>,
    /// the profile, the activity ARN's region; an <see cref="AWSCredentials"/> registered in the container is the client's
    /// credentials unless <paramref name="configureClient"/> sets others). Both are validated when the host starts
    /// (<c>ValidateOnStart</c>): a value out of range, unreadable or in conflict stops the start with an
    /// <see cref="OptionsValidationException"/> whose message is the <see cref="ValidationError"/>'s.
    /// A <see cref="HostOptions.ShutdownTimeout"/> shorter than the poll timeout plus the drain timeout (the longest a
    /// graceful stop takes) logs a Warning at start: the host would cut the stop short. The logger is the container's
    /// <see cref="ILoggerFactory"/>'s, if one is registered: the worker logs there, at Error, when its polls fail for a
    /// reason that will not heal by itself (<see cref="WorkerHealth.Misconfigured"/>), and keeps polling at its backoff's cap.
    /// Call once per worker. The worker is also registered as <see cref="ActivityWorker"/> (to pause it, read its
    /// health): <c>GetRequiredService&lt;ActivityWorker&gt;()</c> answers the last one registered,
    /// <c>GetServices&lt;ActivityWorker&gt;()</c> all of them in registration order, and
    /// <c>GetRequiredKeyedService&lt;ActivityWorker&gt;(name)</c> the one of that options name
    /// (<see cref="Options.DefaultName"/> for the first, <see cref="SecondWorkerOptionsName"/> for the second...).
    /// The container disposes it, then its client, once.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section with the worker's and the client's keys, e.g. <c>configuration.GetSection("Worker")</c>.</param>
    /// <param name="handlerFactory">Makes the handler from the container.</param>
    /// <param name="configure">Adjusts the worker's options after binding; null for none.</param>
    /// <param name="configureClient">Adjusts the client's options after binding (credentials, handler); null for none.</param>
    /// <returns>The services.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The handler form and the handler-factory form differ in their required parameter's type, so no call is ambiguous.")]
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
        string name = AddOptions(services, configuration, configure, configureClient);
        return AddHosted(services, name, provider =>
        {
            var handler = handlerFactory(provider); // before the client exists: a factory that throws leaks nothing
            return CreateWorker(provider, name, (task, _, cancellationToken) => handler(task, cancellationToken));
        });
    }

    /// <summary>The same, with a handler that needs nothing from the container.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section with the worker's and the client's keys.</param>
    /// <param name="handler">The handler.</param>
    /// <param name="configure">Adjusts the worker's options after binding; null for none.</param>
    /// <param name="configureClient">Adjusts the client's options after binding; null for none.</param>
    /// <returns>The services.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The handler form and the handler-factory form differ in their required parameter's type, so no call is ambiguous.")]
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

    /// <summary>Registers the next worker's named options (bound, adjusted, filled by the AWS conventions, validated at start); answers their name.</summary>
    private static string AddOptions(
        IServiceCollection services, IConfiguration configuration, Action<ActivityWorkerOptions>? configure, Action<ActivityClientOptions>? configureClient)
    {
        int index = services.Count(static d => d.ServiceType == typeof(WorkerOptionsName)) + 1;
        string name = index == 1 ? Options.DefaultName : "ActivityWorker" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        services.AddSingleton(new WorkerOptionsName(name));
        services.AddOptions<ActivityWorkerOptions>(name)
            .Configure<IServiceProvider>((o, provider) =>
            {
                o.TimeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System;
                Bound(name, WorkerConfiguration.Bind(configuration, o));
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        services.AddOptions<ActivityClientOptions>(name)
            .Configure<IServiceProvider>((o, provider) =>
            {
                o.Logger = provider.GetService<ILoggerFactory>()?.CreateLogger("ActivityCore.ActivityClient");
                o.TimeProvider = provider.GetService<TimeProvider>() ?? TimeProvider.System;
                o.Credentials = provider.GetService<AWSCredentials>();
                Bound(name, WorkerConfiguration.BindClient(configuration, o));
                configureClient?.Invoke(o);
            })
            .PostConfigure<IServiceProvider>((o, provider) => Bound(name, AwsClientConfiguration.Apply(
                o,
                Optional(provider.GetService<AWSOptions>()).Match(Some: static a => Some(a), None: () => AwsSection(provider)),
                provider.GetService<AwsEnvironment>() ?? AwsEnvironment.Process,
                ActivityArn.Parse(provider.GetRequiredService<IOptionsMonitor<ActivityWorkerOptions>>().Get(name).ActivityArn).ToOption())))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ActivityWorkerOptions>, WorkerOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ActivityClientOptions>, ClientOptionsValidation>());
        return name;
    }

    /// <summary>
    /// Registers one hosted worker, made once by <paramref name="create"/>, under every way it is reached: the
    /// <see cref="IHostedService"/> the host runs, the <see cref="ActivityWorker"/> (the last one registered answers
    /// <c>GetService&lt;ActivityWorker&gt;</c>; all of them <c>GetServices</c>) and the keyed <see cref="ActivityWorker"/>
    /// under its options name. All are the same instance; its disposal is idempotent, so the container's several
    /// disposals of it dispose the worker, then its client, once.
    /// </summary>
    private static IServiceCollection AddHosted(IServiceCollection services, string name, Func<IServiceProvider, HostedActivityWorker> create)
    {
        services.AddKeyedSingleton(name, (provider, _) => create(provider));
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredKeyedService<HostedActivityWorker>(name));
        services.AddKeyedSingleton(name, static (provider, key) => provider.GetRequiredKeyedService<HostedActivityWorker>(key).Worker);
        services.AddSingleton(provider => provider.GetRequiredKeyedService<HostedActivityWorker>(name).Worker);
        return services;
    }

    /// <summary>
    /// Creates the client and the worker from the validated options of <paramref name="name"/>: the one place a hosted
    /// worker is made (<paramref name="handler"/> is the untyped handler or a typed one's adapter), with the container's
    /// <see cref="IMeterFactory"/> when one is registered.
    /// </summary>
    private static HostedActivityWorker CreateWorker(
        IServiceProvider provider, string name, Func<ActivityTask, ActivityContext, CancellationToken, Task<Either<TaskFailure, TaskOutput>>> handler)
    {
        var workerOptions = provider.GetRequiredService<IOptionsMonitor<ActivityWorkerOptions>>().Get(name);
        var clientOptions = provider.GetRequiredService<IOptionsMonitor<ActivityClientOptions>>().Get(name);
        var logger = provider.GetService<ILoggerFactory>()?.CreateLogger("ActivityCore.ActivityWorker");
        var shutdown = Optional(provider.GetService<IOptions<HostOptions>>()).Map(static o => o.Value.ShutdownTimeout);
        var client = OrThrow(ActivityClient.Create(clientOptions));
        return ActivityWorker.CreateWithMeterFactory(client, workerOptions, handler, logger, provider.GetService<IMeterFactory>()).Match(
            Right: w => new HostedActivityWorker(client, w, () => ShutdownBudget.Warn(logger, shutdown, clientOptions.PollTimeout, workerOptions.DrainTimeout)),
            Left: e =>
            {
                client.Dispose();
                throw new ActivityWorkerConfigurationException(e);
            });
    }

    /// <summary>The standard <c>"AWS"</c> section of the application's configuration, when it has one (read only when no <see cref="AWSOptions"/> is registered).</summary>
    private static Option<AWSOptions> AwsSection(IServiceProvider provider) =>
        Optional(provider.GetService<IConfiguration>())
            .Filter(static c => c.GetSection("AWS").Exists())
            .Map(static c => c.GetAWSOptions());

    /// <summary>Binding and the AWS conventions cannot answer a value inside the options pattern: their error becomes the pattern's exception.</summary>
    private static void Bound<T>(string name, Either<ValidationError, T> result) =>
        _ = result.Match(Right: static _ => unit, Left: e => throw new OptionsValidationException(name, typeof(T), [e.ToString()]));

    private static T OrThrow<T>(Either<ValidationError, T> value) =>
        value.Match(Right: static v => v, Left: static e => throw new ActivityWorkerConfigurationException(e));

    /// <summary>Marks one registered worker: their count names the next one's options.</summary>
    private sealed record WorkerOptionsName(string Name);
}
