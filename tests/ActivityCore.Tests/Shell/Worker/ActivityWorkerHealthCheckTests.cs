using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Local.Protocol;
using ActivityCore.Worker;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>
/// <see cref="ActivityWorkerHealthCheck"/> through the real health check service (<c>AddHealthChecks().AddActivityWorker()</c>,
/// <see cref="HealthCheckService"/>) over workers added with <c>AddActivityWorker</c>, against the local endpoint.
/// </summary>
public class ActivityWorkerHealthCheckTests
{
    private const string AccessKey = "AKIDHEALTHCHECK";
    private const string SecretKey = "health-check-secret-key";

    [Fact]
    public async Task Unhealthy_before_the_start_Healthy_while_polling_Unhealthy_after_the_stop()
    {
        await using var f = await StartAsync();
        await using var app = Services(f, (f.Arn, Echo, null));
        var before = await app.CheckAsync();
        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Equal("not started", before.Description);
        Assert.Equal("NotStarted", before.Data["health"]);
        Assert.Equal(new[] { "live", "ready" }, before.Tags.Order(StringComparer.Ordinal));

        await app.StartAsync();
        Assert.IsType<WorkerHealth.Polling>(await app.Workers[0].WaitForFirstPollAsync(TimeSpan.FromSeconds(5)));
        var polling = await app.CheckAsync();
        Assert.Equal(HealthStatus.Healthy, polling.Status);
        Assert.Equal("polls are answered", polling.Description);
        Assert.Equal("Running", polling.Data["phase"]);
        Assert.Equal("test-worker", polling.Data["worker"]);
        Assert.False((bool)polling.Data["pollingPaused"]);
        Assert.Equal(0, polling.Data["orphanedHandlers"]);
        Assert.InRange((int)polling.Data["pollsInFlight"], 0, 4);

        await app.StopAsync();
        var after = await app.CheckAsync();
        Assert.Equal(HealthStatus.Unhealthy, after.Status);
        Assert.Equal("stopped", after.Description);
    }

    [Fact]
    public async Task A_missing_activity_is_Unhealthy_with_its_code_and_the_advice()
    {
        await using var f = await StartAsync();
        await using var app = Services(f, (f.Arn.Replace(":activity:work", ":activity:missing", StringComparison.Ordinal), Echo, null));
        await app.StartAsync();
        Assert.IsType<WorkerHealth.Misconfigured>(await app.Workers[0].WaitForFirstPollAsync(TimeSpan.FromSeconds(5)));

        var entry = await app.CheckAsync();
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.StartsWith("cannot poll (ActivityDoesNotExist): the activity does not exist: create it", entry.Description, StringComparison.Ordinal);
        Assert.Equal("ActivityDoesNotExist", entry.Data["errorCode"]);
        Assert.Equal("Configuration", entry.Data["errorKind"]);
        App.AssertNoSecret(entry);
    }

    [Fact]
    public async Task Transient_poll_failures_are_Degraded_with_the_code_and_Healthy_again_once_they_heal()
    {
        await using var f = await StartAsync(maxAttempts: 1);
        f.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.Error(503, "ServiceUnavailable", "unavailable message " + SecretKey), times: 1_000_000);
        await using var app = Services(f, (f.Arn, Echo, null));
        await app.StartAsync();
        await WorkerShutdownTests.WaitUntil(() => app.Workers[0].Health is WorkerHealth.Degraded);

        var entry = await app.CheckAsync();
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.StartsWith("polls failing (ServiceUnavailable, ", entry.Description, StringComparison.Ordinal);
        Assert.Equal("ServiceUnavailable", entry.Data["errorCode"]);
        Assert.True((int)entry.Data["consecutiveFailures"] >= 1);
        App.AssertNoSecret(entry);

