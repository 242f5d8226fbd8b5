using System;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Local;

/// <summary>
/// Issue 7, found by <c>Worker/SoakTests</c>: the endpoint kept every task it ever ran (twice: by id for
/// <c>FindTask</c>, and by id for its timers), and every timed-out token, so its memory grew by ~650 bytes a task for
/// as long as it ran. It now remembers the last <see cref="LocalStepFunctionsOptions.RetainedEndedTasks"/> ended tasks
/// and timed-out tokens, and forgets older ones.
/// </summary>
public class RetentionTests
{
    [Fact]
    public async Task Only_the_last_ended_tasks_are_remembered_queued_ones_always_and_held_handles_keep_their_outcome()
    {
        await using var s = await LocalServer.StartAsync(o => o.RetainedEndedTasks = 3);
        var arn = s.Local.CreateActivity("retained");
        var handles = Enumerable.Range(0, 8).Select(i => s.Local.EnqueueTask(arn, $"{{\"i\":{i}}}")).ToArray();
        Assert.All(handles, h => Assert.Same(h, s.Local.FindTask(h.Id)));

        for (int i = 0; i < 6; i++)
        {
            var poll = await s.Client.PollAsync(arn);
            Assert.Equal(200, (await s.Client.CallAsync("SendTaskSuccess", new { taskToken = poll.String("taskToken"), output = "{}" })).Status);
        }

        // Tasks are handed out first in, first out: 0..5 ended, of which 3..5 are the last three; 6 and 7 are queued.
        Assert.All(handles[..3], h => Assert.Null(s.Local.FindTask(h.Id)));
        Assert.All(handles[3..], h => Assert.Same(h, s.Local.FindTask(h.Id)));
        Assert.All(await Task.WhenAll(handles[..6].Select(h => h.Outcome)), o => Assert.IsType<LocalTaskSucceeded>(o));
        Assert.All(handles[..6], h => Assert.Equal(1, h.Deliveries));
    }

    [Fact]
    public async Task A_timed_out_token_beyond_the_bound_answers_TaskDoesNotExist_instead_of_TaskTimedOut()
    {
        // On a fake clock, so that the first task surely times out first (real 50 ms timers ran late in a loaded CI run).
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        await using var s = await LocalServer.StartAsync(o => { o.RetainedEndedTasks = 1; o.TimeProvider = time; });
        var arn = s.Local.CreateActivity("forgetful");
        var first = s.Local.EnqueueTask(arn, "{}", new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromMilliseconds(50) });
        var second = s.Local.EnqueueTask(arn, "{}", new LocalTaskOptions { HeartbeatTimeout = TimeSpan.FromMilliseconds(300) });
        string firstToken = (await s.Client.PollAsync(arn)).String("taskToken")!;
        string secondToken = (await s.Client.PollAsync(arn)).String("taskToken")!;
        time.Advance(TimeSpan.FromMilliseconds(100));
        await first.Outcome.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(second.Outcome.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(300));
        await second.Outcome.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("TaskDoesNotExist", (await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = firstToken })).Code);
        Assert.Equal("TaskTimedOut", (await s.Client.CallAsync("SendTaskHeartbeat", new { taskToken = secondToken })).Code);
        Assert.Null(s.Local.FindTask(first.Id));
        Assert.Same(second, s.Local.FindTask(second.Id));
    }

    [Fact]
    public async Task The_bound_defaults_to_10000_and_may_not_be_negative()
    {
        Assert.Equal(10_000, new LocalStepFunctionsOptions().RetainedEndedTasks);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions { RetainedEndedTasks = -1 }));
    }
}
