using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local.Http;
using ActivityCore.Local.Protocol;
using ActivityCore.Local.Service;
using ActivityCore.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActivityCore.Local;

/// <summary>
/// A local AWS Step Functions activity endpoint on 127.0.0.1 that speaks the service's wire
/// protocol (AWS JSON 1.0): the eight activity operations, long polls, task and heartbeat
/// timeouts, the service's errors, SigV4 verification when configured, and fault injection.
/// Thread-safe. Start one with <see cref="StartAsync"/>; dispose it to stop (held polls are
/// answered empty first). It installs no console lifetime and no signal handler: Ctrl-C and SIGTERM stay the host
/// process's own.
/// </summary>
/// <example>
/// <code>
/// await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { PollHoldTime = TimeSpan.FromSeconds(1) });
/// var arn = local.CreateActivity("resize-image");
/// var task = local.EnqueueTask(arn, """{"width": 64}""", new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromSeconds(30) });
/// // point a worker at local.ServiceUrl, then:
/// var outcome = await task.Outcome;
/// </code>
/// </example>
public sealed class LocalStepFunctions : IAsyncDisposable
{
    /// <summary>The largest task input, in characters (what a poll may receive).</summary>
    public const int MaxInputLength = TaskInput.MaxLength;

    /// <summary>The largest request body, in bytes (16 MiB); a larger one is answered 413 <c>RequestEntityTooLargeException</c>.</summary>
    public const int MaxRequestBodyBytes = 16 * 1024 * 1024;

    private readonly WebApplication app;
    private readonly ActivityRegistry registry;
    private readonly TaskBoard board;
    private readonly SigV4Verifier? verifier;
    private int disposed;

    private LocalStepFunctions(LocalStepFunctionsOptions options, WebApplication app, ActivityRegistry registry, TaskBoard board, LocalCounters counters, LocalFaults faults, SigV4Verifier? verifier)
    {
        Options = options;
        this.app = app;
        this.registry = registry;
        this.board = board;
        this.verifier = verifier;
        Counters = counters;
        Faults = faults;
        ServiceUrl = new Uri("http://127.0.0.1/");
    }

    /// <summary>The endpoint's URL, e.g. <c>http://127.0.0.1:54321/</c>: the service URL to give a client.</summary>
    public Uri ServiceUrl { get; private set; }

    /// <summary>What the endpoint has done so far.</summary>
    public LocalCounters Counters { get; }

    /// <summary>The faults to inject into the next calls.</summary>
    public LocalFaults Faults { get; }

    /// <summary>The options it was started with (do not change them).</summary>
    public LocalStepFunctionsOptions Options { get; }

    /// <summary>
    /// The credentials requests must be signed with now: <see cref="LocalStepFunctionsOptions.Credentials"/>, or the last
    /// ones given to <see cref="RotateCredentials"/>. Null when the endpoint does not verify signatures.
    /// </summary>
    public LocalCredentials? Credentials => this.verifier?.Current;