        f.Local.Faults.Clear();
        await WorkerShutdownTests.WaitUntil(() => app.Workers[0].Health is WorkerHealth.Polling);
        Assert.Equal(HealthStatus.Healthy, (await app.CheckAsync()).Status);
    }

    [Fact]
    public async Task Orphans_at_their_cap_are_Unhealthy()
    {
        await using var f = await StartAsync();
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        f.Local.EnqueueTask(f.Arn, "1");
        await using var app = Services(f, (f.Arn, async (task, _) =>
        {
            await never.Task; // ignores its token: an orphan once the handler timeout fails its task
            return Output(task.Input.Json);
        }, o => { o.HandlerTimeout = TimeSpan.FromMilliseconds(200); o.MaxOrphanedHandlers = 1; }));
        try
        {
            await app.StartAsync();
            await WorkerShutdownTests.WaitUntil(() => app.Workers[0].Health is WorkerHealth.Saturated);
            var entry = await app.CheckAsync();
            Assert.Equal(HealthStatus.Unhealthy, entry.Status);
            Assert.Equal("1 orphaned handlers reached the cap (1): no new task is taken", entry.Description);
            Assert.Equal(1, entry.Data["orphanedHandlers"]);
            Assert.Equal(1, entry.Data["maxOrphanedHandlers"]);
        }
        finally
        {
            never.TrySetResult();
        }

        await WorkerShutdownTests.WaitUntil(() => app.Workers[0].Health is WorkerHealth.Polling);
        Assert.Equal(HealthStatus.Healthy, (await app.CheckAsync()).Status);
    }

    [Fact]
    public async Task A_paused_worker_is_Degraded_and_says_so_until_resumed()
    {
        await using var f = await StartAsync();
        await using var app = Services(f, (f.Arn, Echo, null));
        await app.StartAsync();
        await app.Workers[0].WaitForFirstPollAsync(TimeSpan.FromSeconds(5));
        app.Workers[0].PausePolling();

        var paused = await app.CheckAsync();
        Assert.Equal(HealthStatus.Degraded, paused.Status);
        Assert.Equal("polls are answered; paused: no new poll starts until polling is resumed", paused.Description);
        Assert.True((bool)paused.Data["pollingPaused"]);

        app.Workers[0].ResumePolling();
        Assert.Equal(HealthStatus.Healthy, (await app.CheckAsync()).Status);
    }

    [Fact]
    public async Task The_failure_status_name_and_tags_of_the_registration_are_used_and_tags_filter()
    {
        await using var f = await StartAsync();
        await using var app = Services(f, (f.Arn, Echo, null), checks => checks.AddActivityWorker("jobs", HealthStatus.Degraded, ["ready"]));
        var report = await app.Checks.CheckHealthAsync();
        var entry = Assert.Single(report.Entries);
        Assert.Equal("jobs", entry.Key);
        Assert.Equal(HealthStatus.Degraded, entry.Value.Status); // not started, with a Degraded failure status
        Assert.Single((await app.Checks.CheckHealthAsync(r => r.Tags.Contains("ready"))).Entries);
        Assert.Empty((await app.Checks.CheckHealthAsync(r => r.Tags.Contains("live"))).Entries);
    }

    [Fact]
    public async Task One_check_covers_every_worker_and_the_worst_wins()
    {
        await using var f = await StartAsync();
        await using var app = Services(
            f,
            (f.Arn, Echo, null),
            (f.Arn.Replace(":activity:work", ":activity:missing", StringComparison.Ordinal), Echo, o => o.WorkerName = "second"));
        await app.StartAsync();
        await Task.WhenAll(app.Workers.Select(w => w.WaitForFirstPollAsync(TimeSpan.FromSeconds(5))));

        var entry = await app.CheckAsync();
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal(2, entry.Data["workers"]);
        Assert.Equal("Polling", entry.Data["0.health"]);
        Assert.Equal("Misconfigured", entry.Data["1.health"]);
        Assert.Equal("second", entry.Data["1.worker"]);
        Assert.StartsWith("worker 0 (test-worker): polls are answered; worker 1 (second): cannot poll (ActivityDoesNotExist)", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_worker_registered_the_check_fails()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHealthChecks().AddActivityWorker();
        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Equal("no activity worker is registered", report.Entries["activity-worker"].Description);
    }

    [Fact]
    public async Task The_check_works_without_dependency_injection_over_a_worker_of_one_s_own()
    {
        await using var f = await StartAsync();
        await using var worker = f.Worker(Echo);
        var check = new ActivityWorkerHealthCheck(worker);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        await worker.StartAsync();
        await worker.WaitForFirstPollAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Throws<ArgumentException>(() => new ActivityWorkerHealthCheck([worker, null!]));
    }

    /// <summary>A container with the workers (each: its ARN, handler, options adjustment) and the health checks.</summary>
    private static App Services(
        WorkerFixture f,
        (string Arn, Func<ActivityTask, CancellationToken, Task<LanguageExt.Either<TaskFailure, TaskOutput>>> Handler, Action<ActivityWorkerOptions>? Configure) first,
        Func<IHealthChecksBuilder, IHealthChecksBuilder>? checks = null) =>
        Services(f, [first], checks);

    private static App Services(
        WorkerFixture f,
        (string Arn, Func<ActivityTask, CancellationToken, Task<LanguageExt.Either<TaskFailure, TaskOutput>>> Handler, Action<ActivityWorkerOptions>? Configure) first,
        (string Arn, Func<ActivityTask, CancellationToken, Task<LanguageExt.Either<TaskFailure, TaskOutput>>> Handler, Action<ActivityWorkerOptions>? Configure) second) =>
        Services(f, [first, second], null);

    private static App Services(
        WorkerFixture f,
        (string Arn, Func<ActivityTask, CancellationToken, Task<LanguageExt.Either<TaskFailure, TaskOutput>>> Handler, Action<ActivityWorkerOptions>? Configure)[] workers,
        Func<IHealthChecksBuilder, IHealthChecksBuilder>? checks)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        foreach (var (arn, handler, configure) in workers)
        {
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ActivityArn"] = arn,
                ["WorkerName"] = "test-worker",
                ["Region"] = "us-east-1",
                ["ServiceUrl"] = f.Local.ServiceUrl.ToString(),
                ["MaxAttempts"] = "1",
                ["Pollers"] = "2",
                ["DrainTimeout"] = "1",
                ["PollBackoffBase"] = "0.01",
                ["PollBackoffMax"] = "0.1",
            }).Build();
            services.AddActivityWorker(config, handler, configure, c => c.Credentials = new BasicAWSCredentials(AccessKey, SecretKey));
        }

        var builder = services.AddHealthChecks();
        (checks ?? (static b => b.AddActivityWorker()))(builder);
        return new App(services.BuildServiceProvider());
    }

    /// <summary>The container, its workers and the health check service.</summary>
    private sealed class App(ServiceProvider provider) : IAsyncDisposable
    {
        private readonly IHostedService[] hosted = [.. provider.GetServices<IHostedService>().OfType<HostedActivityWorker>()];

        public HealthCheckService Checks { get; } = provider.GetRequiredService<HealthCheckService>();

        public ActivityWorker[] Workers => [.. hosted.Cast<HostedActivityWorker>().Select(h => h.Worker)];

        public async Task StartAsync()
        {
            foreach (var service in hosted)
            {
                await service.StartAsync(CancellationToken.None);
            }
        }

        public async Task StopAsync()
        {
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }
        }

        /// <summary>Runs every check and returns the one entry (the report's status is the entry's).</summary>
        public async Task<HealthReportEntry> CheckAsync()
        {
            var report = await Checks.CheckHealthAsync();
            var entry = Assert.Single(report.Entries);
            Assert.Equal("activity-worker", entry.Key);
            Assert.Equal(entry.Value.Status, report.Status);
            return entry.Value;
        }

        public static void AssertNoSecret(HealthReportEntry entry)
        {
            var texts = entry.Data.Values.Select(v => v.ToString() ?? string.Empty).Append(entry.Description ?? string.Empty).ToList();
            foreach (string secret in new[] { AccessKey, SecretKey, "message" })
            {
                Assert.DoesNotContain(texts, t => t.Contains(secret, StringComparison.Ordinal));
            }

            Assert.Null(entry.Exception);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            await provider.DisposeAsync();
        }
    }
}
