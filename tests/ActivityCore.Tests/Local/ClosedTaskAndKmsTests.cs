using System;
using System.Threading.Tasks;
using ActivityCore.Local;
using Xunit;

namespace ActivityCore.Tests.Local;

/// <summary>
/// The answer to the token of a task already closed (<see cref="LocalStepFunctionsOptions.ClosedTaskAnswer"/>), and the KMS
/// fault of a task (<see cref="LocalTaskOptions.KmsAccessDenied"/>), on the wire.
/// </summary>
public class ClosedTaskAndKmsTests
{
    private static async Task<(LocalServer Server, LocalTaskHandle Task, string Token)> DispatchedAsync(
        LocalClosedTaskAnswer closed = LocalClosedTaskAnswer.TaskDoesNotExist, LocalTaskOptions? options = null)
    {
        var s = await LocalServer.StartAsync(o => o.ClosedTaskAnswer = closed);
        var arn = s.Local.CreateActivity("work");
        var task = s.Local.EnqueueTask(arn, """{"job":1}""", options);
        var poll = await s.Client.PollAsync(arn);
        return (s, task, poll.String("taskToken")!);
    }

    [Theory]
    [InlineData(LocalClosedTaskAnswer.TaskDoesNotExist, "TaskDoesNotExist")]
    [InlineData(LocalClosedTaskAnswer.TaskTimedOut, "TaskTimedOut")]
    public async Task A_report_with_the_token_of_a_closed_task_answers_as_configured(LocalClosedTaskAnswer closed, string code)
    {
        var (s, task, token) = await DispatchedAsync(closed);
        await using var owned = s;
        Assert.Equal(200, (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = "1" })).Status);
        Assert.IsType<LocalTaskSucceeded>(await task.Outcome);

        foreach (var (operation, request) in new (string, object)[]
                 {
                     ("SendTaskSuccess", new { taskToken = token, output = "1" }),
                     ("SendTaskFailure", new { taskToken = token, error = "E" }),
                     ("SendTaskHeartbeat", new { taskToken = token }),
                 })
        {
            var again = await s.Client.CallAsync(operation, request);
            Assert.Equal(400, again.Status);
            Assert.Equal(code, again.Code);
        }

        Assert.Equal(1, s.Local.Counters.TasksCompleted);
    }

    [Fact]
    public async Task A_token_never_issued_still_answers_TaskDoesNotExist_when_closed_tasks_answer_TaskTimedOut()
    {
        var (s, _, token) = await DispatchedAsync(LocalClosedTaskAnswer.TaskTimedOut);
        await using var owned = s;
        var other = token[..^8] + (token[^8] == 'A' ? "BBBBBBBB" : "AAAAAAAA");
        var r = await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = other });
        Assert.Equal(400, r.Status);
        Assert.Contains(r.Code, new[] { "TaskDoesNotExist", "InvalidToken" });
    }

    [Fact]
    public async Task A_closed_task_answer_outside_the_enum_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { ClosedTaskAnswer = (LocalClosedTaskAnswer)9 }));
    }

    [Fact]
    public async Task A_task_whose_key_the_caller_may_not_use_refuses_reports_with_data_and_accepts_an_empty_failure()
    {
        var (s, task, token) = await DispatchedAsync(options: new LocalTaskOptions { KmsAccessDenied = true });
        await using var owned = s;

        var success = await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = "1" });
        Assert.Equal((400, "KmsAccessDeniedException"), (success.Status, success.Code));
        var withError = await s.Client.CallAsync("SendTaskFailure", new { taskToken = token, error = "E" });
        Assert.Equal((400, "KmsAccessDeniedException"), (withError.Status, withError.Code));
        var withCause = await s.Client.CallAsync("SendTaskFailure", new { taskToken = token, cause = "" });
        Assert.Equal((400, "KmsAccessDeniedException"), (withCause.Status, withCause.Code));
        Assert.Equal(200, (await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = token })).Status);
        Assert.False(task.Outcome.IsCompleted);

        Assert.Equal(200, (await s.Client.CallAsync("SendTaskFailure", new { taskToken = token })).Status);
        Assert.Equal(new LocalTaskFailed(null, null), await task.Outcome);
        Assert.Equal(1, s.Local.Counters.TasksFailed);
    }

    [Theory]
    [InlineData("TaskTimedOut", LocalClosedTaskAnswer.TaskTimedOut)]
    [InlineData("TaskDoesNotExist", LocalClosedTaskAnswer.TaskDoesNotExist)]
    public void The_standalone_server_takes_the_closed_task_answer_on_its_command_line(string value, LocalClosedTaskAnswer expected)
    {
        var (options, error, _) = CommandLine.Parse(["--closed-task-answer", value], static _ => null);
        Assert.Null(error);
        Assert.Equal(expected, options!.ClosedTaskAnswer);
        Assert.Equal(LocalClosedTaskAnswer.TaskDoesNotExist, CommandLine.Parse([], static _ => null).Options!.ClosedTaskAnswer);
    }

    [Theory]
    [InlineData("tasktimedout")]
    [InlineData("1")]
    [InlineData("InvalidToken")]
    public void Another_closed_task_answer_on_the_command_line_is_refused(string value)
    {
        var (options, error, _) = CommandLine.Parse(["--closed-task-answer", value], static _ => null);
        Assert.Null(options);
        Assert.Contains("--closed-task-answer must be TaskDoesNotExist or TaskTimedOut", error, StringComparison.Ordinal);
    }
}