    /// <summary>Starts an endpoint and returns once it listens.</summary>
    /// <param name="options">How it listens and behaves; null for the defaults (a free port on 127.0.0.1, 60 s holds, no signing).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running endpoint.</returns>
    /// <exception cref="ArgumentException">An option is out of its range, or <see cref="LocalStepFunctionsOptions.Host"/> is not a loopback address and no credentials are set.</exception>
    public static async Task<LocalStepFunctions> StartAsync(LocalStepFunctionsOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalStepFunctionsOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PollHoldTime, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.PollHoldTime, LocalOptionLimits.MaxPollHoldTime, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, LocalOptionLimits.MaxPort, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPollersPerActivity, LocalOptionLimits.MinMaxPollersPerActivity, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxActivities, LocalOptionLimits.MinMaxActivities, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.RetainedEndedTasks, nameof(options));
        if (!Enum.IsDefined(options.ClosedTaskAnswer))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ClosedTaskAnswer, "ClosedTaskAnswer must be TaskDoesNotExist or TaskTimedOut.");
        }
        if (!ArnParts.IsRegion(options.Region) || !ArnParts.IsAccountId(options.AccountId))
        {
            throw new ArgumentException($"Region must look like us-east-1 and AccountId be 12 digits (they go into ARNs), not '{options.Region}' and '{options.AccountId}'.", nameof(options));
        }

        var address = options.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host);
        if (!IPAddress.IsLoopback(address) && options.Credentials is null)
        {
            throw new ArgumentException($"Host {options.Host} is not a loopback address: set Credentials to listen on it.", nameof(options));
        }

        var hosts = new HostCheck(address);
        var time = options.TimeProvider ?? TimeProvider.System;

        var gate = new object();
        var counters = new LocalCounters();
        var faults = new LocalFaults();
        var registry = new ActivityRegistry(gate, options.Region, options.AccountId, time, options.MaxActivities);
        var board = new TaskBoard(gate, time, counters, options.PollHoldTime, options.MaxPollersPerActivity, options.RetainedEndedTasks, arn => registry.Find(arn).IsSome, options.ClosedTaskAnswer);
        var activities = new ActivityOperations(registry, board);
        var verifier = options.Credentials is { } credentials
            ? new SigV4Verifier(credentials, options.Region, time, options.MaxClockSkew)
            : null;
        var logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("ActivityCore.Local");
        var endpoint = new AwsEndpoint(activities, new TagOperations(registry), new TaskOperations(activities, board), faults, counters, verifier, hosts, time, logger);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.Listen(address, options.Port);
        });
        var app = builder.Build();
        var local = new LocalStepFunctions(options, app, registry, board, counters, faults, verifier);
        var admin = new AdminRoutes(local, hosts, verifier, time, logger);
        app.Run(context =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (options.EnableAdminRoutes && path.StartsWith(AdminRoutes.Prefix, StringComparison.Ordinal))
            {
                return admin.HandleAsync(context);
            }

            if (path == "/")
            {
                return endpoint.HandleAsync(context);
            }

            context.Response.StatusCode = hosts.Allows(context.Request.Headers.Host.ToString())
                ? StatusCodes.Status404NotFound
                : StatusCodes.Status421MisdirectedRequest;
            return Task.CompletedTask;
        });

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        local.ServiceUrl = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        hosts.Port = local.ServiceUrl.Port;
        return local;
    }

    /// <summary>Creates an activity as <c>CreateActivity</c> does (idempotent by name) and returns its ARN.</summary>
    /// <param name="name">1..80 characters, none of whitespace, brackets, wildcards, special or control characters.</param>
    /// <returns>The ARN, <c>arn:aws:states:{region}:{account}:activity:{name}</c>.</returns>
    /// <exception cref="ArgumentException">The name is invalid.</exception>
    public string CreateActivity(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return this.registry.Create(name, ActivityEncryption.Default, []).Match(
            Right: static record => record.Arn,
            Left: static error => throw new ArgumentException(error.Code + ": " + error.Message, nameof(name)));
    }

    /// <summary>
    /// Enqueues a task on an activity (FIFO); a held poll gets it at once. The handle's
    /// <see cref="LocalTaskHandle.Outcome"/> completes when the task succeeds, fails or times out.
    /// </summary>
    /// <param name="activityArn">The ARN of an existing activity.</param>
    /// <param name="inputJson">The input, a JSON text of at most <see cref="MaxInputLength"/> characters.</param>
    /// <param name="options">Timeouts (zero or more, any length) and attempts; null for none and one.</param>
    /// <returns>The task's handle.</returns>
    /// <exception cref="ArgumentException">No such activity, the input is not JSON or too long, or a timeout is negative or attempts below 1 (nothing is enqueued).</exception>
    public LocalTaskHandle EnqueueTask(string activityArn, string inputJson, LocalTaskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        ArgumentNullException.ThrowIfNull(inputJson);
        options ??= new LocalTaskOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TaskTimeout ?? TimeSpan.Zero, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.HeartbeatTimeout ?? TimeSpan.Zero, TimeSpan.Zero, nameof(options));
        if (TaskInput.Parse(inputJson).IsLeft)
        {
            throw new ArgumentException($"The input must be a JSON text of at most {MaxInputLength} characters.", nameof(inputJson));
        }

        // The activity's existence is checked with the enqueue, under one lock: a concurrent DeleteActivity cannot
        // slip between them and leave a task queued on a deleted activity.
        return this.board.Enqueue(activityArn, inputJson, options).Match(
            Some: static handle => handle,
            None: () => throw new ArgumentException("ActivityDoesNotExist: " + activityArn, nameof(activityArn)));
    }

    /// <summary>
    /// The handle of a task enqueued here, by its <see cref="LocalTaskHandle.Id"/>: a task queued or in flight, or
    /// one of the last <see cref="LocalStepFunctionsOptions.RetainedEndedTasks"/> to end.
    /// </summary>
    /// <param name="id">The id.</param>
    /// <returns>The handle, or null when unknown or forgotten.</returns>
    public LocalTaskHandle? FindTask(string id) => this.board.Find(id).Case as LocalTaskHandle;

    /// <summary>
    /// Rotates the credentials the endpoint accepts, as a role's session credentials are rotated: from now on requests
    /// must be signed with <paramref name="next"/>; a request signed with credentials accepted before (the same access
    /// key id and session token) is answered <c>ExpiredTokenException</c> (400, "The security token included in the
    /// request is expired"), as AWS answers expired session credentials, so that a client can refresh its credentials
    /// and retry; credentials the endpoint never accepted are still answered <c>UnrecognizedClientException</c>.
    /// Requests already past their signature check are not affected. Rotating back to earlier credentials makes them
    /// current again. Thread-safe.
    /// </summary>
    /// <param name="next">The credentials to accept from now on.</param>
    /// <exception cref="InvalidOperationException">The endpoint was started without <see cref="LocalStepFunctionsOptions.Credentials"/> (it verifies no signature).</exception>
    public void RotateCredentials(LocalCredentials next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (this.verifier is null)
        {
            throw new InvalidOperationException("The endpoint verifies no signature: start it with LocalStepFunctionsOptions.Credentials to rotate them.");
        }

        this.verifier.Rotate(next);
    }

    /// <summary>How many tasks the endpoint holds: queued, in flight, and the ended ones it still remembers.</summary>
    internal int TrackedTasks => this.board.Tracked;

    /// <summary>How many <c>GetActivityTask</c> calls on an activity are being held right now.</summary>
    /// <param name="activityArn">The activity's ARN.</param>
    /// <returns>The number of held polls.</returns>
    public int HeldPolls(string activityArn) => this.board.HeldPolls(activityArn);

    /// <summary>Answers held polls empty, stops listening and releases the port. Idempotent.</summary>
    /// <returns>When stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        this.board.Dispose();
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await this.app.StopAsync(stopping.Token).ConfigureAwait(false);
        }

        await this.app.DisposeAsync().ConfigureAwait(false);
    }
}
