using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using ActivityCore.Worker.Policies;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Shell.Worker;

public class WorkerOptionsTests
{
    private const string Arn = "arn:aws:states:us-east-1:123456789012:activity:work";

    public static TheoryData<string, Action<ActivityWorkerOptions>> OutOfRange => new()
    {
        { "ActivityArn", o => o.ActivityArn = null },
        { "ActivityArn", o => o.ActivityArn = "arn:aws:states:us-east-1:123456789012:stateMachine:x" },
        { "WorkerName", o => o.WorkerName = new string('w', 81) },
        { "Pollers", o => o.Pollers = 0 },
        { "Pollers", o => o.Pollers = 1001 },
        { "MaxPollers", o => o.MaxPollers = 1001 },
        { "MaxPollers", o => o.MaxPollers = 0 },
        { "MaxTasksInFlight", o => o.MaxTasksInFlight = 0 },
        { "HeartbeatInterval", o => o.HeartbeatInterval = TimeSpan.FromMilliseconds(99) },
        { "HandlerTimeout", o => o.HandlerTimeout = TimeSpan.Zero },
        { "DrainTimeout", o => o.DrainTimeout = TimeSpan.FromSeconds(-1) },
        { "DrainTimeout", o => o.DrainTimeout = TimeSpan.FromHours(2) },
        { "PollBackoffBase", o => o.PollBackoffBase = TimeSpan.FromSeconds(21) },
        { "PollBackoffMax", o => o.PollBackoffMax = TimeSpan.FromMilliseconds(1) },
        { "TimeProvider", o => o.TimeProvider = null! },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void An_option_out_of_range_is_a_typed_error(string field, Action<ActivityWorkerOptions> spoil)
    {
        var options = new ActivityWorkerOptions { ActivityArn = Arn };
        spoil(options);
        var error = WorkerSettings.From(options).Match(Right: _ => throw new InvalidOperationException("accepted"), Left: e => e);
        Assert.StartsWith(field, error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_as_documented()
    {
        var s = WorkerSettings.From(new ActivityWorkerOptions { ActivityArn = Arn }).Match(Right: s => s, Left: e => throw new InvalidOperationException(e.ToString()));
        Assert.Equal(4, s.Pollers);
        Assert.Equal(16, s.MaxPollers); // autoscaling 4..64, capped by MaxTasksInFlight
        Assert.Equal(16, s.MaxTasksInFlight);
        Assert.Equal(TimeSpan.FromSeconds(30), (TimeSpan)s.HeartbeatInterval);
        Assert.True(s.HandlerTimeout.IsNone);
        Assert.Equal(TimeSpan.FromSeconds(30), s.DrainTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), s.PollBackoff.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), s.PollBackoff.MaxBackoff);
        Assert.True(s.WorkerName.IsNone);
    }

    [Fact]
    public void Max_pollers_default_to_a_fixed_count_and_are_capped_by_the_tasks_in_flight()
    {
        static WorkerSettings Settings(Action<ActivityWorkerOptions> set)
        {
            var options = new ActivityWorkerOptions { ActivityArn = Arn };
            set(options);
            return WorkerSettings.From(options).Match(Right: s => s, Left: e => throw new InvalidOperationException(e.ToString()));
        }

        var byDefault = Settings(static _ => { });
        Assert.Equal((4, 16, true), (byDefault.Pollers, byDefault.MaxPollers, byDefault.ScalesPollers)); // 4..64, capped by 16 tasks in flight
        var fixedCount = Settings(static o => o.MaxPollers = null);
        Assert.Equal((4, 4, false), (fixedCount.Pollers, fixedCount.MaxPollers, fixedCount.ScalesPollers));
        var below = Settings(static o => (o.Pollers, o.MaxPollers) = (8, 2));
        Assert.Equal((8, 8, false), (below.Pollers, below.MaxPollers, below.ScalesPollers)); // at or below Pollers: a fixed count
        var scaling = Settings(static o => (o.Pollers, o.MaxPollers, o.MaxTasksInFlight) = (1, 64, 100));
        Assert.Equal((1, 64, true), (scaling.Pollers, scaling.MaxPollers, scaling.ScalesPollers));
        var capped = Settings(static o => (o.Pollers, o.MaxPollers, o.MaxTasksInFlight) = (2, 64, 16));
        Assert.Equal((2, 16), (capped.Pollers, capped.MaxPollers));
        var same = Settings(static o => (o.Pollers, o.MaxPollers) = (3, 3));
        Assert.False(same.ScalesPollers);
    }

    [Fact]
    public void Max_pollers_out_of_range_say_the_range_and_the_value()
    {
        var options = new ActivityWorkerOptions { ActivityArn = Arn, MaxPollers = 1001 };
        var error = WorkerSettings.From(options).Match(Right: _ => throw new InvalidOperationException("accepted"), Left: e => e);
        Assert.Equal("MaxPollers", error.Field);
        Assert.Contains("1..1000", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("is 1001", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Max_pollers_bind_from_configuration_and_none_clears_them()
    {
        static ActivityWorkerOptions Bind(string? text, int? before) =>
            WorkerConfiguration.Bind(
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Pollers"] = "1", ["MaxPollers"] = text }).Build(),
                new ActivityWorkerOptions { MaxPollers = before }).Match(Right: o => o, Left: e => throw new InvalidOperationException(e.ToString()));

        Assert.Equal(64, Bind("64", null).MaxPollers);
        Assert.Null(Bind("none", 8).MaxPollers);
        Assert.Equal(8, Bind(null, 8).MaxPollers);
        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MaxPollers"] = "lots" }).Build();
        Assert.Equal("MaxPollers", WorkerConfiguration.Bind(bad, new ActivityWorkerOptions()).Match(Right: _ => "", Left: e => e.Field));
    }

    [Fact]
    public void Options_bind_from_configuration()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ActivityArn"] = Arn,
            ["WorkerName"] = "w1",
            ["Pollers"] = "7",
            ["MaxTasksInFlight"] = "70",
            ["HeartbeatInterval"] = "none",
            ["HandlerTimeout"] = "00:02:00",
            ["DrainTimeout"] = "2.5",
        }).Build();
        var o = WorkerConfiguration.Bind(config, new ActivityWorkerOptions()).Match(Right: o => o, Left: e => throw new InvalidOperationException(e.ToString()));
        Assert.Equal((Arn, "w1", 7, 70), (o.ActivityArn, o.WorkerName, o.Pollers, o.MaxTasksInFlight));
        Assert.Null(o.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromMinutes(2), o.HandlerTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2.5), o.DrainTimeout);
        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Pollers"] = "many" }).Build();
        Assert.Equal("Pollers", WorkerConfiguration.Bind(bad, new ActivityWorkerOptions()).Match(Right: _ => "", Left: e => e.Field));
    }

