using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local.Service;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Protocol;

/// <summary>GetActivityTask and the three SendTask operations, as the service answers them.</summary>
internal sealed class TaskOperations(ActivityOperations activities, TaskBoard board)
{
    /// <summary>
    /// Holds the poll until a task arrives, the hold time elapses, the activity is deleted or the
    /// client goes away (<paramref name="clientGone"/>: the waiter is released without a task).
    /// </summary>
    internal async Task<Reply> GetActivityTaskAsync(JsonElement request, CancellationToken clientGone)
    {
        string? workerName = null;
        var error = activities.ExistingActivity(request, out var activity);
        error ??= RequestJson.String(request, "workerName", required: false, out workerName);
        error ??= workerName is null ? null : WorkerName.Parse(workerName).MatchUnsafe(Right: static _ => null, Left: static e => ServiceError.Validation("workerName", e.Message));
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

        return TaskOutput.Parse(output).Match(
            Right: valid => Result(board.Succeed(token!, valid.Json)),
            Left: static e => Reply.Of(ServiceError.Client("InvalidOutput", "Invalid Output: 'The output " + e.Message + "'")));
    }

    internal Reply SendTaskFailure(JsonElement request)
    {
        string? code = null;
        string? cause = null;
        var error = Token(request, out var token);
        error ??= RequestJson.String(request, "error", required: false, out code);
        error ??= RequestJson.String(request, "cause", required: false, out cause);
        error ??= TaskFailure.Create(Optional(code), Optional(cause)).MatchUnsafe(
            Right: static _ => null,
            Left: static e => ServiceError.Validation(e.Field == "TaskFailure.Error" ? "error" : "cause", e.Message));
        return error is not null ? Reply.Of(error) : Result(board.Fail(token!, code, cause));
    }

    internal Reply SendTaskHeartbeat(JsonElement request)
    {
        var error = Token(request, out var token);
        return error is not null ? Reply.Of(error) : Result(board.Heartbeat(token!));
    }

    private static Reply Result(ServiceError? error) => error is null ? Reply.Empty() : Reply.Of(error);

    /// <summary>
    /// A token member: required; <c>InvalidToken</c> unless it is a token (1..2048 characters) of the
    /// shape this endpoint issues.
    /// </summary>
    private static ServiceError? Token(JsonElement request, out string? token)
    {
        var error = RequestJson.String(request, "taskToken", required: true, out token);
        if (error is not null)
        {
            return error;
        }

        return TaskToken.Parse(token).IsRight && TaskTokens.IsWellFormed(token!) ? null : ServiceError.InvalidToken("Invalid token");
    }

    private sealed class Waiting(TaskBoard board, PollWaiter waiter)
    {
        internal void Release() => board.Release(waiter);
    }
}
