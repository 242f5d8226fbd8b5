using System;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Local.Service;
using ActivityCore.Operations;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ActivityCore.Tests.Local;

public class TaskLifecycleTests
{
    private static async Task<(LocalServer Server, string Arn, LocalTaskHandle Task, string Token)> DispatchedAsync(
        LocalTaskOptions? options = null, FakeTimeProvider? time = null)
    {
        var s = await LocalServer.StartAsync(o =>
        {
            if (time is not null)
            {
                o.TimeProvider = time;
            }
        });
        var arn = s.Local.CreateActivity("work");
        var task = s.Local.EnqueueTask(arn, """{"job":1}""", options);
        var poll = await s.Client.PollAsync(arn);
        return (s, arn, task, poll.String("taskToken")!);
    }

    [Fact]
    public async Task SendTaskSuccess_completes_the_outcome_with_the_output()
    {
        var (s, _, task, token) = await DispatchedAsync();
        await using var owned = s;
        var r = await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = """{"ok":true}""" });
        Assert.Equal(200, r.Status);
        Assert.Equal("{}", r.Body);
        var outcome = Assert.IsType<LocalTaskSucceeded>(await task.Outcome);
        Assert.Equal("""{"ok":true}""", outcome.Output);
        Assert.Equal("ok", outcome.Match(_ => "ok", (_, _) => "failed", _ => "timed out"));
        Assert.Equal(1, s.Local.Counters.TasksCompleted);
    }

    [Fact]
    public async Task SendTaskFailure_completes_the_outcome_with_error_and_cause()
    {
        var (s, _, task, token) = await DispatchedAsync();
        await using var owned = s;
        var r = await s.Client.CallAsync("SendTaskFailure", new { taskToken = token, error = "Boom", cause = "it broke" });
        Assert.Equal(200, r.Status);
        Assert.Equal(new LocalTaskFailed("Boom", "it broke"), await task.Outcome);
        Assert.Equal(1, s.Local.Counters.TasksFailed);
    }

    [Fact]
    public async Task SendTaskFailure_without_error_or_cause_is_accepted()
    {
        var (s, _, task, token) = await DispatchedAsync();
        await using var owned = s;
        Assert.Equal(200, (await s.Client.CallAsync("SendTaskFailure", new { taskToken = token })).Status);
        Assert.Equal(new LocalTaskFailed(null, null), await task.Outcome);
    }

    [Fact]
    public async Task SendTaskFailure_limits_error_to_256_and_cause_to_32768()
    {
        var (s, _, task, token) = await DispatchedAsync();
        await using var owned = s;
        Assert.Equal("ValidationException", (await s.Client.CallAsync("SendTaskFailure", new { taskToken = token, error = new string('e', 257) })).Code);
        Assert.Equal("ValidationException", (await s.Client.CallAsync("SendTaskFailure", new { taskToken = token, cause = new string('c', 32_769) })).Code);
        Assert.False(task.Outcome.IsCompleted);
        Assert.Equal(200, (await s.Client.CallAsync("SendTaskFailure", new { taskToken = token, error = new string('e', 256), cause = new string('c', 32_768) })).Status);
    }

    [Fact]
    public async Task A_token_ends_once_then_is_TaskDoesNotExist()
    {
        var (s, _, _, token) = await DispatchedAsync();
        await using var owned = s;
        Assert.Equal(200, (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = "1" })).Status);
        Assert.Equal("TaskDoesNotExist", (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = "1" })).Code);
        Assert.Equal("TaskDoesNotExist", (await s.Client.CallAsync("SendTaskFailure", new { taskToken = token })).Code);
        Assert.Equal("TaskDoesNotExist", (await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = token })).Code);
    }

    [Fact]
    public async Task A_well_formed_token_never_issued_is_TaskDoesNotExist()
    {
        await using var s = await LocalServer.StartAsync();
        var token = ActivityCore.Local.Service.TaskTokens.NewToken();
        Assert.Equal("TaskDoesNotExist", (await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = token })).Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("nonsense")]
    [InlineData("AAAA")]
    public async Task A_malformed_token_is_InvalidToken(string taskToken)
    {
        await using var s = await LocalServer.StartAsync();
        foreach (var operation in new[] { "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat" })
        {
            var r = await s.Client.CallAsync(operation, new { taskToken, output = "{}" });
            Assert.Equal(400, r.Status);
            Assert.Equal("InvalidToken", r.Code);
        }
    }

    [Fact]
    public async Task A_real_token_altered_or_too_long_is_InvalidToken()
    {
        var (s, _, _, token) = await DispatchedAsync();
        await using var owned = s;
        var altered = (token[10] == 'A' ? "B" : "A") is var c ? token[..10] + c + token[11..] : token;
        Assert.Equal("InvalidToken", (await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = altered })).Code);
        Assert.Equal("InvalidToken", (await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = token[..^1] })).Code);
        Assert.Equal("InvalidToken", (await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = token + new string('A', 2048) })).Code);
        Assert.Equal(200, (await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = token })).Status);
    }

    [Fact]
    public async Task SendTaskSuccess_refuses_output_over_262144_bytes_or_not_json_with_InvalidOutput()
    {
        var (s, _, task, token) = await DispatchedAsync();
        await using var owned = s;
        var big = "\"" + new string('é', 131_071) + "\"";
        Assert.Equal(262_144, System.Text.Encoding.UTF8.GetByteCount(big));
        var tooBig = "\"" + new string('é', 131_072) + "\"";
        Assert.Equal("InvalidOutput", (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = tooBig })).Code);
        Assert.Equal("InvalidOutput", (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = "{not json" })).Code);
        Assert.Equal("ValidationException", (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token })).Code);
        Assert.False(task.Outcome.IsCompleted);
        Assert.Equal(200, (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = big })).Status);
        Assert.Equal(big, Assert.IsType<LocalTaskSucceeded>(await task.Outcome).Output);
    }

    [Fact]
    public async Task The_task_timeout_counts_from_enqueue_then_the_token_is_TaskTimedOut()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (s, _, task, token) = await DispatchedAsync(new LocalTaskOptions { TaskTimeout = TimeSpan.FromSeconds(30) }, time);
        await using var owned = s;
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(200, (await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = token })).Status);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new LocalTaskTimedOut(LocalTimeoutKind.Task), await task.Outcome);
        Assert.Equal("TaskTimedOut", (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = "{}" })).Code);
        Assert.Equal("TaskTimedOut", (await s.Client.CallAsync("SendTaskFailure", new { taskToken = token })).Code);
        Assert.Equal("TaskTimedOut", (await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = token })).Code);
        Assert.Equal(1, s.Local.Counters.TasksTimedOut);
    }

    [Fact]
    public async Task A_queued_task_times_out_without_ever_being_dispatched()
    {
        var time = new FakeTimeProvider();
        await using var s = await LocalServer.StartAsync(o => o.TimeProvider = time);
        var arn = s.Local.CreateActivity("nobody");
        var task = s.Local.EnqueueTask(arn, "{}", new LocalTaskOptions { TaskTimeout = TimeSpan.FromSeconds(5) });
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(new LocalTaskTimedOut(LocalTimeoutKind.Task), await task.Outcome);
        Assert.Equal(0, task.Deliveries);
        s.Local.EnqueueTask(arn, """{"next":1}""");
        Assert.Equal("""{"next":1}""", (await s.Client.PollAsync(arn)).String("input"));
    }

    [Fact]
    public async Task Heartbeats_keep_a_task_alive_and_their_absence_times_it_out()
    {
        var time = new FakeTimeProvider();
        var (s, _, task, token) = await DispatchedAsync(new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromSeconds(10) }, time);
        await using var owned = s;
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(9));
            var beat = await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = token });
            Assert.Equal(200, beat.Status);
            Assert.Equal("{}", beat.Body);
        }

        Assert.False(task.Outcome.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(new LocalTaskTimedOut(LocalTimeoutKind.Heartbeat), await task.Outcome);
        Assert.Equal("TaskTimedOut", (await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = token })).Code);
    }

    [Fact]
    public async Task A_task_with_attempts_left_is_redelivered_with_a_new_token_after_a_timeout()
    {
        var time = new FakeTimeProvider();
        var (s, arn, task, first) = await DispatchedAsync(new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromSeconds(10), MaxAttempts = 2 }, time);
        await using var owned = s;
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, s.Local.Counters.TasksRedelivered);
        Assert.Equal(1, s.Local.Counters.TasksTimedOut);
        Assert.False(task.Outcome.IsCompleted);
        var again = await s.Client.PollAsync(arn);
        var second = again.String("taskToken")!;
        Assert.NotEqual(first, second);
        Assert.Equal("""{"job":1}""", again.String("input"));
        Assert.Equal(2, task.Deliveries);
        Assert.Equal("TaskTimedOut", (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = first, output = "1" })).Code);
        Assert.Equal(200, (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = second, output = "2" })).Status);
        Assert.Equal(new LocalTaskSucceeded("2"), await task.Outcome);
    }

    [Fact]
    public async Task Counters_follow_the_life_of_tasks()
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("count");
        s.Local.EnqueueTask(arn, "1");
        s.Local.EnqueueTask(arn, "2");
        var a = (await s.Client.PollAsync(arn)).String("taskToken");
        var b = (await s.Client.PollAsync(arn)).String("taskToken");
        await s.Client.PollAsync(arn);
        await s.Client.CallAsync("SendTaskSuccess", new { taskToken = a, output = "{}" });
        await s.Client.CallAsync("SendTaskFailure", new { taskToken = b, error = "E" });
        var c = s.Local.Counters;
        Assert.Equal((3L, 1L, 2L, 1L, 1L, 0L, 0L, 0L), (c.PollsServed, c.PollsAnsweredEmpty, c.TasksDispatched, c.TasksCompleted, c.TasksFailed, c.TasksTimedOut, c.TasksRedelivered, c.DeliveriesLost));
        Assert.Contains("dispatched 2", c.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnqueueTask_refuses_an_unknown_activity_and_bad_input()
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("in");
        Assert.Throws<ArgumentException>(() => s.Local.EnqueueTask(arn + "x", "{}"));
        Assert.Throws<ArgumentException>(() => s.Local.EnqueueTask(arn, "{oops"));
        Assert.Throws<ArgumentException>(() => s.Local.EnqueueTask(arn, "\"" + new string('a', LocalStepFunctions.MaxInputLength) + "\""));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Local.EnqueueTask(arn, "{}", new LocalTaskOptions { MaxAttempts = 0 }));
        Assert.Throws<ArgumentException>(() => s.Local.CreateActivity("bad name"));
        var largest = "\"" + new string('a', LocalStepFunctions.MaxInputLength - 2) + "\"";
        s.Local.EnqueueTask(arn, largest);
        Assert.Equal(largest, (await s.Client.PollAsync(arn)).String("input"));
    }
}
