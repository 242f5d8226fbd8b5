using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ActivityCore.Tests.Local.Http;

/// <summary>Every admin field is typed and range-checked before anything is admitted: a refused request leaves no trace.</summary>
public class AdminInputTests
{
    private static List<(string, string)> Json(LocalServer s) => [("Host", s.Local.ServiceUrl.Authority), ("Content-Type", "application/json")];

    private static Task<RawResponse> EnqueueAsync(LocalServer s, string body) =>
        RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/_local/tasks", Json(s), body);

    [Theory]
    [InlineData("\"taskTimeoutSeconds\":-5", "taskTimeoutSeconds")]
    [InlineData("\"taskTimeoutSeconds\":0", "taskTimeoutSeconds")]
    [InlineData("\"taskTimeoutSeconds\":1e300", "taskTimeoutSeconds")]
    [InlineData("\"taskTimeoutSeconds\":100000000", "taskTimeoutSeconds")]
    [InlineData("\"taskTimeoutSeconds\":\"1\"", "taskTimeoutSeconds")]
    [InlineData("\"taskTimeoutSeconds\":true", "taskTimeoutSeconds")]
    [InlineData("\"heartbeatTimeoutSeconds\":-1", "heartbeatTimeoutSeconds")]
    [InlineData("\"heartbeatTimeoutSeconds\":1e300", "heartbeatTimeoutSeconds")]
    [InlineData("\"heartbeatTimeoutSeconds\":\"30\"", "heartbeatTimeoutSeconds")]
    [InlineData("\"heartbeatTimeoutSeconds\":[30]", "heartbeatTimeoutSeconds")]
    [InlineData("\"input\":{\"x\":1}", "input")]
    [InlineData("\"input\":5", "input")]
    [InlineData("\"input\":\"not json\"", "input")]
    [InlineData("\"maxAttempts\":0", "maxAttempts")]
    [InlineData("\"maxAttempts\":1.5", "maxAttempts")]
    [InlineData("\"maxAttempts\":\"2\"", "maxAttempts")]
    [InlineData("\"maxAttempts\":1e300", "maxAttempts")]
    [InlineData("\"heartbeatTimeout\":30", "heartbeatTimeout")]
    [InlineData("\"kmsAccessDenied\":1", "kmsAccessDenied")]
    [InlineData("\"kmsAccessDenied\":\"true\"", "kmsAccessDenied")]
    public async Task A_bad_task_field_is_400_naming_it_and_admits_nothing(string member, string field)
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("fields");
        var input = "\"input\":\"{\\\"big\\\":\\\"" + new string('x', 100_000) + "\\\"}\"";
        var body = member.StartsWith("\"input\"", StringComparison.Ordinal) ? $$"""{"activityArn":"{{arn}}",{{member}}}""" : $$"""{"activityArn":"{{arn}}",{{input}},{{member}}}""";

        var r = await EnqueueAsync(s, body);

