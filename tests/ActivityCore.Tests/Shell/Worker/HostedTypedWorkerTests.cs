using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Worker;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>AddActivityWorker&lt;THandler, TInput, TOutput&gt;: the handler comes from a new DI scope per task.</summary>
public class HostedTypedWorkerTests
{
    [Fact]
    public async Task Each_task_gets_a_new_scope_and_its_scoped_dependencies_are_disposed_when_the_task_ends()
    {
        var probes = new ProbeLog();
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = ShortHold });
        var arn = local.CreateActivity("scoped");
        var handles = Enumerable.Range(1, 4).Select(i => local.EnqueueTask(arn, $$"""{"Id":{{i}},"Item":"book"}""")).ToArray();
        using var host = Host(probes, services =>
            services.AddActivityWorker<OrderHandler, Order, Receipt>(Section(local, arn), TestJson.Default.Order, TestJson.Default.Receipt, configureClient: Anonymous));
        await host.StartAsync();
        var outcomes = await Within(Task.WhenAll(handles.Select(h => h.Outcome)));
        await host.StopAsync();

        var used = outcomes.Select(o => Assert.IsType<LocalTaskSucceeded>(o).Output).ToList();
        Assert.Equal(4, used.Distinct().Count()); // one probe per task: none shared
        Assert.Equal(4, probes.Created.Count);
        Assert.Equal(probes.Created.OrderBy(id => id), probes.Disposed.OrderBy(id => id)); // each disposed
        Assert.Empty(probes.UsedAfterDisposal);
    }

    /// <summary>The output is serialised inside the task's scope: an output that reads a scoped dependency lazily still finds it alive.</summary>
    [Fact]
    public async Task The_output_is_serialised_before_the_scope_is_disposed()
    {
        var probes = new ProbeLog();
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = ShortHold });
        var arn = local.CreateActivity("lazy");
        var handle = local.EnqueueTask(arn, """{"Id":1,"Item":"book"}""");
        using var host = Host(probes, services =>
            services.AddActivityWorker<LazyHandler, Order, LazyReceipt>(Section(local, arn), TestJson.Default.Order, TestJson.Default.LazyReceipt, configureClient: Anonymous));
        await host.StartAsync();
        var outcome = await Within(handle.Outcome);
        await host.StopAsync();

        Assert.Equal(new LocalTaskSucceeded("""{"Status":"probe 1"}"""), outcome);
        Assert.Empty(probes.UsedAfterDisposal);
        Assert.Equal(probes.Created, probes.Disposed);
    }

    [Fact]
    public async Task The_reflection_form_runs_the_same_handler_with_web_json()
    {
        var probes = new ProbeLog();
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = ShortHold });
        var arn = local.CreateActivity("reflection");
        var handle = local.EnqueueTask(arn, """{"id":9,"item":"pen"}""");
        using var host = Host(probes, services =>
            services.AddActivityWorker<OrderHandler, Order, Receipt>(Section(local, arn), configureClient: Anonymous));
        await host.StartAsync();
        var outcome = await Within(handle.Outcome);
        await host.StopAsync();
        Assert.Equal(new LocalTaskSucceeded("""{"id":9,"status":"pen by probe 1"}"""), outcome);
        Assert.Equal(probes.Created, probes.Disposed);
    }

    [Fact]
    public async Task The_typed_hosted_worker_is_resolvable_and_pauses()
    {
        var probes = new ProbeLog();
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = ShortHold });
        var arn = local.CreateActivity("typed-reach");
        using var host = Host(probes, services =>
            services.AddActivityWorker<OrderHandler, Order, Receipt>(Section(local, arn), TestJson.Default.Order, TestJson.Default.Receipt, configureClient: Anonymous));
        var worker = host.Services.GetRequiredService<ActivityWorker>();
        worker.PausePolling(); // before the start: the host's worker starts paused
        await host.StartAsync();
        var handle = local.EnqueueTask(arn, """{"Id":3,"Item":"cup"}""");
        await Task.Delay(TimeSpan.FromMilliseconds(600));
        Assert.Equal(0, local.Counters.PollsServed);
        Assert.False(handle.Outcome.IsCompleted);
        worker.ResumePolling();
        Assert.IsType<LocalTaskSucceeded>(await Within(handle.Outcome));
        await host.StopAsync();
        Assert.Equal(WorkerPhase.Stopped, worker.Phase);
    }

    private static void Anonymous(ActivityClientOptions c) => c.Credentials = new AnonymousAWSCredentials();

    private static IConfiguration Section(LocalStepFunctions local, string arn) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ActivityArn"] = arn,
            ["ServiceUrl"] = local.ServiceUrl.ToString(),
            ["Pollers"] = "2",
            ["DrainTimeout"] = "1",
        }).Build();

    private static IHost Host(ProbeLog probes, Action<IServiceCollection> add)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(probes);
        builder.Services.AddScoped<ScopedProbe>();
        add(builder.Services);
        return builder.Build();
    }

    /// <summary>What the scoped probes saw: created, disposed, and used once disposed (never, if scopes end with their task).</summary>
    internal sealed class ProbeLog
    {
        private int next;

        public ConcurrentQueue<int> Created { get; } = new();

        public ConcurrentQueue<int> Disposed { get; } = new();

        public ConcurrentQueue<int> UsedAfterDisposal { get; } = new();

        public int Next()
        {
            int id = Interlocked.Increment(ref next);
            Created.Enqueue(id);
            return id;
        }
    }

    /// <summary>A scoped dependency, like a DbContext.</summary>
    internal sealed class ScopedProbe(ProbeLog log) : IDisposable
    {
        private int disposed;

        public int Id { get; } = log.Next();

        public string Use()
        {
            if (Volatile.Read(ref disposed) == 1)
            {
                log.UsedAfterDisposal.Enqueue(Id);
            }

            return "probe " + Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                log.Disposed.Enqueue(Id);
            }
        }
    }

    /// <summary>The typed handler, resolved per task with its scoped probe.</summary>
    internal sealed class OrderHandler(ScopedProbe probe) : IActivityHandler<Order, Receipt>
    {
        public async Task<HandlerResult<Receipt>> HandleAsync(Order input, ActivityContext context, CancellationToken cancellationToken)
        {
            await Task.Delay(20, cancellationToken);
            return new Receipt(input.Id, $"{input.Item} by {probe.Use()}");
        }
    }

    /// <summary>A typed handler whose output reads its scoped probe only when serialised.</summary>
    internal sealed class LazyHandler(ScopedProbe probe) : IActivityHandler<Order, LazyReceipt>
    {
        public Task<HandlerResult<LazyReceipt>> HandleAsync(Order input, ActivityContext context, CancellationToken cancellationToken) =>
            Task.FromResult<HandlerResult<LazyReceipt>>(new LazyReceipt(probe.Use));
    }
}
