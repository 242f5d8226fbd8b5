using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Amazon.Runtime;
using LanguageExt;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>The faults of the matrix (<see cref="FaultMatrixTests"/>).</summary>
public enum MatrixFault
{
    /// <summary>Nothing listens on the client's port; the endpoint starts on it later.</summary>
    ConnectionRefused,

    /// <summary>The connection is reset before the response headers (<see cref="LocalFault.DropBeforeDispatch"/>).</summary>
    ResetBeforeHeaders,

    /// <summary>The operation runs, then the connection is reset (<see cref="LocalFault.DropAfterDispatch"/>).</summary>
    ResetAfterHeaders,

    /// <summary>The operation runs, then half of the body is written and the connection reset (<see cref="LocalFault.TruncatedBody"/>).</summary>
    TruncatedBody,

    /// <summary>20 <c>InternalFailure</c> (500) in a row on each of GetActivityTask, SendTaskSuccess and SendTaskFailure.</summary>
    InternalFailureStorm,

    /// <summary>20 <c>ServiceUnavailable</c> (503) in a row on each of GetActivityTask, SendTaskSuccess and SendTaskFailure.</summary>
    ServiceUnavailableStorm,

    /// <summary>20 <c>ThrottlingException</c> (400) in a row on each of GetActivityTask, SendTaskSuccess and SendTaskFailure.</summary>
    ThrottlingStorm,

    /// <summary>Answers delayed past the client's timeouts (the client on a fake clock).</summary>
    NeverAnswers,

    /// <summary>The client's clock jumps 10 minutes behind the endpoint's.</summary>
    ClockSkew,

    /// <summary>The endpoint rotates its credentials: the client's cached ones answer <c>ExpiredTokenException</c>.</summary>
    ExpiredCredentials,
}

/// <summary>
/// A signing endpoint on a reserved port (started at once, or later for <see cref="MatrixFault.ConnectionRefused"/>),
/// the matrix activity and a probe activity on it, and clients and workers pointed at it with short timeouts.
/// </summary>
internal sealed class FaultMatrixFixture : IAsyncDisposable
{
    public const string ActivityName = "matrix";
    public const string ProbeActivityName = "probe";
    public static readonly TimeSpan Hold = TimeSpan.FromMilliseconds(150);
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(2);

    private readonly List<IDisposable> owned = [];
    private LocalStepFunctions? local;

    private FaultMatrixFixture(int port, FakeTimeProvider? endpointClock)
    {
        Port = port;
        EndpointClock = endpointClock;
    }

    public int Port { get; }

    /// <summary>The endpoint's clock when it is a fake one (hold times and task timeouts then move only when advanced); null for the system's.</summary>
    public FakeTimeProvider? EndpointClock { get; }

    public Uri ServiceUrl => new($"http://127.0.0.1:{Port}/");

    public LocalStepFunctions Local => local ?? throw new InvalidOperationException("the endpoint is not started");

    public string Arn { get; } = $"arn:aws:states:us-east-1:123456789012:activity:{ActivityName}";

    public ActivityArn ActivityArn => ActivityArn.Parse(Arn).Match(Right: a => a, Left: e => throw new InvalidOperationException(e.ToString()));

    public string ProbeArn { get; } = $"arn:aws:states:us-east-1:123456789012:activity:{ProbeActivityName}";

    public ActivityArn ProbeActivityArn => ActivityArn.Parse(ProbeArn).Match(Right: a => a, Left: e => throw new InvalidOperationException(e.ToString()));

    /// <summary>The credentials the endpoint accepts now, rotated by <see cref="KeyStore.Rotate"/>.</summary>
    public KeyStore Keys { get; } = new();

    /// <summary>Reserves a free port (bound, then released: nothing listens on it) and starts the endpoint on it unless told not to.</summary>
    public static async Task<FaultMatrixFixture> StartAsync(bool endpointUp = true, bool fakeEndpointClock = false)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var f = new FaultMatrixFixture(port, fakeEndpointClock ? new FakeTimeProvider(DateTimeOffset.UtcNow) : null);
        if (endpointUp)
        {
            await f.StartEndpointAsync();
        }

