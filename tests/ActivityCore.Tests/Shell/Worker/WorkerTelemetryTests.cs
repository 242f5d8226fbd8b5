using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Worker;
using LanguageExt;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>The worker's spans and metrics, read through the real OpenTelemetry SDK and its in-memory exporter.</summary>
public class WorkerTelemetryTests
{
    [Fact]
    public async Task A_task_is_one_process_span_by_the_messaging_conventions_parent_of_its_report()
    {
        using var otel = new OpenTelemetryCapture();
        await using var f = await StartAsync();
        string name = Unique("otel-ok");
        var handle = f.Local.EnqueueTask(f.Arn, "{\"a\":1}");
        await using var worker = f.Worker((t, c) =>
        {
            using var work = OpenTelemetryCapture.TestSource.StartActivity("handler work");
            return Echo(t, c);
        }, o => { o.WorkerName = name; o.Pollers = 1; });
        await worker.StartAsync();
        Assert.IsType<LocalTaskSucceeded>(await Within(handle.Outcome));
        await worker.StopAsync();

        var span = Assert.Single(TaskSpans(otel, name));
        Assert.Equal("process work", span.DisplayName);
        Assert.Equal(ActivityKind.Consumer, span.Kind);
        var tags = Tags(span);
        Assert.Equal("aws_step_functions", tags["messaging.system"]);
        Assert.Equal("process", tags["messaging.operation.type"]);
        Assert.Equal("process", tags["messaging.operation.name"]);
        Assert.Equal("work", tags["messaging.destination.name"]);
        Assert.Equal(f.Arn, tags["aws.step_functions.activity.arn"]);
        Assert.Equal("succeeded", tags["activitycore.task.outcome"]);
        Assert.Matches("^[0-9a-f]+$", tags["activitycore.task.token_fingerprint"]);
        Assert.False(tags.ContainsKey("messaging.message.id")); // the token is the only id, and it is secret
        Assert.False(tags.ContainsKey("error.type"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);

        // The handler's own spans and the report's client span are its children.
        var children = otel.SpansOf(span.TraceId).Where(s => s.ParentSpanId == span.SpanId).ToArray();
        Assert.Equal(["SFN.SendTaskSuccess", "handler work"], children.Select(c => c.DisplayName).Order(StringComparer.Ordinal));
        Assert.Equal(ActivityKind.Client, children.Single(c => c.DisplayName == "SFN.SendTaskSuccess").Kind);
    }

    [Fact]
    public async Task A_handler_timeout_and_a_task_ended_by_the_service_are_errors_of_the_task_span()
    {
        using var otel = new OpenTelemetryCapture();
        await using var f = await StartAsync();
        string slow = Unique("otel-slow");
        string ended = Unique("otel-ended");
        static async Task<Either<TaskFailure, TaskOutput>> Hang(ActivityTask t, System.Threading.CancellationToken c)
        {
            await Task.Delay(TimeSpan.FromSeconds(10), c);
            return Output("1");
        }

        var timedOut = f.Local.EnqueueTask(f.Arn, "1");
        await using (var worker = f.Worker(Hang, o => { o.WorkerName = slow; o.Pollers = 1; o.HandlerTimeout = TimeSpan.FromMilliseconds(100); }))
        {
            await worker.StartAsync();
            Assert.Equal(WorkerErrorCodes.HandlerTimeout, Assert.IsType<LocalTaskFailed>(await Within(timedOut.Outcome)).Error);
            await worker.StopAsync();
        }

        var gone = f.Local.EnqueueTask(f.Arn, "1", new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromMilliseconds(200) });
        await using (var worker = f.Worker(Hang, o => { o.WorkerName = ended; o.Pollers = 1; o.HeartbeatInterval = TimeSpan.FromMilliseconds(600); }))
        {
            await worker.StartAsync();
            Assert.IsType<LocalTaskTimedOut>(await Within(gone.Outcome));
            await WorkerShutdownTests.WaitUntil(() => worker.TasksInHand == 0);
            await worker.StopAsync();
        }

        var timeout = Assert.Single(TaskSpans(otel, slow));
        Assert.Equal(WorkerErrorCodes.HandlerTimeout, Tags(timeout)["error.type"]);
        Assert.Equal(ActivityStatusCode.Error, timeout.Status);
        var over = Assert.Single(TaskSpans(otel, ended));
        Assert.Equal(WorkerTelemetry.TaskEndedError, Tags(over)["error.type"]);
        Assert.Equal("ended", Tags(over)["activitycore.task.outcome"]);
        Assert.Equal(ActivityStatusCode.Error, over.Status);
        Assert.Contains(otel.SpansOf(over.TraceId), s => s.ParentSpanId == over.SpanId && s.DisplayName == "SFN.SendTaskHeartbeat"
            && Equals(s.GetTagItem("error.type"), "TaskTimedOut"));
    }

