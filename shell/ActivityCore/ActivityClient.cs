using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Http;
using ActivityCore.Operations;
using ActivityCore.Retries;
using LanguageExt;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// A client of the Step Functions activity API (AWS JSON 1.0 over HTTPS, SigV4-signed with signing name
/// <c>states</c>). Every call answers <c>Either&lt;ActivityFailure&lt;TError&gt;, TResult&gt;</c>: service errors, timeouts,
/// network failures and exhausted retries are values; only the caller's own cancellation throws
/// <see cref="OperationCanceledException"/>. Retries follow the AWS SDKs' standard mode (<see cref="Retry"/>);
/// GetActivityTask uses <see cref="ActivityClientOptions.PollTimeout"/>, every other call
/// <see cref="ActivityClientOptions.RequestTimeout"/>. Thread-safe: one client serves many concurrent polls.
/// </summary>
public sealed partial class ActivityClient : IDisposable
{
    private readonly ClientSettings settings;
    /// <summary>
    /// The handler, called through an <see cref="HttpMessageInvoker"/>: an <see cref="HttpClient"/> would add a linked
    /// token source and a task per request for its own timeout and base address, which the client does not use (each
    /// attempt has its own timeout, on the TimeProvider, and an absolute URL).
    /// </summary>
    private readonly HttpMessageInvoker http;
    private readonly CredentialSource credentials;
    private readonly RequestSigner signer;
    private readonly TimeoutSources timeouts;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Func<double> randomizer;

    /// <summary>
    /// Cancelled by <see cref="Dispose"/>: each attempt registers on it to cancel its own timeout source, so that a call
    /// in flight ends (an <see cref="HttpMessageInvoker"/>'s Dispose, unlike an <see cref="HttpClient"/>'s, cancels
    /// nothing). A registration on this long-lived source reuses its nodes: no linked source per attempt.
    /// </summary>
    private readonly CancellationTokenSource disposing = new();
    private RetryQuota quota;
    private long clockOffsetTicks;
    private int disposed;

    private ActivityClient(ClientSettings settings, ActivityClientOptions options)
    {
        this.settings = settings;
        time = options.TimeProvider;
        logger = options.Logger ?? NullLogger.Instance;
        randomizer = options.Randomizer;
        credentials = new CredentialSource(Optional(options.Credentials));
        signer = new RequestSigner(settings.Endpoint, settings.Region);
        timeouts = new TimeoutSources(time, reuse: options.HttpMessageHandler is null); // a caller's handler may keep a token
        quota = RetryQuota.WithCapacity(settings.RetryQuotaCapacity);
        http = options.HttpMessageHandler is { } given
            ? new HttpMessageInvoker(given, disposeHandler: false)
            : new HttpMessageInvoker(CreateHandler(settings), disposeHandler: true);
    }

    /// <summary>The endpoint the client calls.</summary>
    public Uri Endpoint => settings.Endpoint;

    /// <summary>The region the client signs for.</summary>
    public string Region => settings.Region;

    /// <summary>The correction added to the local clock when signing, learnt from a clock-skew answer (zero until then).</summary>
    public TimeSpan ClockOffset => TimeSpan.FromTicks(Interlocked.Read(ref clockOffsetTicks));

    /// <summary>The tokens left in the client's retry quota.</summary>
    public int RetryQuotaAvailable => Volatile.Read(ref quota).Available;

    /// <summary>Creates a client, or tells which option is out of range (<see cref="ActivityClientOptions"/> documents each).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The client, or the first option out of range.</returns>
    public static Either<ValidationError, ActivityClient> Create(ActivityClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ClientSettings.From(options).Map(s => new ActivityClient(s, options));
    }

    /// <summary>
    /// Long-polls for a task (up to 60 s on the service's side). <c>None</c> when the poll ended without a task.
    /// Do not cancel a poll to shut down: a task handed out on a poll whose answer is dropped is lost until its
    /// timeout. Stop starting polls instead, and let the open ones finish; <paramref name="stopRetrying"/> says "start
    /// no new attempt": once it is signalled, no retry starts (a pending retry delay ends at once) and the call returns
    /// its last attempt's failure as a value. The attempt in flight is never aborted: its answer, a task included, is
    /// returned. The first attempt always runs. So a stop waits for one poll at most
    /// (<see cref="ActivityClientOptions.PollTimeout"/>), not for the retries.
    /// </summary>
    /// <param name="activityArn">The activity.</param>
    /// <param name="workerName">The worker's name, recorded in the execution history.</param>
    /// <param name="cancellationToken">Cancels the call (throws <see cref="OperationCanceledException"/>; aborts the attempt in flight).</param>
    /// <param name="stopRetrying">Ends the call after its attempt in flight, without a retry (never throws).</param>
    /// <returns>The task or none, or the failure.</returns>
    public Task<Either<ActivityFailure<GetActivityTaskError>, Option<ActivityTask>>> GetActivityTaskAsync(
        ActivityArn activityArn, Option<WorkerName> workerName, CancellationToken cancellationToken = default, CancellationToken stopRetrying = default)
    {
        // Not async (the worker's hot path): the call owns the body and frees it (SendAsync); a bad argument is a faulted task, as before.
        if (activityArn is null)
        {
            return Task.FromException<Either<ActivityFailure<GetActivityTaskError>, Option<ActivityTask>>>(new ArgumentNullException(nameof(activityArn)));
        }

        var body = new PooledBufferWriter(512);
        GetActivityTask.WriteRequest(activityArn, workerName, body);
        return SendAsync(OperationSpecs.Poll, body, CallSecrets.None, cancellationToken, stopRetrying);
    }