        return f;
    }

    public async Task StartEndpointAsync()
    {
        local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            Port = Port,
            PollHoldTime = Hold,
            Credentials = Keys.Current,
            TimeProvider = EndpointClock ?? TimeProvider.System,
        });
        Assert.Equal(Arn, local.CreateActivity(ActivityName));
        Assert.Equal(ProbeArn, local.CreateActivity(ProbeActivityName));
    }

    /// <summary>A client with the matrix's defaults: 3 attempts, 5 ms retry base, 2 s request timeout, credentials that refresh from <see cref="Keys"/>.</summary>
    public ActivityClient Client(Action<ActivityClientOptions>? configure = null)
    {
        var options = new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = ServiceUrl,
            Credentials = new RefreshingKeys(Keys),
            MaxAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RequestTimeout = RequestTimeout,
        };
        configure?.Invoke(options);
        var client = ActivityClient.Create(options).Match(Right: c => c, Left: e => throw new InvalidOperationException(e.ToString()));
        owned.Add(client);
        return client;
    }

    /// <summary>A handler that counts the requests a client sends (the client does not own it; the fixture does).</summary>
    public CountingHandler Counting()
    {
        var handler = new CountingHandler();
        owned.Add(handler);
        return handler;
    }

    /// <summary>A worker on the matrix activity: 4 pollers, 8 in flight, no heartbeats, 5..50 ms poll backoff, on the system clock.</summary>
    public ActivityWorkerOptions WorkerOptions() => new()
    {
        ActivityArn = Arn,
        WorkerName = "matrix-worker",
        Pollers = 4,
        MaxTasksInFlight = 8,
        HeartbeatInterval = null,
        DrainTimeout = TimeSpan.FromSeconds(2),
        PollBackoffBase = TimeSpan.FromMilliseconds(5),
        PollBackoffMax = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>Stops a worker; on a fake endpoint clock, moves it on so that the polls held now end (a stop waits for them).</summary>
    public async Task StopAsync(ActivityWorker worker)
    {
        var stopping = worker.StopAsync();
        var clock = Stopwatch.StartNew();
        while (!stopping.IsCompleted)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "the worker did not stop within 5 s");
            EndpointClock?.Advance(Hold);
            await Task.WhenAny(stopping, Task.Delay(10));
        }

        await stopping;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var d in owned)
        {
            d.Dispose();
        }

        if (local is not null)
        {
            await local.DisposeAsync();
        }
    }

    /// <summary>Waits (real time, 5 s at most) until the condition holds.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "not within 5 s: " + what);
            await Task.Delay(5);
        }
    }
}

/// <summary>The generations of credentials the endpoint accepts; <see cref="Rotate"/> moves it (and the keys handed out on refresh) to the next.</summary>
internal sealed class KeyStore
{
    private int generation = 1;

    public LocalCredentials Current => Keys(Volatile.Read(ref generation));

    public static LocalCredentials Keys(int generation) =>
        new($"ASIAMATRIX{generation:D4}", $"matrix/secret/{generation}", $"matrix-session-{generation}");

    /// <summary>The next generation: handed out by refreshes first, then the only one the endpoint accepts.</summary>
    public LocalCredentials Rotate(LocalStepFunctions local)
    {
        var next = Keys(Interlocked.Increment(ref generation));
        local.RotateCredentials(next);
        return next;
    }
}

/// <summary>Session credentials that fetch the store's current keys when refreshed (as instance-metadata or SSO credentials do).</summary>
internal sealed class RefreshingKeys(KeyStore store) : RefreshingAWSCredentials
{
    private int refreshes;

    public int Refreshes => Volatile.Read(ref refreshes);

    protected override CredentialsRefreshState GenerateNewCredentials()
    {
        Interlocked.Increment(ref refreshes);
        var keys = store.Current;
        return new CredentialsRefreshState(new ImmutableCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken), DateTime.UtcNow.AddHours(1));
    }

    protected override Task<CredentialsRefreshState> GenerateNewCredentialsAsync() => Task.FromResult(GenerateNewCredentials());
}

/// <summary>Real HTTP, with the requests counted.</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    private int requests;

    public int Requests => Volatile.Read(ref requests);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref requests);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>A clock <see cref="Offset"/> away from the system's wall clock (timers and timestamps are the system's).</summary>
internal sealed class SkewedClock(TimeSpan offset) : TimeProvider
{
    private long offsetTicks = offset.Ticks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
        set => Interlocked.Exchange(ref offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
