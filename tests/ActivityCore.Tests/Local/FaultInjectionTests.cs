using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Local.Service;
using ActivityCore.Operations;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ActivityCore.Tests.Local;

public class FaultInjectionTests
{
    [Fact]
    public async Task Throttling_answers_n_times_then_the_call_is_served()
    {
        await using var s = await LocalServer.StartAsync();
        s.Local.Faults.Add(LocalOperation.ListActivities, LocalFault.Throttling, times: 2);
        Assert.Equal(2, s.Local.Faults.Pending(LocalOperation.ListActivities));
        for (var i = 0; i < 2; i++)
        {
            var r = await s.Client.CallAsync("ListActivities", new { });
            Assert.Equal(400, r.Status);
            Assert.Equal("com.amazon.coral.availability#ThrottlingException", r.String("__type"));
            Assert.Equal("Rate exceeded", r.Message);
            Assert.StartsWith("ThrottlingException:", r.ErrorTypeHeader, StringComparison.Ordinal);
        }

        Assert.Equal(200, (await s.Client.CallAsync("ListActivities", new { })).Status);
        Assert.Equal(0, s.Local.Faults.Pending(LocalOperation.ListActivities));
    }

    [Fact]
    public async Task Faults_apply_per_operation_in_the_order_added()
    {
        await using var s = await LocalServer.StartAsync();
        s.Local.Faults.Add(LocalOperation.CreateActivity, LocalFault.InternalFailure);
        s.Local.Faults.Add(LocalOperation.CreateActivity, LocalFault.ServiceUnavailable);
        s.Local.Faults.Add(LocalOperation.CreateActivity, LocalFault.Error(400, "KmsThrottlingException", "slow down"));
        Assert.Equal(200, (await s.Client.CallAsync("ListActivities", new { })).Status);
        var first = await s.Client.CallAsync("CreateActivity", new { name = "f" });
        Assert.Equal((500, "InternalFailure"), (first.Status, first.Code));
        var second = await s.Client.CallAsync("CreateActivity", new { name = "f" });
        Assert.Equal((503, "ServiceUnavailable"), (second.Status, second.Code));
        var third = await s.Client.CallAsync("CreateActivity", new { name = "f" });
        Assert.Equal((400, "KmsThrottlingException", "slow down"), (third.Status, third.Code, third.Message));
        Assert.Equal(200, (await s.Client.CallAsync("CreateActivity", new { name = "f" })).Status);
    }

