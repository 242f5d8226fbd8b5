using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local.Service;

namespace ActivityCore.Local.Protocol;

/// <summary>GetActivityTask and the three SendTask operations, as the service answers them.</summary>
internal sealed class TaskOperations(ActivityOperations activities, TaskBoard board)
{
    internal const int MaxOutputBytes = 262_144;
    internal const int MaxErrorLength = 256;
    internal const int MaxCauseLength = 32_768;
    internal const int MaxWorkerNameLength = 80;

    /// <summary>
    /// Holds the poll until a task arrives, the hold time elapses, the activity is deleted or the
    /// client goes away (<paramref name="clientGone"/>: the waiter is released without a task).
    /// </summary>
    internal async Task<Reply> GetActivityTaskAsync(JsonElement request, CancellationToken clientGone)
    {
        string? workerName = null;
        var error = activities.ExistingActivity(request, out var activity);
        error ??= RequestJson.String(request, "workerName", required: false, out workerName);
        error ??= RequestJson.Length(workerName, "workerName", 1, MaxWorkerNameLength);
        if (error is not null)
        {
            return Reply.Of(error);
        }

        error = board.Poll(activity!.Arn, out var waiter);
        if (error is not null)
        {
            return Reply.Of(error);
        }

        using (clientGone.Register(static state => ((Waiting)state!).Release(), new Waiting(board, waiter)))
        {
            var delivery = await waiter.Answer.Task.ConfigureAwait(false);
            if (delivery is null)
            {
                return Reply.Empty(isPoll: true);
            }

            return Reply.Ok(
                RequestJson.Write(delivery, static (w, d) =>
                {
                    w.WriteStartObject();
                    w.WriteString("taskToken", d.Token);
                    w.WriteString("input", d.Task.Input);
                    w.WriteEndObject();
                }),
                delivery.Task);
        }
    }

    internal Reply SendTaskSuccess(JsonElement request)
    {
        string? output = null;
        var error = Token(request, out var token);
        error ??= RequestJson.String(request, "output", required: true, out output);
        if (error is not null)
        {
            return Reply.Of(error);
        }

        if (Encoding.UTF8.GetByteCount(output!) > MaxOutputBytes)
        {
            return Reply.Of(ServiceError.Client("InvalidOutput", $"Invalid Output: 'The output exceeds the maximum size of {MaxOutputBytes} bytes'"));
        }

        if (!RequestJson.IsJson(output!))
        {
            return Reply.Of(ServiceError.Client("InvalidOutput", "Invalid Output: 'The output is not valid JSON'"));
        }

        return Result(board.Succeed(token!, output!));
    }

    internal Reply SendTaskFailure(JsonElement request)
    {
        string? code = null;
        string? cause = null;
        var error = Token(request, out var token);
        error ??= RequestJson.String(request, "error", required: false, out code);
        error ??= RequestJson.Length(code, "error", 0, MaxErrorLength);
        error ??= RequestJson.String(request, "cause", required: false, out cause);
        error ??= RequestJson.Length(cause, "cause", 0, MaxCauseLength);
        return error is not null ? Reply.Of(error) : Result(board.Fail(token!, code, cause));
    }

    internal Reply SendTaskHeartbeat(JsonElement request)
    {
        var error = Token(request, out var token);
        return error is not null ? Reply.Of(error) : Result(board.Heartbeat(token!));
    }

    private static Reply Result(ServiceError? error) => error is null ? Reply.Empty() : Reply.Of(error);

    /// <summary>A token member: required; <c>InvalidToken</c> unless it has the shape of one this endpoint issues.</summary>
    private static ServiceError? Token(JsonElement request, out string? token)
    {
        var error = RequestJson.String(request, "taskToken", required: true, out token);
        if (error is not null)
        {
            return error;
        }

        return TaskTokens.IsWellFormed(token!) ? null : ServiceError.InvalidToken("Invalid token");
    }

    private sealed class Waiting(TaskBoard board, PollWaiter waiter)
    {
        internal void Release() => board.Release(waiter);
    }
}