    /// <summary>Reports a task's success with its output.</summary>
    /// <param name="token">The task's token.</param>
    /// <param name="output">The output (at most 256 KiB of UTF-8, checked by <see cref="TaskOutput"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Unit, or the failure.</returns>
    public Task<Either<ActivityFailure<SendTaskSuccessError>, Unit>> SendTaskSuccessAsync(
        TaskToken token, TaskOutput output, CancellationToken cancellationToken = default) =>
        SendTaskSuccessAsync(token, output, new CallTrace(), cancellationToken);

    /// <summary>Reports a task's success, recording in <paramref name="trace"/> how many attempts the call made.</summary>
    internal Task<Either<ActivityFailure<SendTaskSuccessError>, Unit>> SendTaskSuccessAsync(
        TaskToken token, TaskOutput output, CallTrace trace, CancellationToken cancellationToken)
    {
        if (token is null || output is null)
        {
            return Task.FromException<Either<ActivityFailure<SendTaskSuccessError>, Unit>>(new ArgumentNullException(token is null ? nameof(token) : nameof(output)));
        }

        var body = new PooledBufferWriter(output.Json.Length + token.Length + 64);
        SendTaskSuccess.WriteRequest(token, output, body);
        return SendAsync(OperationSpecs.Success, body, new CallSecrets(token.Reveal(), output.Json), trace, cancellationToken);
    }

    /// <summary>Reports a task's failure.</summary>
    /// <param name="token">The task's token.</param>
    /// <param name="failure">The error and cause.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Unit, or the failure.</returns>
    public Task<Either<ActivityFailure<SendTaskFailureError>, Unit>> SendTaskFailureAsync(
        TaskToken token, TaskFailure failure, CancellationToken cancellationToken = default) =>
        SendTaskFailureAsync(token, failure, new CallTrace(), cancellationToken);

