using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Local.Service;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Local;

public class PollTests
{
    [Fact]
    public async Task An_empty_poll_is_held_for_the_hold_time_then_answered_without_a_token()
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("idle");
        var clock = Stopwatch.StartNew();
        var r = await s.Client.PollAsync(arn);
        Assert.Equal(200, r.Status);
        Assert.Equal("{}", r.Body);
        Assert.Null(r.String("taskToken"));
        Assert.InRange(clock.Elapsed, LocalServer.ShortHold - TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(2));
        Assert.Equal(1, s.Local.Counters.PollsServed);
        Assert.Equal(1, s.Local.Counters.PollsAnsweredEmpty);
    }

    [Fact]
    public async Task The_hold_time_runs_on_the_given_clock_and_defaults_to_60_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), new LocalStepFunctionsOptions().PollHoldTime);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var s = await LocalServer.StartAsync(o => { o.TimeProvider = time; o.PollHoldTime = TimeSpan.FromSeconds(60); });
        var arn = s.Local.CreateActivity("held");
        var poll = s.Client.PollAsync(arn);
        await Eventually.TrueAsync(() => s.Local.HeldPolls(arn) == 1);
        time.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(100);
        Assert.False(poll.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("{}", (await poll).Body);
    }

    [Fact]
    public async Task A_held_poll_is_answered_the_moment_a_task_arrives()
    {
        await using var s = await LocalServer.StartAsync(o => o.PollHoldTime = TimeSpan.FromSeconds(5));
        var arn = s.Local.CreateActivity("prompt");
        var clock = Stopwatch.StartNew();
        var poll = s.Client.PollAsync(arn);
        await Eventually.TrueAsync(() => s.Local.HeldPolls(arn) == 1);
        s.Local.EnqueueTask(arn, """{"n":1}""");
        var r = await poll;
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), clock.Elapsed.ToString());
        Assert.Equal("""{"n":1}""", r.String("input"));
        Assert.NotNull(r.String("taskToken"));
    }

    [Fact]
    public async Task A_queued_task_is_answered_at_once_with_a_long_opaque_token_and_the_input_escaped()
    {
        await using var s = await LocalServer.StartAsync(o => o.PollHoldTime = TimeSpan.FromSeconds(30));
        var arn = s.Local.CreateActivity("queued");
        s.Local.EnqueueTask(arn, """{"text":"a \"quoted\" line\n"}""");
        var r = await s.Client.PollAsync(arn);
        Assert.Equal(200, r.Status);
        Assert.Equal("""{"text":"a \"quoted\" line\n"}""", r.String("input"));
        var token = r.String("taskToken")!;
        Assert.InRange(token.Length, 600, 2048);
        Assert.Matches("^[A-Za-z0-9_-]+$", token);
        Assert.EndsWith("""input":"{\"text\":\"a \\\"quoted\\\" line\\n\"}"}""", r.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_are_served_first_in_first_out_per_activity()
    {
        await using var s = await LocalServer.StartAsync();
        var a = s.Local.CreateActivity("fifo-a");
        var b = s.Local.CreateActivity("fifo-b");
        for (var i = 0; i < 5; i++)
        {
            s.Local.EnqueueTask(a, $$"""{"a":{{i}}}""");
            s.Local.EnqueueTask(b, $$"""{"b":{{i}}}""");
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($$"""{"b":{{i}}}""", (await s.Client.PollAsync(b)).String("input"));
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($$"""{"a":{{i}}}""", (await s.Client.PollAsync(a)).String("input"));
        }

        Assert.Equal("{}", (await s.Client.PollAsync(a)).Body);
    }

    [Fact]
    public async Task Held_polls_are_served_in_arrival_order_and_each_task_goes_to_exactly_one()
    {
        await using var s = await LocalServer.StartAsync(o => o.PollHoldTime = TimeSpan.FromSeconds(5));
        var arn = s.Local.CreateActivity("many");
        var polls = Enumerable.Range(0, 4).Select(_ => s.Client.PollAsync(arn)).ToArray();
        await Eventually.TrueAsync(() => s.Local.HeldPolls(arn) == 4);
        for (var i = 0; i < 4; i++)
        {
            s.Local.EnqueueTask(arn, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var inputs = (await Task.WhenAll(polls)).Select(r => r.String("input")!).Order().ToArray();
        Assert.Equal(["0", "1", "2", "3"], inputs);
        Assert.Equal(4, s.Local.Counters.TasksDispatched);
    }

    [Fact]
    public async Task The_longest_held_poll_gets_the_next_task()
    {
        await using var s = await LocalServer.StartAsync(o => o.PollHoldTime = TimeSpan.FromSeconds(5));
        var arn = s.Local.CreateActivity("order");
        var first = s.Client.PollAsync(arn);
        await Eventually.TrueAsync(() => s.Local.HeldPolls(arn) == 1);
        var second = s.Client.PollAsync(arn);
        await Eventually.TrueAsync(() => s.Local.HeldPolls(arn) == 2);
        s.Local.EnqueueTask(arn, "\"x\"");
        Assert.Equal("\"x\"", (await first).String("input"));
        Assert.False(second.IsCompleted);
        s.Local.EnqueueTask(arn, "\"y\"");
        Assert.Equal("\"y\"", (await second).String("input"));
    }

    [Fact]
    public async Task Deleting_an_activity_answers_its_held_polls_empty()
    {
        await using var s = await LocalServer.StartAsync(o => o.PollHoldTime = TimeSpan.FromSeconds(10));
        var arn = s.Local.CreateActivity("doomed");
        var poll = s.Client.PollAsync(arn);
        await Eventually.TrueAsync(() => s.Local.HeldPolls(arn) == 1);
        var clock = Stopwatch.StartNew();
        await s.Client.CallAsync("DeleteActivity", new { activityArn = arn });
        var r = await poll;
        Assert.Equal("{}", r.Body);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void A_poll_checked_before_a_DeleteActivity_but_held_after_it_is_refused_not_held()
    {
        // The interleaving that used to hold a poll for its whole hold time on a deleted activity, made deterministic:
        // the operation's own existence check passes, DeleteActivity runs (remove, then release the held polls), then
        // the poll reaches the board. The board checks existence again under the same lock as the hold.
        var gate = new object();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var registry = new ActivityCore.Local.Service.ActivityRegistry(gate, "us-east-1", "123456789012", time, 10);
        using var board = new ActivityCore.Local.Service.TaskBoard(
            gate, time, new LocalCounters(), TimeSpan.FromSeconds(60), 10, 10, arn => registry.Find(arn).IsSome);
        var activity = registry.Create("doomed", ActivityCore.Local.Service.ActivityEncryption.Default, []).Match(Right: static a => a, Left: static e => throw new Xunit.Sdk.XunitException("created: " + e));
        Assert.True(registry.Find(activity.Arn).IsSome); // the operation's check

        registry.Remove(activity.Arn); // DeleteActivity
        board.ReleaseAll(activity.Arn);

        var polled = board.Poll(activity.Arn);
        Assert.Equal("ActivityDoesNotExist", polled.Match(Right: static _ => "held", Left: static e => e.Code));
        Assert.Equal(0, board.HeldPolls(activity.Arn));
        Assert.True(board.Enqueue(activity.Arn, "{}", new LocalTaskOptions()).IsNone);
    }

    [Fact]
    public async Task A_client_that_gives_up_on_a_held_poll_gets_no_task_and_loses_none()
    {
        await using var s = await LocalServer.StartAsync(o => o.PollHoldTime = TimeSpan.FromSeconds(10));
        var arn = s.Local.CreateActivity("impatient");
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => s.Client.PollAsync(arn, cancel.Token));
        }

        await Eventually.TrueAsync(() => s.Local.HeldPolls(arn) == 0);
        var task = s.Local.EnqueueTask(arn, "{}");
        var r = await s.Client.PollAsync(arn);
        Assert.NotNull(r.String("taskToken"));
        Assert.Equal(1, s.Local.Counters.TasksDispatched);
        Assert.Equal(0, s.Local.Counters.DeliveriesLost);
        Assert.Equal(1, task.Deliveries);
    }

    [Fact]
    public async Task Too_many_held_polls_is_ActivityWorkerLimitExceeded()
    {
        await using var s = await LocalServer.StartAsync(o => { o.PollHoldTime = TimeSpan.FromSeconds(2); o.MaxPollersPerActivity = 1; });
        var arn = s.Local.CreateActivity("busy");
        var held = s.Client.PollAsync(arn);
        await Eventually.TrueAsync(() => s.Local.HeldPolls(arn) == 1);
        Assert.Equal("ActivityWorkerLimitExceeded", (await s.Client.PollAsync(arn)).Code);
        s.Local.EnqueueTask(arn, "{}");
        Assert.NotNull((await held).String("taskToken"));
    }

    [Fact]
    public async Task WorkerName_is_optional_and_limited_to_80()
    {
        await using var s = await LocalServer.StartAsync(o => o.PollHoldTime = TimeSpan.Zero);
        var arn = s.Local.CreateActivity("w");
        Assert.Equal(200, (await s.Client.CallAsync("GetActivityTask", new { activityArn = arn })).Status);
        Assert.Equal(200, (await s.Client.CallAsync("GetActivityTask", new { activityArn = arn, workerName = new string('w', 80) })).Status);
        Assert.Equal("ValidationException", (await s.Client.CallAsync("GetActivityTask", new { activityArn = arn, workerName = new string('w', 81) })).Code);
        Assert.Equal("ValidationException", (await s.Client.CallAsync("GetActivityTask", new { activityArn = arn, workerName = "" })).Code);
    }

    [Fact]
    public async Task Disposing_the_endpoint_answers_held_polls_empty()
    {
        var s = await LocalServer.StartAsync(o => o.PollHoldTime = TimeSpan.FromSeconds(30));
        var arn = s.Local.CreateActivity("closing");
        var poll = s.Client.PollAsync(arn);
        await Eventually.TrueAsync(() => s.Local.HeldPolls(arn) == 1);
        var dispose = s.Local.DisposeAsync().AsTask();
        Assert.Equal("{}", (await poll).Body);
        await dispose;
        s.Client.Dispose();
    }
}

internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), "condition not met in 2 s");
            await Task.Delay(10);
        }
    }
}