    /// <summary>A handler that ignores its token outlives its task (an orphan): the task's span still ends at the report, not when the orphan returns.</summary>
    [Fact]
    public async Task The_task_span_ends_at_the_report_even_while_an_orphaned_handler_still_runs()
    {
        using var otel = new OpenTelemetryCapture();
        await using var f = await StartAsync();
        string name = Unique("otel-orphan");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        await using var worker = f.Worker(async (t, _) =>
        {
            await release.Task; // ignores its token
            return Output("1");
        }, o => { o.WorkerName = name; o.Pollers = 1; o.HandlerTimeout = TimeSpan.FromMilliseconds(100); });
        await worker.StartAsync();
        try
        {
            Assert.Equal(WorkerErrorCodes.HandlerTimeout, Assert.IsType<LocalTaskFailed>(await Within(handle.Outcome)).Error);
            await WorkerShutdownTests.WaitUntil(() => worker.OrphanedHandlers == 1 && TaskSpans(otel, name).Length > 0);

            var span = Assert.Single(TaskSpans(otel, name));
            Assert.Equal(WorkerErrorCodes.HandlerTimeout, Tags(span)["error.type"]);
            Assert.Equal(1, worker.OrphanedHandlers); // the span ended while the handler still runs
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task A_failed_task_has_error_type_its_error_name_or_exception_type_and_the_Error_status()
    {
        using var otel = new OpenTelemetryCapture();
        await using var f = await StartAsync();
        string name = Unique("otel-fail");
        var inputs = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var odd = f.Local.EnqueueTask(f.Arn, "1");
        var thrown = f.Local.EnqueueTask(f.Arn, "2");
        await using var worker = f.Worker((t, _) =>
        {
            inputs[t.Token.Fingerprint] = t.Input.Json;
            return t.Input.Json == "1"
                ? Task.FromResult(Left<TaskFailure, TaskOutput>(TaskFailure.Bounded("Odd", "an odd input")))
                : throw new InvalidOperationException("no");
        }, o => { o.WorkerName = name; o.Pollers = 1; });
        await worker.StartAsync();
        await Within(Task.WhenAll(odd.Outcome, thrown.Outcome));
        await worker.StopAsync();

        var spans = TaskSpans(otel, name).ToDictionary(s => inputs[Tags(s)["activitycore.task.token_fingerprint"]], StringComparer.Ordinal);
        Assert.Equal("Odd", Tags(spans["1"])["error.type"]);
        Assert.Equal("System.InvalidOperationException", Tags(spans["2"])["error.type"]);
        Assert.All(spans.Values, s =>
        {
            Assert.Equal(ActivityStatusCode.Error, s.Status);
            Assert.Equal("failed", Tags(s)["activitycore.task.outcome"]);
            Assert.Equal("SFN.SendTaskFailure", Assert.Single(otel.SpansOf(s.TraceId), c => c.ParentSpanId == s.SpanId).DisplayName);
        });
    }

    [Fact]
    public async Task The_gauges_count_the_task_in_hand_and_the_polls_open_and_every_instrument_is_exported()
    {
        using var otel = new OpenTelemetryCapture();
        await using var f = await StartAsync(hold: TimeSpan.FromSeconds(3));
        string name = Unique("otel-gauges");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handle = f.Local.EnqueueTask(f.Arn, "1");
        await using var worker = f.Worker(async (t, c) =>
        {
            await gate.Task;
            return Output(t.Input.Json);
        }, o => { o.WorkerName = name; o.Pollers = 2; o.MaxPollers = null; o.MaxTasksInFlight = 4; });
        await worker.StartAsync();

        // A task in hand, and both pollers (a fixed count: scaling would add a third) held by the endpoint (3 s): the collection reads the worker's counts.
        await WorkerShutdownTests.WaitUntil(() => worker.TasksInHand == 1 && worker.PollsInFlight == 2);
        var held = otel.CollectMetrics();
        Assert.Equal(1, Point(held, WorkerTelemetry.TasksInFlight, name));
        Assert.Equal(2, Point(held, WorkerTelemetry.PollsInFlight, name));
        Assert.Equal(OpenTelemetry.Metrics.MetricType.LongSumNonMonotonic, MetricType(held, WorkerTelemetry.TasksInFlight)); // an up-down counter

        gate.SetResult();
        Assert.IsType<LocalTaskSucceeded>(await Within(handle.Outcome));
        await WorkerShutdownTests.WaitUntil(() => worker.TasksInHand == 0);
        var done = otel.CollectMetrics();
        Assert.Equal(0, Point(done, WorkerTelemetry.TasksInFlight, name));
        Assert.Equal(1, Point(done, WorkerTelemetry.TasksStarted, name));
        Assert.Equal(1, Point(done, WorkerTelemetry.TasksSucceeded, name));
        Assert.Equal(1, Point(done, WorkerTelemetry.HandlerDuration, name)); // one handler run recorded
        Assert.True(Point(done, WorkerTelemetry.Polls, name) >= 1);
        await worker.StopAsync();
    }

    [Fact]
    public async Task A_hosted_worker_takes_its_meter_from_the_containers_IMeterFactory()
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddActivityWorker(Configuration(), Echo, configureClient: c => c.Credentials = new Amazon.Runtime.BasicAWSCredentials("a", "b"));
        await using var provider = services.BuildServiceProvider();

        var hosted = Assert.IsType<HostedActivityWorker>(Assert.Single(provider.GetServices<IHostedService>()));
        var meter = hosted.Worker.Telemetry.Meter;
        Assert.Same(provider.GetRequiredService<IMeterFactory>(), meter.Scope);
        Assert.Equal(WorkerTelemetry.MeterName, meter.Name);
        Assert.Contains(meter.Tags ?? [], t => t.Key == "activitycore.worker" && Equals(t.Value, "hosted-otel"));
    }

    [Fact]
    public async Task Without_a_factory_the_worker_has_a_meter_of_its_own_disposed_with_it()
    {
        var services = new ServiceCollection();
        services.AddActivityWorker(Configuration(), Echo, configureClient: c => c.Credentials = new Amazon.Runtime.BasicAWSCredentials("a", "b"));
        Meter meter;
        await using (var provider = services.BuildServiceProvider())
        {
            var hosted = Assert.IsType<HostedActivityWorker>(Assert.Single(provider.GetServices<IHostedService>()));
            meter = hosted.Worker.Telemetry.Meter;
            Assert.Null(meter.Scope);
            Assert.Contains(WorkerTelemetry.TasksInFlight, Published(meter));
        }

        Assert.Empty(Published(meter)); // disposed with the worker: a listener finds no instrument any more
    }

    /// <summary>The names of the meter's instruments a new listener is told about.</summary>
    private static List<string> Published(Meter meter)
    {
        var names = new List<string>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, _) =>
            {
                if (ReferenceEquals(i.Meter, meter))
                {
                    names.Add(i.Name);
                }
            },
        };
        listener.Start();
        return names;
    }

    private static IConfiguration Configuration() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ActivityArn"] = "arn:aws:states:us-east-1:123456789012:activity:work",
        ["Region"] = "us-east-1",
        ["ServiceUrl"] = "http://127.0.0.1:9/",
        ["WorkerName"] = "hosted-otel",
    }).Build();

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static Activity[] TaskSpans(OpenTelemetryCapture otel, string worker) =>
        otel.Spans.Where(s => s.Source.Name == WorkerTelemetry.ActivitySourceName && Equals(s.GetTagItem("activitycore.worker"), worker)).ToArray();

    private static double? Point(IReadOnlyList<OpenTelemetry.Metrics.MetricSnapshot> metrics, string instrument, string worker) =>
        OpenTelemetryCapture.PointOf(metrics, instrument, "activitycore.worker", worker);

    private static OpenTelemetry.Metrics.MetricType MetricType(IReadOnlyList<OpenTelemetry.Metrics.MetricSnapshot> metrics, string instrument) =>
        metrics.First(m => m.Name == instrument).MetricType;

    private static Dictionary<string, string> Tags(Activity span) =>
        span.TagObjects.ToDictionary(t => t.Key, t => Convert.ToString(t.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
}
