using System;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using ActivityCore.Local.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ActivityCore.Local.Http;

/// <summary>
/// The non-AWS routes under <c>/_local/</c>, so a test in any language can drive the endpoint: enqueue a task and read
/// its outcome, read the counters, inject and clear faults. Only for callers <see cref="AdminGate"/> lets through.
/// Each call is logged as one line: method, path (as <see cref="LogText"/> cleans it), status and duration; never a body.
/// </summary>
internal sealed partial class AdminRoutes(LocalStepFunctions local, HostCheck hosts, SigV4Verifier? verifier, TimeProvider time, ILogger logger)
{
    internal const string Prefix = "/_local/";

    internal async Task HandleAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        try
        {
            await ServeAsync(context).ConfigureAwait(false);
        }
        finally
        {
            var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
            var method = LogText.Clean(context.Request.Method);
            var path = LogText.Clean(context.Request.Path.Value ?? string.Empty);
            LogCall(logger, method, path, context.Response.StatusCode, elapsed);
        }
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Method} {Path} -> {Status} ({ElapsedMs:F0} ms)")]
    private static partial void LogCall(ILogger logger, string method, string path, int status, double elapsedMs);

    private async Task ServeAsync(HttpContext context)
    {
        var bytes = Array.Empty<byte>();
        var refusal = AdminGate.Headers(context.Request, hosts);
        if (refusal.IsNone)
        {
            try
            {
                bytes = await ReadAsync(context).ConfigureAwait(false);
                refusal = AdminGate.Signature(context.Request, bytes, verifier);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                refusal = AdminGate.TooLarge;
            }
        }

        await refusal.Match(
            Some: refused => WriteAsync(context, refused.Status, refused.Message, static (w, m) => w.WriteString("error", m)),
            None: () => RouteAsync(context, bytes)).ConfigureAwait(false);
    }

    private async Task RouteAsync(HttpContext context, byte[] bytes)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var method = context.Request.Method;
        try
        {
            if (HttpMethods.IsPost(method) && path == "/_local/tasks")
            {
                using var body = Parse(bytes);
                var error = AdminRequests.Task(body.RootElement, out var request);
                if (error is not null)
                {
                    await WriteAsync(context, 400, error, static (w, m) => w.WriteString("error", m)).ConfigureAwait(false);
                    return;
                }

                var handle = local.EnqueueTask(request!.ActivityArn, request.Input, request.Options);
                await WriteAsync(context, 200, handle.Id, static (w, id) => w.WriteString("taskId", id)).ConfigureAwait(false);
            }
            else if (HttpMethods.IsGet(method) && path.StartsWith("/_local/tasks/", StringComparison.Ordinal))
            {
                var handle = local.FindTask(path["/_local/tasks/".Length..]);
                if (handle is null)
                {
                    await WriteAsync(context, 404, "No such task.", static (w, m) => w.WriteString("error", m)).ConfigureAwait(false);
                    return;
                }

                await WriteAsync(context, 200, handle, WriteTask).ConfigureAwait(false);
            }
            else if (HttpMethods.IsGet(method) && path == "/_local/counters")
            {
                await WriteAsync(context, 200, local.Counters, WriteCounters).ConfigureAwait(false);
            }
            else if (HttpMethods.IsPost(method) && path == "/_local/faults")
            {
                using var body = Parse(bytes);
                var error = AdminRequests.Fault(body.RootElement, out var request);
                if (error is not null)
                {
                    await WriteAsync(context, 400, error, static (w, m) => w.WriteString("error", m)).ConfigureAwait(false);
                    return;
                }

                local.Faults.Add(request!.Operation, request.Fault, request.Times);
                await WriteAsync(context, 200, 0, static (_, _) => { }).ConfigureAwait(false);
            }
            else if (HttpMethods.IsDelete(method) && path == "/_local/faults")
            {
                local.Faults.Clear();
                await WriteAsync(context, 200, 0, static (_, _) => { }).ConfigureAwait(false);
            }
            else if (AllowedMethods(path) is { } allowed)
            {
                context.Response.Headers.Allow = allowed;
                await WriteAsync(context, 405, $"{method} is not allowed on {path} (allowed: {allowed}).", static (w, m) => w.WriteString("error", m)).ConfigureAwait(false);
            }
            else
            {
                await WriteAsync(context, 404, "No such route.", static (w, m) => w.WriteString("error", m)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is ArgumentException or JsonException or InvalidOperationException or FormatException)
        {
            await WriteAsync(context, 400, e.Message, static (w, m) => w.WriteString("error", m)).ConfigureAwait(false);
        }
    }

    /// <summary>The methods a known admin path answers; null for a path that is no route.</summary>
    private static string? AllowedMethods(string path) => path switch
    {
        "/_local/tasks" => "POST",
        "/_local/counters" => "GET",
        "/_local/faults" => "POST, DELETE",
        _ when path.StartsWith("/_local/tasks/", StringComparison.Ordinal) => "GET",
        _ => null,
    };

    private static void WriteTask(Utf8JsonWriter w, LocalTaskHandle handle)
    {
        w.WriteString("taskId", handle.Id);
        w.WriteString("activityArn", handle.ActivityArn);
        w.WriteNumber("deliveries", handle.Deliveries);
        if (!handle.Outcome.IsCompleted)
        {
            w.WriteString("status", "pending");
            return;
        }

        switch (handle.Outcome.Result)
        {
            case LocalTaskSucceeded s:
                w.WriteString("status", "succeeded");
                w.WriteString("output", s.Output);
                break;
            case LocalTaskFailed f:
                w.WriteString("status", "failed");
                w.WriteString("error", f.Error);
                w.WriteString("cause", f.Cause);
                break;
            case LocalTaskTimedOut t:
                w.WriteString("status", "timedOut");
                w.WriteString("timeout", t.Kind == LocalTimeoutKind.Task ? "task" : "heartbeat");
                break;
        }
    }

    private static void WriteCounters(Utf8JsonWriter w, LocalCounters c)
    {
        w.WriteNumber("pollsServed", c.PollsServed);
        w.WriteNumber("pollsAnsweredEmpty", c.PollsAnsweredEmpty);
        w.WriteNumber("tasksDispatched", c.TasksDispatched);
        w.WriteNumber("tasksCompleted", c.TasksCompleted);
        w.WriteNumber("tasksFailed", c.TasksFailed);
        w.WriteNumber("tasksTimedOut", c.TasksTimedOut);
        w.WriteNumber("tasksRedelivered", c.TasksRedelivered);
        w.WriteNumber("deliveriesLost", c.DeliveriesLost);
    }

    private static async Task<byte[]> ReadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private static JsonDocument Parse(byte[] bytes)
    {
        var document = JsonDocument.Parse(bytes);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new ArgumentException("The body must be a JSON object.");
        }

        if (!RequestJson.Decodable(document.RootElement))
        {
            document.Dispose();
            throw new ArgumentException("The body has a string that is not valid UTF-8 or has a lone surrogate escape.");
        }

        if (AdminFields.Unambiguous(document.RootElement) is { } ambiguity)
        {
            document.Dispose();
            throw new ArgumentException(ambiguity);
        }

        return document;
    }

    private static async Task WriteAsync<T>(HttpContext context, int status, T state, Action<Utf8JsonWriter, T> write)
    {
        var body = RequestJson.Write((state, write), static (w, s) =>
        {
            w.WriteStartObject();
            s.write(w, s.state);
            w.WriteEndObject();
        });
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