    /// <summary>Reports a task's failure, recording in <paramref name="trace"/> how many attempts the call made.</summary>
    internal async Task<Either<ActivityFailure<SendTaskFailureError>, Unit>> SendTaskFailureAsync(
        TaskToken token, TaskFailure failure, CallTrace trace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(failure);
        using var body = new PooledBufferWriter(token.Length + 1024);
        SendTaskFailure.WriteRequest(token, failure, body);
        return await SendAsync(OperationSpecs.Failure, body, new CallSecrets(token.Reveal(), failure.Cause), trace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells the service the task is still being worked on.</summary>
    /// <param name="token">The task's token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Unit, or the failure (<see cref="ErrorKind.TaskEnded"/> errors mean: stop working on the task).</returns>
    public Task<Either<ActivityFailure<SendTaskHeartbeatError>, Unit>> SendTaskHeartbeatAsync(
        TaskToken token, CancellationToken cancellationToken = default)
    {
        if (token is null)
        {
            return Task.FromException<Either<ActivityFailure<SendTaskHeartbeatError>, Unit>>(new ArgumentNullException(nameof(token)));
        }

        var body = new PooledBufferWriter(token.Length + 64);
        SendTaskHeartbeat.WriteRequest(token, body);
        return SendAsync(OperationSpecs.Heartbeat, body, new CallSecrets(token.Reveal(), Option<string>.None), cancellationToken);
    }

    /// <summary>Creates an activity, or answers the existing one of that name (the call is idempotent by name).</summary>
    /// <param name="name">The activity's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The activity's ARN and creation date, or the failure.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The name form and the request form differ in their required parameter's type, so no call is ambiguous; the name form keeps existing call sites compiling.")]
    public Task<Either<ActivityFailure<CreateActivityError>, CreatedActivity>> CreateActivityAsync(
        ActivityName name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return CreateActivityAsync(new CreateActivityRequest(name), cancellationToken);
    }

    /// <summary>
    /// Creates an activity with tags and an encryption configuration, or answers the existing one of that name: its tags
    /// are then not updated, and another encryption configuration is <see cref="CreateActivityError.ActivityAlreadyExists"/>.
    /// </summary>
    /// <param name="request">The name, the tags and the encryption configuration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The activity's ARN and creation date, or the failure.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The name form and the request form differ in their required parameter's type, so no call is ambiguous; the name form keeps existing call sites compiling.")]
    public async Task<Either<ActivityFailure<CreateActivityError>, CreatedActivity>> CreateActivityAsync(
        CreateActivityRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var body = new PooledBufferWriter(256 + (request.Tags.Count * 400));
        CreateActivity.WriteRequest(request, body);
        return await SendAsync(OperationSpecs.Create, body, CallSecrets.None, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Describes an activity.</summary>
    /// <param name="activityArn">The activity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The activity, or the failure.</returns>
    public async Task<Either<ActivityFailure<DescribeActivityError>, ActivityInfo>> DescribeActivityAsync(
        ActivityArn activityArn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        using var body = new PooledBufferWriter(512);
        DescribeActivity.WriteRequest(activityArn, body);
        return await SendAsync(OperationSpecs.Describe, body, CallSecrets.None, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes an activity.</summary>
    /// <param name="activityArn">The activity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Unit, or the failure.</returns>
    public async Task<Either<ActivityFailure<DeleteActivityError>, Unit>> DeleteActivityAsync(
        ActivityArn activityArn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        using var body = new PooledBufferWriter(512);
        DeleteActivity.WriteRequest(activityArn, body);
        return await SendAsync(OperationSpecs.Delete, body, CallSecrets.None, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists one page of activities.</summary>
    /// <param name="request">The page size and the token of the page (<see cref="ListActivitiesRequest.FirstPage"/> to start).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page, or the failure.</returns>
    public async Task<Either<ActivityFailure<ListActivitiesError>, ActivityPage>> ListActivitiesAsync(
        ListActivitiesRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var body = new PooledBufferWriter(1200);
        ListActivities.WriteRequest(request, body);
        return await SendAsync(OperationSpecs.List, body, CallSecrets.None, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds tags to an activity, replacing the value of a key it has (infrastructure tools call it right after CreateActivity, whose tags are not updated for an existing activity).</summary>
    /// <param name="activityArn">The activity.</param>
    /// <param name="tags">The tags to add.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Unit, or the failure (<see cref="TagResourceError.TooManyTags"/> past 50 tags on the activity).</returns>
    public async Task<Either<ActivityFailure<TagResourceError>, Unit>> TagResourceAsync(
        ActivityArn activityArn, Tags tags, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        ArgumentNullException.ThrowIfNull(tags);
        using var body = new PooledBufferWriter(512 + (tags.Count * 400));
        TagResource.WriteRequest(activityArn, tags, body);
        return await SendAsync(OperationSpecs.Tag, body, CallSecrets.None, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the tags of the given keys from an activity.</summary>
    /// <param name="activityArn">The activity.</param>
    /// <param name="keys">The keys.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Unit, or the failure.</returns>
    public async Task<Either<ActivityFailure<UntagResourceError>, Unit>> UntagResourceAsync(
        ActivityArn activityArn, TagKeys keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        ArgumentNullException.ThrowIfNull(keys);
        using var body = new PooledBufferWriter(512 + (keys.Count * 140));
        UntagResource.WriteRequest(activityArn, keys, body);
        return await SendAsync(OperationSpecs.Untag, body, CallSecrets.None, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists an activity's tags, as key/value pairs in the order the service sends them.</summary>
    /// <param name="activityArn">The activity.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tags, or the failure.</returns>
    public async Task<Either<ActivityFailure<ListTagsForResourceError>, System.Collections.Generic.IReadOnlyList<System.Collections.Generic.KeyValuePair<string, string>>>> ListTagsForResourceAsync(
        ActivityArn activityArn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        using var body = new PooledBufferWriter(512);
        ListTagsForResource.WriteRequest(activityArn, body);
        return await SendAsync(OperationSpecs.ListTags, body, CallSecrets.None, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the calls in flight (an attempt in flight ends as a <see cref="ActivityFailure{TError}.NetworkFailure"/>; a
    /// retry after it throws <see cref="ObjectDisposedException"/>), and closes the client's connections (and its handler,
    /// when it made it). Calls after this throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            disposing.Cancel(); // not disposed: attempts still in flight unregister from it
            http.Dispose();
        }
    }

    private static SocketsHttpHandler CreateHandler(ClientSettings settings) => new()
    {
        // Many long polls at once: each holds a connection up to 60 s, so allow plenty per server, and recycle
        // connections now and then so that DNS changes are seen.
        MaxConnectionsPerServer = settings.MaxConnectionsPerServer,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
    };

    private static Either<ActivityFailure<TError>, TResult> Fail<TError, TResult>(ActivityFailure<TError> failure)
        where TError : IOperationError => Left(failure);
}