        Assert.Equal(400, r.Status);
        Assert.Contains("'" + field + "'", r.Error, StringComparison.Ordinal);
        Assert.Equal(0, s.Local.TrackedTasks);
        Assert.Null((await s.Client.PollAsync(arn)).String("taskToken"));
    }

    [Theory]
    [InlineData("{\"input\":\"{}\"}", "activityArn")]
    [InlineData("{\"activityArn\":5}", "activityArn")]
    public async Task A_missing_or_mistyped_activityArn_is_400_naming_it(string body, string field)
    {
        await using var s = await LocalServer.StartAsync();
        var r = await EnqueueAsync(s, body);
        Assert.Equal(400, r.Status);
        Assert.Contains("'" + field + "'", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_issue_probe_a_one_year_heartbeat_timeout_is_served_and_the_poll_that_takes_the_task_gets_it()
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("year");
        var enqueued = await EnqueueAsync(s, $$"""{"activityArn":"{{arn}}","input":"{\"x\":1}","heartbeatTimeoutSeconds":31536000,"taskTimeoutSeconds":99999999}""");
        Assert.Equal(200, enqueued.Status);

        var poll = await s.Client.PollAsync(arn);

        Assert.Equal(200, poll.Status);
        var token = poll.String("taskToken");
        Assert.NotNull(token);
        Assert.Equal(200, (await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = token })).Status);
        Assert.Equal(200, (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = "{}" })).Status);
    }

    [Fact]
    public async Task A_task_enqueued_with_kmsAccessDenied_refuses_a_success_and_accepts_an_empty_failure()
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("kms");
        var id = (await EnqueueAsync(s, $$"""{"activityArn":"{{arn}}","kmsAccessDenied":true}""")).Json.GetProperty("taskId").GetString()!;
        var token = (await s.Client.PollAsync(arn)).String("taskToken");

        var refused = await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = "{}" });
        Assert.Equal((400, "KmsAccessDeniedException"), (refused.Status, refused.Code));
        Assert.Equal(200, (await s.Client.CallAsync("SendTaskFailure", new { taskToken = token })).Status);
        Assert.IsType<LocalTaskFailed>(await s.Local.FindTask(id)!.Outcome);
    }

    [Theory]
    [InlineData("heartbeatTimeoutSeconds", 31_536_000)]
    [InlineData("heartbeatTimeoutSeconds", 99_999_999)]
    [InlineData("taskTimeoutSeconds", 99_999_999)]
    public async Task Timeouts_up_to_99_999_999_seconds_hold_and_fire_on_time(string field, int seconds)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var s = await LocalServer.StartAsync(o => o.TimeProvider = time);
        var arn = s.Local.CreateActivity("long");
        var id = (await EnqueueAsync(s, $$"""{"activityArn":"{{arn}}","{{field}}":{{seconds}}}""")).Json.GetProperty("taskId").GetString()!;
        var task = s.Local.FindTask(id)!;
        Assert.NotNull((await s.Client.PollAsync(arn)).String("taskToken"));

        time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromSeconds(1));
        Assert.False(task.Outcome.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var outcome = Assert.IsType<LocalTaskTimedOut>(await task.Outcome.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(field.StartsWith("task", StringComparison.Ordinal) ? LocalTimeoutKind.Task : LocalTimeoutKind.Heartbeat, outcome.Kind);
    }

    [Fact]
    public async Task A_negative_timeout_through_the_NET_API_throws_and_leaves_no_trace()
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("api");
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Local.EnqueueTask(arn, "{}", new LocalTaskOptions { TaskTimeout = TimeSpan.FromSeconds(-5) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Local.EnqueueTask(arn, "{}", new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromMilliseconds(-1) }));
        Assert.Equal(0, s.Local.TrackedTasks);
    }

    [Theory]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"delay\",\"delayMs\":1e20}", "delayMs")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"delay\",\"delayMs\":-1}", "delayMs")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"delay\",\"delayMs\":\"10\"}", "delayMs")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"delay\"}", "delayMs")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"error\",\"code\":\"X\",\"status\":200}", "status")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"error\",\"code\":\"X\",\"status\":\"503\"}", "status")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"error\",\"code\":\"X\",\"status\":1e300}", "status")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"error\"}", "code")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"error\",\"code\":5}", "code")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"error\",\"code\":\"X\",\"message\":5}", "message")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"dropAfterDispatch\",\"times\":0}", "times")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"dropAfterDispatch\",\"times\":\"2\"}", "times")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"dropAfterDispatch\",\"times\":1.5}", "times")]
    [InlineData("{\"operation\":\"1\",\"kind\":\"dropAfterDispatch\"}", "operation")]
    [InlineData("{\"operation\":\"getactivitytask\",\"kind\":\"dropAfterDispatch\"}", "operation")]
    [InlineData("{\"kind\":\"dropAfterDispatch\"}", "operation")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"explode\"}", "kind")]
    [InlineData("{\"operation\":\"GetActivityTask\"}", "kind")]
    [InlineData("{\"operation\":\"GetActivityTask\",\"kind\":\"dropAfterDispatch\",\"delay\":5}", "delay")]
    public async Task A_bad_fault_field_is_400_naming_it_and_adds_no_fault(string body, string field)
    {
        await using var s = await LocalServer.StartAsync();
        var r = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/_local/faults", Json(s), body);
        Assert.Equal(400, r.Status);
        Assert.Contains("'" + field + "'", r.Error, StringComparison.Ordinal);
        foreach (var operation in Enum.GetValues<LocalOperation>())
        {
            Assert.Equal(0, s.Local.Faults.Pending(operation));
        }
    }

    [Fact]
    public async Task A_fault_delay_longer_than_a_timer_can_hold_waits_it_out()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var s = await LocalServer.StartAsync(o => o.TimeProvider = time);
        var added = await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/_local/faults", Json(s), """{"operation":"ListActivities","kind":"delay","delayMs":5000000000}""");
        Assert.Equal(200, added.Status);

        var call = s.Client.CallAsync("ListActivities", new { });
        await WaitUntilAsync(() => s.Local.Faults.Pending(LocalOperation.ListActivities) == 0);
        await Task.Delay(100);
        time.Advance(TimeSpan.FromMilliseconds(4_999_999_000));
        await Task.Delay(100);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(200, (await call.WaitAsync(TimeSpan.FromSeconds(10))).Status);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        Assert.True(condition());
    }
}
