using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using ActivityCore.Tests.Shell.Worker;
using ActivityCore.Worker;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Regressions;

/// <summary>
/// Against an endpoint that refuses connections the worker logged about 3 Warnings a second, "Poll failed
/// (HttpRequestException, Transient), 1 in a row" with a per-poller count, naming neither the cause nor the endpoint;
/// and after a stop began a failed poll's line still promised a next poll.
/// </summary>
public class PollFailureLogTests
{
    private const int PollFailed = 101;

    [Fact]
    public async Task A_refused_endpoint_is_named_with_its_cause_a_worker_wide_count_and_few_warnings()
    {
        int port = FreePort(); // nothing listens there: connection refused
        using var client = Client(port);
        using var logs = new CapturingLoggerProvider();
        var worker = ActivityWorker.Create(client, Options(o => o.Pollers = 2), Echo, logs.CreateLogger("ActivityCore.ActivityWorker"))
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        await worker.StartAsync();
        await WorkerShutdownTests.WaitUntil(() => worker.Health is WorkerHealth.Degraded { ConsecutiveFailures: >= 12 }, 20);
        await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
        await worker.DisposeAsync();

        var started = Assert.Single(logs.Records, r => r.EventId.Id == 100);
        Assert.Contains($"127.0.0.1:{port}", started.Message, StringComparison.Ordinal);
        var failed = logs.Records.Where(r => r.EventId.Id == PollFailed).ToList();
        Assert.True(failed.Count >= 12, string.Join("\n", failed));
        Assert.All(failed, r => Assert.Contains("ConnectionRefused", r.Message, StringComparison.Ordinal));
        Assert.All(failed, r => Assert.DoesNotContain("Connection refused", r.Message, StringComparison.Ordinal)); // never the raw message
        int[] counts = failed.Select(Failures).ToArray();
        Assert.Equal(counts.Length, counts.Distinct().Count()); // the worker-wide count, not one per poller
        Assert.All(failed, r => Assert.Equal(IsPowerOfTwo(Failures(r)) ? LogLevel.Warning : LogLevel.Debug, r.Level));
        Assert.True(failed.Count(r => r.Level == LogLevel.Warning) <= 5, string.Join("\n", failed));
    }

    [Fact]
    public async Task A_poll_that_fails_after_the_stop_began_promises_no_next_poll()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var client = Client(port);
        using var logs = new CapturingLoggerProvider();
        var worker = ActivityWorker.Create(client, Options(o => o.Pollers = 1), Echo, logs.CreateLogger("ActivityCore.ActivityWorker"))
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        await worker.StartAsync();
        using var held = await listener.AcceptSocketAsync().WaitAsync(TimeSpan.FromSeconds(5)); // the poll, never answered
        var stop = worker.StopAsync();
        Assert.Equal(WorkerPhase.ClosingPolls, worker.Phase);
        held.LingerState = new LingerOption(true, 0);
        held.Close(); // reset: the poll fails after the stop began, and no retry is started
        await stop.WaitAsync(TimeSpan.FromSeconds(5));
        await worker.DisposeAsync();

        var line = Assert.Single(logs.Records, r => r.Message.StartsWith("Poll failed", StringComparison.Ordinal));
        Assert.DoesNotContain("next poll in", line.Message, StringComparison.Ordinal);
        Assert.EndsWith("no next poll: the worker is stopping", line.Message, StringComparison.Ordinal);
    }

    private static int Failures(CapturedLog r) =>
        Convert.ToInt32(r.State.Single(p => p.Key == "Failures").Value, System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsPowerOfTwo(int n) => n > 0 && (n & (n - 1)) == 0;

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private static ActivityClient Client(int port) => ActivityClient.Create(new ActivityClientOptions
    {
        Region = "us-east-1",
        ServiceUrl = new Uri($"http://127.0.0.1:{port}"),
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
        MaxAttempts = 3,
        RetryBaseDelay = TimeSpan.FromMilliseconds(5),
        RequestTimeout = TimeSpan.FromSeconds(5),
    }).Match(Right: c => c, Left: e => throw new InvalidOperationException(e.ToString()));

    private static ActivityWorkerOptions Options(Action<ActivityWorkerOptions> configure)
    {
        var options = new ActivityWorkerOptions
        {
            ActivityArn = "arn:aws:states:us-east-1:123456789012:activity:work",
            WorkerName = "test-worker",
            HeartbeatInterval = null,
            DrainTimeout = TimeSpan.FromSeconds(2),
            PollBackoffBase = TimeSpan.FromMilliseconds(5),
            PollBackoffMax = TimeSpan.FromMilliseconds(20),
        };
        configure(options);
        return options;
    }
}
