using System;
using System.Collections.Frozen;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local.Protocol;
using ActivityCore.Local.Service;
using ActivityCore.Operations;
using LanguageExt;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Http;

/// <summary>
/// <c>POST /</c> with <c>X-Amz-Target: AWSStepFunctions.&lt;Operation&gt;</c>: checks the Host (421 when it is not
/// the endpoint's own), reads the body, checks the signature (when configured), applies an injected fault, runs the operation, writes the
/// answer with <c>x-amzn-RequestId</c>, a <c>Date</c> from the endpoint's clock (and <c>x-amzn-ErrorType</c> for errors), counts a
/// delivery lost when the answer carrying a task could not be written, and logs the call.
/// </summary>
internal sealed partial class AwsEndpoint(
    ActivityOperations activities,
    TagOperations tags,
    TaskOperations tasks,
    LocalFaults faults,
    LocalCounters counters,
    SigV4Verifier? verifier,
    HostCheck hosts,
    TimeProvider time,
    ILogger logger)
{
    private const string TargetPrefix = "AWSStepFunctions.";
    private const string ContentType = "application/x-amz-json-1.0";

    private static readonly FrozenDictionary<string, LocalOperation> Operations =
        Enum.GetValues<LocalOperation>().ToFrozenDictionary(static o => o.ToString(), StringComparer.Ordinal);

    internal async Task HandleAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;

        // The Date header tells the endpoint's clock (the one that judges signatures), not Kestrel's wall clock: a
        // client that corrects its clock skew from it, as the AWS SDKs do, must learn the clock it is judged by.
        context.Response.Headers.Date = time.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var operationName = target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
        string outcome;
        try
        {
            outcome = await ServeAsync(context, operationName).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException || context.RequestAborted.IsCancellationRequested)
        {
            outcome = "connection lost";
        }
#pragma warning disable CA1031 // Any other failure is the service's InternalFailure, as the real one answers.
        catch (Exception e) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            outcome = await WriteAsync(context, Reply.Of(new ServiceError(500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure."))).ConfigureAwait(false);
            LogFailure(logger, e);
        }

        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        LogCall(logger, operationName.Length == 0 ? "(no target)" : LogText.Clean(operationName), outcome, requestId, elapsed);
    }

    private async Task<string> ServeAsync(HttpContext context, string operationName)
    {
        var host = context.Request.Headers.Host.ToString();
        if (!hosts.Allows(host))
        {
            return await WriteAsync(context, Reply.Of(ServiceError.Misdirected(host, hosts.Expected))).ConfigureAwait(false);
        }

        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel's limit: answered as a client error the service's way, never left to a bare (200) answer.
            return await WriteAsync(context, Reply.Of(ServiceError.TooLarge(LocalStepFunctions.MaxRequestBodyBytes))).ConfigureAwait(false);
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return await WriteAsync(context, Reply.Of(new ServiceError(404, "UnknownOperationException", "Only POST is served on /."))).ConfigureAwait(false);
        }

        var refused = verifier is null ? None : verifier.Verify(context.Request, body.Span);
        return await refused.Match(
            Some: error => WriteAsync(context, Reply.Of(error)),
            None: () => OperationAsync(context, operationName, body)).ConfigureAwait(false);
    }

    /// <summary>A signed (or unsigned, when not verified) request: its operation, an injected fault, its body, its answer.</summary>
    private async Task<string> OperationAsync(HttpContext context, string operationName, ReadOnlyMemory<byte> body)
    {
        if (!context.Request.Headers["X-Amz-Target"].ToString().StartsWith(TargetPrefix, StringComparison.Ordinal)
            || !Operations.TryGetValue(operationName, out var operation))
        {
            return await WriteAsync(context, Reply.Of(ServiceError.Client("UnknownOperationException", string.Empty))).ConfigureAwait(false);
        }

        var fault = faults.Take(operation);
        switch (fault?.Kind)
        {
            case LocalFaultKind.Error:
                return await WriteAsync(context, Reply.Of(new ServiceError(fault.Status, fault.ErrorCode!, fault.Message!))).ConfigureAwait(false);
            case LocalFaultKind.Delay:
                await Service.LongTimer.DelayAsync(time, fault.Duration, context.RequestAborted).ConfigureAwait(false);
                break;
            case LocalFaultKind.DropBeforeDispatch:
                context.Abort();
                return "dropped before dispatch (injected)";
        }

        return await RequestJson.Parse(body).Match(
            Right: document => RunParsedAsync(context, operation, fault, document),
            Left: error => WriteAsync(context, Reply.Of(error))).ConfigureAwait(false);
    }

    /// <summary>Runs the operation on its parsed request (disposed here) and writes its answer, or the injected drop or truncation.</summary>
    private async Task<string> RunParsedAsync(HttpContext context, LocalOperation operation, LocalFault? fault, JsonDocument document)
    {
        Reply reply;
        using (document)
        {
            reply = await RunAsync(operation, document.RootElement, context.RequestAborted).ConfigureAwait(false);
        }

        switch (fault?.Kind)
        {
            case LocalFaultKind.DropAfterDispatch:
                CountLost(reply); // before the drop, so a client that sees the drop sees the count
                context.Abort();
                return "dropped after dispatch (injected)";
            case LocalFaultKind.TruncatedBody:
                CountLost(reply);
                context.Response.StatusCode = reply.Status;
                context.Response.ContentType = ContentType;
                context.Response.ContentLength = reply.Body.Length;
                await context.Response.Body.WriteAsync(reply.Body.AsMemory(0, reply.Body.Length / 2), context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                context.Abort();
                return "truncated (injected)";
        }

        return await WriteAsync(context, reply).ConfigureAwait(false);
    }

    private Task<Reply> RunAsync(LocalOperation operation, JsonElement request, CancellationToken clientGone) => operation switch
    {
        LocalOperation.CreateActivity => Task.FromResult(activities.Create(request)),
        LocalOperation.DescribeActivity => Task.FromResult(activities.Describe(request)),
        LocalOperation.DeleteActivity => Task.FromResult(activities.Delete(request)),
        LocalOperation.ListActivities => Task.FromResult(activities.List(request)),
        LocalOperation.GetActivityTask => tasks.GetActivityTaskAsync(request, clientGone),
        LocalOperation.SendTaskSuccess => Task.FromResult(tasks.SendTaskSuccess(request)),
        LocalOperation.SendTaskFailure => Task.FromResult(tasks.SendTaskFailure(request)),
        LocalOperation.SendTaskHeartbeat => Task.FromResult(tasks.SendTaskHeartbeat(request)),
        LocalOperation.TagResource => Task.FromResult(tags.Tag(request)),
        LocalOperation.UntagResource => Task.FromResult(tags.Untag(request)),
        LocalOperation.ListTagsForResource => Task.FromResult(tags.List(request)),
        _ => Task.FromResult(Reply.Of(ServiceError.Client("UnknownOperationException", string.Empty))),
    };

    /// <summary>Writes the answer; a dispatched task whose answer cannot be written is counted lost (it stays in flight).</summary>
    private async Task<string> WriteAsync(HttpContext context, Reply reply)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            CountLost(reply);
            return "client gone";
        }

        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = reply.Body.Length;
        reply.Error.Iter(error => context.Response.Headers["x-amzn-ErrorType"] = error.ErrorTypeHeader);

        try
        {
            await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted).ConfigureAwait(false);
            await context.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or InvalidOperationException)
        {
            CountLost(reply);
            return "client gone while writing";
        }

        if (reply.IsPoll)
        {
            counters.PollServed(empty: reply.Dispatched is null);
        }

        return reply.Error.Match(Some: error => reply.Status.ToString(CultureInfo.InvariantCulture) + " " + error.Code, None: static () => "200");
    }

    private void CountLost(Reply reply)
    {
        if (reply.Dispatched is not null)
        {
            counters.DeliveryLost();
        }
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Unexpected failure, answered InternalFailure")]
    private static partial void LogFailure(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Operation} -> {Outcome} (request id {RequestId}, {ElapsedMs:F0} ms)")]
    private static partial void LogCall(ILogger logger, string operation, string outcome, string requestId, double elapsedMs);
}