    [Fact]
    public void Client_options_bind_from_the_same_section()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Region"] = "eu-west-1",
            ["ServiceUrl"] = "http://127.0.0.1:9999/",
            ["PollTimeout"] = "70",
            ["RequestTimeout"] = "00:00:05",
            ["MaxAttempts"] = "5",
            ["UseFips"] = "false",
        }).Build();
        var c = WorkerConfiguration.BindClient(config, new ActivityClientOptions()).Match(Right: c => c, Left: e => throw new InvalidOperationException(e.ToString()));
        Assert.Equal(("eu-west-1", new Uri("http://127.0.0.1:9999/"), TimeSpan.FromSeconds(70), TimeSpan.FromSeconds(5), 5), (c.Region, c.ServiceUrl, c.PollTimeout, c.RequestTimeout, c.MaxAttempts));
        var none = WorkerConfiguration.BindClient(new ConfigurationBuilder().Build(), new ActivityClientOptions()).Match(Right: c => c, Left: e => throw new InvalidOperationException(e.ToString()));
        Assert.Null(none.ServiceUrl); // absent keys keep the defaults (no null inside an Either)
        var bad = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ServiceUrl"] = "not a url" }).Build();
        Assert.Equal("ServiceUrl", WorkerConfiguration.BindClient(bad, new ActivityClientOptions()).Match(Right: _ => "", Left: e => e.Field));
    }

    [Fact]
    public async Task AddActivityWorker_runs_a_worker_with_the_host_and_stops_it_with_the_host()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = ShortHold });
        var arn = local.CreateActivity("hosted");
        var handles = Enumerable.Range(0, 10).Select(i => local.EnqueueTask(arn, "1")).ToArray();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Worker:ActivityArn"] = arn,
            ["Worker:Region"] = "us-east-1",
            ["Worker:ServiceUrl"] = local.ServiceUrl.ToString(),
            ["Worker:Pollers"] = "2",
            ["Worker:DrainTimeout"] = "1",
        });
        builder.Services.AddActivityWorker(builder.Configuration.GetSection("Worker"), Echo,
            configureClient: c => c.Credentials = new Amazon.Runtime.BasicAWSCredentials("AKIDEXAMPLE", "secret"));
        using var host = builder.Build();
        await host.StartAsync();
        await Within(Task.WhenAll(handles.Select(h => h.Outcome)));
        await host.StopAsync();
        Assert.Equal(10, local.Counters.TasksCompleted);
        Assert.Equal(0, local.Counters.DeliveriesLost);
        var hosted = Assert.IsType<HostedActivityWorker>(host.Services.GetServices<IHostedService>().Single(s => s is HostedActivityWorker));
        Assert.Equal(WorkerPhase.Stopped, hosted.Worker.Phase);
    }

    [Fact]
    public void AddActivityWorker_throws_the_options_patterns_error_for_a_bad_option_when_resolved()
    {
        var services = new ServiceCollection();
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ActivityArn"] = Arn,
            ["Region"] = "us-east-1",
            ["Pollers"] = "0",
        }).Build();
        services.AddActivityWorker(config, Echo, configureClient: c => c.Credentials = new Amazon.Runtime.BasicAWSCredentials("a", "b"));
        using var provider = services.BuildServiceProvider();
        var e = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetServices<IHostedService>().ToList());
        Assert.StartsWith("Pollers:", Assert.Single(e.Failures), StringComparison.Ordinal);
    }
}
