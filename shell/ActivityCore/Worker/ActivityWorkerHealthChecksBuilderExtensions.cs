using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace ActivityCore.Worker;

/// <summary>Registers the <see cref="ActivityWorkerHealthCheck"/> of the workers added with <c>AddActivityWorker</c> on the services.</summary>
public static class ActivityWorkerHealthChecksBuilderExtensions
{
    /// <summary>The tags the check gets when none are given: it suits both a liveness and a readiness probe.</summary>
    private static readonly string[] DefaultTags = ["live", "ready"];

    /// <summary>
    /// Adds one health check over every worker registered with <c>AddActivityWorker</c> on the services
    /// (the worst status wins; see <see cref="ActivityWorkerHealthCheck"/> for the mapping). With no worker registered the
    /// check fails. Call after <c>services.AddHealthChecks()</c>, e.g. <c>services.AddHealthChecks().AddActivityWorker()</c>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status of a failing worker (not started, misconfigured, saturated, stopped); null for Unhealthy.</param>
    /// <param name="tags">The check's tags; null for <c>live</c> and <c>ready</c>.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddActivityWorker(
        this IHealthChecksBuilder builder,
        string name = "activity-worker",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return builder.Add(new HealthCheckRegistration(
            name,
            static provider => new ActivityWorkerHealthCheck(WorkersIn(provider)),
            failureStatus,
            tags ?? DefaultTags));
    }

    /// <summary>The workers the hosted services of <c>AddActivityWorker</c> run, in registration order.</summary>
    private static IEnumerable<ActivityWorker> WorkersIn(IServiceProvider provider) =>
        provider.GetServices<IHostedService>().OfType<HostedActivityWorker>().Select(static h => h.Worker);
}
