using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local.Service;
using ActivityCore.Operations;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Protocol;

/// <summary>GetActivityTask and the three SendTask operations, as the service answers them.</summary>
internal sealed class TaskOperations(ActivityOperations activities, TaskBoard board)
{
    /// <summary>
    /// Holds the poll until a task arrives, the hold time elapses, the activity is deleted or the
    /// client goes away (<paramref name="clientGone"/>: the waiter is released without a task).
    /// </summary>
    internal Task<Reply> GetActivityTaskAsync(JsonElement request, CancellationToken clientGone)
    {
        var polled =
            from activity in activities.ExistingActivity(request)
            from workerName in RequestJson.String(request, "workerName")
            from named in RequestJson.Check(workerName.Bind(InvalidWorkerName))
            from waiter in board.Poll(activity.Arn)
            select waiter;
        return polled.Match(
            Right: waiter => AnswerAsync(waiter, clientGone),
            Left: static error => Task.FromResult(Reply.Of(error)));
    }

    internal Reply SendTaskSuccess(JsonElement request) => Reply.Of(
        from token in Token(request)
        from output in RequestJson.RequiredString(request, "output")
        select (token, output),
        report => TaskOutput.Parse(report.output).Match(
            Right: valid => Reply.Done(board.Succeed(report.token, valid.Json)),
            Left: static e => Reply.Of(ServiceError.Client("InvalidOutput", "Invalid Output: 'The output " + e.Message + "'"))));

    internal Reply SendTaskFailure(JsonElement request) => Reply.Of(
        from token in Token(request)
        from code in RequestJson.String(request, "error")
        from cause in RequestJson.String(request, "cause")
        from failure in TaskFailure.Create(code, cause).MapLeft(
            static e => ServiceError.Validation(e.Field == "TaskFailure.Error" ? "error" : "cause", e.Message))
        select (token, failure),
        report => Reply.Done(board.Fail(report.token, report.failure)));

    internal Reply SendTaskHeartbeat(JsonElement request) =>
        Reply.Of(Token(request), token => Reply.Done(board.Heartbeat(token)));

    /// <summary>Waits for the poll's answer: a task, or empty.</summary>
    private async Task<Reply> AnswerAsync(PollWaiter waiter, CancellationToken clientGone)
    {
        using (clientGone.Register(static state => ((Waiting)state!).Release(), new Waiting(board, waiter)))
        {
            var answer = await waiter.Answer.Task.ConfigureAwait(false);
            return answer.Match(
                Some: static delivery => Reply.Ok(
                    RequestJson.Write(delivery, static (w, d) =>
                    {
                        w.WriteStartObject();
                        w.WriteString("taskToken", d.Token);
                        w.WriteString("input", d.Task.Input);
                        w.WriteEndObject();
                    }),
                    delivery.Task),
                None: static () => Reply.Empty(isPoll: true));
        }
    }

    /// <summary>The error for a <c>workerName</c> the service refuses; none for a valid one.</summary>
    private static Option<ServiceError> InvalidWorkerName(string workerName) => WorkerName.Parse(workerName).Match(
        Right: static _ => Option<ServiceError>.None,
        Left: static e => Some(ServiceError.Validation("workerName", e.Message)));

    /// <summary>
    /// A token member: required; <c>InvalidToken</c> unless it is a token (1..2048 characters) of the
    /// shape this endpoint issues.
    /// </summary>
    private static Either<ServiceError, string> Token(JsonElement request) =>
        RequestJson.RequiredString(request, "taskToken").Bind(static token =>
            TaskToken.Parse(token).IsRight && TaskTokens.IsWellFormed(token)
                ? Right<ServiceError, string>(token)
                : Left<ServiceError, string>(ServiceError.InvalidToken("Invalid token")));

    private sealed class Waiting(TaskBoard board, PollWaiter waiter)
    {
        internal void Release() => board.Release(waiter);
    }
}
