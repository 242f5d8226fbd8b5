using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Configuration;
using ActivityCore.Local;
using ActivityCore.Worker;
using Amazon;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>AddActivityWorker with a real Host: the options pattern, the AWS conventions, the shutdown-timeout warning.</summary>
public class WorkerHostingTests
{
    private const string Arn = "arn:aws:states:us-east-1:123456789012:activity:work";

    [Fact]
    public async Task The_AWS_section_and_AWSCredentials_in_the_container_configure_the_client()
    {
        var keys = new LocalCredentials("AKIDHOSTED", "hosted-secret");
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = ShortHold, Credentials = keys });
        var arn = local.CreateActivity("aws-section");
        var handles = Enumerable.Range(0, 3).Select(_ => local.EnqueueTask(arn, "1")).ToArray();
        var builder = Builder(new()
        {
            ["AWS:Region"] = "us-east-1",
            ["AWS:ServiceURL"] = local.ServiceUrl.ToString(),
            ["Worker:ActivityArn"] = arn,
            ["Worker:DrainTimeout"] = "1",
        });
        builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey));
        builder.Services.AddActivityWorker(builder.Configuration.GetSection("Worker"), Echo);
        using var host = builder.Build();
        await host.StartAsync();
        await Within(Task.WhenAll(handles.Select(h => h.Outcome)));
        await host.StopAsync();
        var hosted = Hosted(host);
        Assert.Equal(local.ServiceUrl, hosted.Client.Endpoint);
        Assert.Equal("us-east-1", hosted.Client.Region);
        Assert.Equal(3, local.Counters.TasksCompleted);
    }

    [Fact]
    public async Task AddDefaultAWSOptions_and_AWS_ENDPOINT_URL_SFN_from_the_environment_are_honoured()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = ShortHold });
        var arn = local.CreateActivity("environment");
        var handle = local.EnqueueTask(arn, "2");
        var builder = Builder(new() { ["Worker:ActivityArn"] = arn, ["Worker:DrainTimeout"] = "1" });
        builder.Services.AddDefaultAWSOptions(new AWSOptions { Credentials = new AnonymousAWSCredentials(), ProfilesLocation = "/nonexistent/credentials" });
        builder.Services.AddSingleton(AwsEnvironment.From(new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_SFN"] = local.ServiceUrl.ToString(),
            ["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9/",
        }));
        builder.Services.AddActivityWorker(builder.Configuration.GetSection("Worker"), Echo);
        using var host = builder.Build();
        await host.StartAsync();
        await Within(handle.Outcome);
        await host.StopAsync();
        var hosted = Hosted(host);
        Assert.Equal(local.ServiceUrl, hosted.Client.Endpoint);
        Assert.Equal(ActivityArn.Parse(arn).Match(Right: a => a.Region, Left: e => e.Message), hosted.Client.Region); // no region configured: the ARN's
    }

    [Theory]
    [InlineData("AWS_REGION", "AWS_REGION is us-east-1")]
    [InlineData("AWS_DEFAULT_REGION", "AWS_DEFAULT_REGION is us-east-1")]
    [InlineData("AWS:Region", "AWSOptions.Region (the \"AWS\" section) is us-east-1")]
    public async Task A_default_region_that_is_not_the_ARNs_gives_way_to_it_with_one_Information_line(string key, string expected)
    {
        using var logs = new CapturingLoggerProvider();
        var keys = new LocalCredentials("AKIDREGION", "region-secret");
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = ShortHold, Region = "eu-west-1", Credentials = keys });
        var arn = local.CreateActivity("elsewhere");
        var handle = local.EnqueueTask(arn, "3");
        var settings = new Dictionary<string, string?> { ["Worker:ActivityArn"] = arn, ["Worker:ServiceUrl"] = local.ServiceUrl.ToString(), ["Worker:DrainTimeout"] = "1" };
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (key.StartsWith("AWS:", StringComparison.Ordinal))
        {
            settings[key] = "us-east-1";
            settings["AWS:ProfilesLocation"] = "/nonexistent/credentials";
        }
        else
        {
            environment[key] = "us-east-1";
        }

        var builder = Builder(settings);
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.AddSingleton(AwsEnvironment.From(environment));
        builder.Services.AddActivityWorker(builder.Configuration.GetSection("Worker"), Echo,
            configureClient: c => c.Credentials = new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey));
        using var host = builder.Build();
        await host.StartAsync();
        await Within(handle.Outcome);
        await host.StopAsync();
        Assert.Equal("eu-west-1", Hosted(host).Client.Region); // signed for eu-west-1: the local endpoint verifies SigV4 in its region
        Assert.Equal(1, local.Counters.TasksCompleted);
        var overrides = logs.Records.Where(r => r.Message.Contains("the activity ARN's region is eu-west-1", StringComparison.Ordinal)).ToList();
        Assert.Equal(LogLevel.Information, Assert.Single(overrides).Level);
        Assert.Contains(expected, overrides[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_option_stops_the_start_with_an_OptionsValidationException_carrying_the_ValidationError()
    {
        var builder = Builder(new() { ["Worker:ActivityArn"] = Arn, ["Worker:Region"] = "us-east-1", ["Worker:Pollers"] = "0" });
        builder.Services.AddActivityWorker(builder.Configuration.GetSection("Worker"), Echo, configureClient: c => c.Credentials = new AnonymousAWSCredentials());
        using var host = builder.Build();
        var e = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("Pollers:", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Worker:Pollers", "many", "Pollers: must be an integer")]
    [InlineData("Worker:Region", "eu-west-1", "the Region option is eu-west-1 but the activity ARN's region is us-east-1")]
    [InlineData("Worker:PollTimeout", "10", "PollTimeout:")]
    public async Task Binding_range_and_conflict_errors_all_stop_the_start(string key, string value, string expected)
    {
        var builder = Builder(new() { ["Worker:ActivityArn"] = Arn, ["Worker:ServiceUrl"] = "http://127.0.0.1:9/", [key] = value });
        builder.Services.AddSingleton(AwsEnvironment.From(new Dictionary<string, string>()));
        builder.Services.AddActivityWorker(builder.Configuration.GetSection("Worker"), Echo, configureClient: c => c.Credentials = new AnonymousAWSCredentials());
        using var host = builder.Build();
        var e = await Assert.ThrowsAnyAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_workers_options_are_the_default_named_ones_and_a_second_worker_has_its_own()
    {
        var services = new ServiceCollection();
        var first = Section(new() { ["ActivityArn"] = Arn, ["Pollers"] = "3" });
        var second = Section(new() { ["ActivityArn"] = Arn.Replace(":work", ":other", StringComparison.Ordinal), ["Pollers"] = "5" });
        services.AddActivityWorker(first, Echo);
        services.AddActivityWorker(second, Echo);
        services.Configure<ActivityWorkerOptions>(o => o.WorkerName = "configured");
        using var provider = services.BuildServiceProvider();
        var monitor = provider.GetRequiredService<IOptionsMonitor<ActivityWorkerOptions>>();
        Assert.Equal((3, "configured"), (monitor.Get(Options.DefaultName).Pollers, monitor.Get(Options.DefaultName).WorkerName));
        Assert.Equal((5, (string?)null), (monitor.Get(ActivityWorkerServiceCollectionExtensions.SecondWorkerOptionsName).Pollers, monitor.Get(ActivityWorkerServiceCollectionExtensions.SecondWorkerOptionsName).WorkerName));
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(65.5, true)]
    [InlineData(66, false)] // 65 s poll + 1 s drain: 66 s is enough
    [InlineData(120, false)]
    public async Task A_shutdown_timeout_shorter_than_poll_plus_drain_logs_one_warning_at_start(double shutdownSeconds, bool warned)
    {
        using var logs = new CapturingLoggerProvider();
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = ShortHold });
        var builder = Builder(new()
        {
            ["Worker:ActivityArn"] = local.CreateActivity("budget"),
            ["Worker:ServiceUrl"] = local.ServiceUrl.ToString(),
            ["Worker:DrainTimeout"] = "1",
        });
        builder.Logging.ClearProviders().AddProvider(logs);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(shutdownSeconds));
        builder.Services.AddActivityWorker(builder.Configuration.GetSection("Worker"), Echo, configureClient: c => c.Credentials = new AnonymousAWSCredentials());
        using var host = builder.Build();
        await host.StartAsync();
        await host.StopAsync();
        var warnings = logs.Records.Where(r => r.Level == LogLevel.Warning && r.Message.Contains("HostOptions.ShutdownTimeout", StringComparison.Ordinal)).ToList();
        Assert.Equal(warned ? 1 : 0, warnings.Count);
        if (warned)
        {
            Assert.Contains($"({shutdownSeconds} s) is shorter than the poll timeout (65 s) plus the drain timeout (1 s)", warnings[0].Message, StringComparison.Ordinal);
            Assert.Contains("at least 66 s", warnings[0].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_hosted_worker_resolved_from_the_container_pauses_and_resumes_its_polling()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = ShortHold });
        var arn = local.CreateActivity("reach");
        var builder = Builder(new() { ["Worker:ActivityArn"] = arn, ["Worker:ServiceUrl"] = local.ServiceUrl.ToString(), ["Worker:DrainTimeout"] = "1" });
        builder.Services.AddActivityWorker(builder.Configuration.GetSection("Worker"), Echo, configureClient: c => c.Credentials = new AnonymousAWSCredentials());
        using var host = builder.Build();
        await host.StartAsync();
        var worker = host.Services.GetRequiredService<ActivityWorker>();
        Assert.IsType<WorkerHealth.Polling>(await worker.WaitForFirstPollAsync(TimeSpan.FromSeconds(5)));

        worker.PausePolling();
        await WorkerShutdownTests.WaitUntil(() => worker.PollsInFlight == 0 && local.HeldPolls(arn) == 0);
        await Task.Delay(100); // a poll is counted once its answer is written: the client may read it first
        long served = local.Counters.PollsServed;
        var queued = local.EnqueueTask(arn, "4");
        await Task.Delay(TimeSpan.FromMilliseconds(800));
        Assert.Equal(served, local.Counters.PollsServed);
        Assert.Equal(0, local.Counters.TasksDispatched);

        worker.ResumePolling();
        Assert.Equal(new LocalTaskSucceeded("4"), await Within(queued.Outcome));
        await host.StopAsync();
        Assert.Equal(WorkerPhase.Stopped, worker.Phase); // the worker the host stopped is the one resolved
    }

    [Fact]
    public async Task Every_hosted_worker_is_resolvable_by_its_options_name_and_the_last_one_by_type()
    {
        var builder = Builder(new() { ["Worker:ActivityArn"] = Arn, ["Worker:ServiceUrl"] = "http://127.0.0.1:9/" });
        builder.Services.AddActivityWorker(builder.Configuration.GetSection("Worker"), Echo, configureClient: c => c.Credentials = new AnonymousAWSCredentials());
        builder.Services.AddActivityWorker(builder.Configuration.GetSection("Worker"), Echo, configure: o => o.WorkerName = "green", configureClient: c => c.Credentials = new AnonymousAWSCredentials());
        var host = builder.Build();
        var all = host.Services.GetServices<ActivityWorker>().ToList();
        var hosted = host.Services.GetServices<IHostedService>().OfType<HostedActivityWorker>().Select(h => h.Worker).ToList();
        Assert.Equal(2, all.Count);
        Assert.Equal(hosted, all); // the same instances, in registration order
        Assert.Same(all[1], host.Services.GetRequiredService<ActivityWorker>());
        Assert.Same(all[0], host.Services.GetRequiredKeyedService<ActivityWorker>(Options.DefaultName));
        Assert.Same(all[1], host.Services.GetRequiredKeyedService<ActivityWorker>(ActivityWorkerServiceCollectionExtensions.SecondWorkerOptionsName));
        Assert.True(all[1].Settings.WorkerName.IsSome);
        all[0].PausePolling();
        Assert.True(hosted[0].IsPollingPaused);
        Assert.False(hosted[1].IsPollingPaused);
        await host.StartAsync();
        await host.StopAsync();
        await ((IAsyncDisposable)host).DisposeAsync(); // the worker and its client are disposed once, whatever the registrations
        Assert.All(all, w => Assert.Equal(WorkerPhase.Stopped, w.Phase));
    }

    private static HostApplicationBuilder Builder(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        return builder;
    }

    private static IConfiguration Section(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static HostedActivityWorker Hosted(IHost host) =>
        host.Services.GetServices<IHostedService>().OfType<HostedActivityWorker>().Single();
}