    [Fact]
    public async Task An_error_fault_on_a_poll_dispatches_nothing()
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("e");
        var task = s.Local.EnqueueTask(arn, "{}");
        s.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.ServiceUnavailable);
        Assert.Equal(503, (await s.Client.PollAsync(arn)).Status);
        Assert.Equal(0, task.Deliveries);
        Assert.NotNull((await s.Client.PollAsync(arn)).String("taskToken"));
    }

    [Fact]
    public async Task A_delay_waits_on_the_endpoint_clock_then_serves()
    {
        var time = new FakeTimeProvider();
        await using var s = await LocalServer.StartAsync(o => o.TimeProvider = time);
        s.Local.Faults.Add(LocalOperation.ListActivities, LocalFault.Delay(TimeSpan.FromSeconds(30)));
        var call = s.Client.CallAsync("ListActivities", new { });
        await Eventually.TrueAsync(() => s.Local.Faults.Pending(LocalOperation.ListActivities) == 0);
        await Task.Delay(100);
        Assert.False(call.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(200, (await call).Status);
    }

    [Fact]
    public async Task A_real_delay_slows_the_answer()
    {
        await using var s = await LocalServer.StartAsync();
        s.Local.Faults.Add(LocalOperation.ListActivities, LocalFault.Delay(TimeSpan.FromMilliseconds(300)));
        var clock = Stopwatch.StartNew();
        Assert.Equal(200, (await s.Client.CallAsync("ListActivities", new { })).Status);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), clock.Elapsed.ToString());
    }

    [Fact]
    public async Task Dropping_before_dispatch_loses_the_connection_but_not_the_task()
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("d");
        var task = s.Local.EnqueueTask(arn, "{}");
        s.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.DropBeforeDispatch);
        await Assert.ThrowsAsync<HttpRequestException>(() => s.Client.PollAsync(arn));
        Assert.Equal(0, s.Local.Counters.TasksDispatched);
        Assert.NotNull((await s.Client.PollAsync(arn)).String("taskToken"));
        Assert.Equal(1, task.Deliveries);
    }

    [Fact]
    public async Task Dropping_after_dispatch_loses_the_task_on_the_wire_and_it_times_out_counted()
    {
        var time = new FakeTimeProvider();
        await using var s = await LocalServer.StartAsync(o => o.TimeProvider = time);
        var arn = s.Local.CreateActivity("lost");
        var task = s.Local.EnqueueTask(arn, "{}", new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromSeconds(60) });
        s.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.DropAfterDispatch);
        await Assert.ThrowsAsync<HttpRequestException>(() => s.Client.PollAsync(arn));
        await Eventually.TrueAsync(() => s.Local.Counters.DeliveriesLost == 1);
        Assert.Equal(1, s.Local.Counters.TasksDispatched);
        Assert.Equal(1, task.Deliveries);
        var next = s.Client.PollAsync(arn);
        await Eventually.TrueAsync(() => s.Local.HeldPolls(arn) == 1);
        Assert.False(task.Outcome.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal("{}", (await next).Body);
        Assert.Equal(new LocalTaskTimedOut(LocalTimeoutKind.Heartbeat), await task.Outcome);
        Assert.Equal(1, s.Local.Counters.TasksTimedOut);
    }

    [Fact]
    public async Task A_lost_delivery_with_attempts_left_is_redelivered_after_its_timeout()
    {
        var time = new FakeTimeProvider();
        await using var s = await LocalServer.StartAsync(o => o.TimeProvider = time);
        var arn = s.Local.CreateActivity("again");
        var task = s.Local.EnqueueTask(arn, """{"x":1}""", new LocalTaskOptions { TaskTimeout = TimeSpan.FromSeconds(10), MaxAttempts = 2 });
        s.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.DropAfterDispatch);
        await Assert.ThrowsAsync<HttpRequestException>(() => s.Client.PollAsync(arn));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal((1L, 1L, 1L), (s.Local.Counters.DeliveriesLost, s.Local.Counters.TasksTimedOut, s.Local.Counters.TasksRedelivered));
        var r = await s.Client.PollAsync(arn);
        Assert.Equal("""{"x":1}""", r.String("input"));
        await s.Client.CallAsync("SendTaskSuccess", new { taskToken = r.String("taskToken"), output = "{}" });
        Assert.IsType<LocalTaskSucceeded>(await task.Outcome);
        Assert.Equal(2, task.Deliveries);
    }

    [Fact]
    public async Task Dropping_after_a_SendTaskSuccess_applies_it_but_loses_the_answer()
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("applied");
        var task = s.Local.EnqueueTask(arn, "{}");
        var token = (await s.Client.PollAsync(arn)).String("taskToken");
        s.Local.Faults.Add(LocalOperation.SendTaskSuccess, LocalFault.DropAfterDispatch);
        await Assert.ThrowsAsync<HttpRequestException>(() => s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = "{}" }));
        Assert.IsType<LocalTaskSucceeded>(await task.Outcome);
        Assert.Equal("TaskDoesNotExist", (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = "{}" })).Code);
        Assert.Equal(0, s.Local.Counters.DeliveriesLost);
    }

    [Fact]
    public async Task A_truncated_body_cannot_be_read_and_its_task_is_lost()
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("cut");
        s.Local.EnqueueTask(arn, """{"some":"input that makes the body long enough"}""");
        s.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.TruncatedBody);
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            var r = await s.Client.PollAsync(arn);
            _ = r.Json;
        });
        await Eventually.TrueAsync(() => s.Local.Counters.DeliveriesLost == 1);
    }

    [Fact]
    public async Task Clear_removes_pending_faults_and_arguments_are_checked()
    {
        await using var s = await LocalServer.StartAsync();
        s.Local.Faults.Add(LocalOperation.ListActivities, LocalFault.Throttling, 5);
        s.Local.Faults.Clear();
        Assert.Equal(200, (await s.Client.CallAsync("ListActivities", new { })).Status);
        Assert.Throws<ArgumentOutOfRangeException>(() => LocalFault.Error(200, "X"));
        Assert.Throws<ArgumentOutOfRangeException>(() => LocalFault.Delay(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Local.Faults.Add(LocalOperation.ListActivities, LocalFault.Throttling, 0));
        Assert.Equal(LocalFaultKind.DropAfterDispatch, LocalFault.DropAfterDispatch.Kind);
    }
}
