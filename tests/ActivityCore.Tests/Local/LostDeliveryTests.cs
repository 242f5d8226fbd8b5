using System;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Local.Service;
using ActivityCore.Operations;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ActivityCore.Tests.Local;

/// <summary>
/// A task handed to a poll whose answer never reaches the worker is not lost silently: it stays in
/// flight (never handed out again) until its heartbeat or task timeout fires, as in the service.
/// </summary>
public class LostDeliveryTests
{
    [Fact]
    public async Task A_client_that_hangs_up_right_after_asking_loses_the_task_until_it_times_out()
    {
        var time = new FakeTimeProvider();
        await using var s = await LocalServer.StartAsync(o => o.TimeProvider = time);
        var arn = s.Local.CreateActivity("hang-up");
        var task = s.Local.EnqueueTask(arn, "{}", new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromSeconds(30) });

        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(s.Local.ServiceUrl.Host, s.Local.ServiceUrl.Port);
            var body = $$"""{"activityArn":"{{arn}}"}""";
            var request = "POST / HTTP/1.1\r\nHost: " + s.Local.ServiceUrl.Authority + "\r\nContent-Type: application/x-amz-json-1.0\r\n" +
                "X-Amz-Target: AWSStepFunctions.GetActivityTask\r\nContent-Length: " + Encoding.UTF8.GetByteCount(body) + "\r\n\r\n" + body;
            await socket.SendAsync(Encoding.UTF8.GetBytes(request));
            socket.LingerState = new LingerOption(true, 0);
            await Eventually.TrueAsync(() => task.Deliveries == 1);
        }

        var next = s.Client.PollAsync(arn);
        await Eventually.TrueAsync(() => s.Local.HeldPolls(arn) == 1);
        Assert.False(task.Outcome.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("{}", (await next).Body);
        Assert.Equal(new LocalTaskTimedOut(LocalTimeoutKind.Heartbeat), await task.Outcome);
        Assert.Equal(1, s.Local.Counters.TasksTimedOut);
        Assert.Equal(1, s.Local.Counters.TasksDispatched);
    }

    [Fact]
    public async Task Without_any_timeout_a_lost_task_stays_in_flight_as_in_the_service()
    {
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("forever");
        var task = s.Local.EnqueueTask(arn, "{}");
        s.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.DropAfterDispatch);
        await Assert.ThrowsAsync<System.Net.Http.HttpRequestException>(() => s.Client.PollAsync(arn));
        Assert.Equal("{}", (await s.Client.PollAsync(arn)).Body);
        Assert.False(task.Outcome.IsCompleted);
        Assert.Equal(1, s.Local.Counters.DeliveriesLost);
    }

    [Fact]
    public async Task A_worker_that_got_its_answer_despite_a_lost_count_can_still_finish()
    {
        // The count is about the answer; the token itself stays valid until the task ends.
        await using var s = await LocalServer.StartAsync();
        var arn = s.Local.CreateActivity("still-valid");
        var task = s.Local.EnqueueTask(arn, "{}");
        var token = (await s.Client.PollAsync(arn)).String("taskToken");
        Assert.Equal(200, (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = "{}" })).Status);
        Assert.IsType<LocalTaskSucceeded>(await task.Outcome);
    }
}
