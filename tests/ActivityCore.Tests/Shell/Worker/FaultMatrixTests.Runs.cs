using System;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>(2) How each fault hits a running worker: the worker's client, the faults injected, the tasks enqueued meanwhile.</summary>
public partial class FaultMatrixTests
{
    private static Run RunFor(MatrixFault fault, FaultMatrixFixture f) => fault switch
    {
        MatrixFault.ConnectionRefused => new(static _ => { }, ComesBackAsync),
        MatrixFault.ResetBeforeHeaders => new(static _ => { }, c => ResetsBeforeHeadersAsync(c)),
        MatrixFault.ResetAfterHeaders => new(static _ => { }, c => LosesAnswersAsync(c, LocalFault.DropAfterDispatch)),
        MatrixFault.TruncatedBody => new(static _ => { }, c => LosesAnswersAsync(c, LocalFault.TruncatedBody)),
        MatrixFault.InternalFailureStorm => new(static _ => { }, c => StormAsync(c, LocalFault.InternalFailure)),
        MatrixFault.ServiceUnavailableStorm => new(static _ => { }, c => StormAsync(c, LocalFault.ServiceUnavailable)),
        MatrixFault.ThrottlingStorm => new(static _ => { }, c => StormAsync(c, LocalFault.Throttling)),
        MatrixFault.NeverAnswers => NeverAnswers(),
        MatrixFault.ClockSkew => ClockJumps(),
        MatrixFault.ExpiredCredentials => CredentialsRotate(f),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    /// <summary>The worker starts with nothing listening on its port (its polls are refused), then the endpoint starts on that port.</summary>
    private static async Task<Expected> ComesBackAsync(RunContext c)
    {
        await FaultMatrixFixture.EventuallyAsync(() => c.Meter[WorkerTelemetry.FailedPolls] >= 8, "8 polls refused");
        Assert.True(c.FailedAttempts("GetActivityTask", "HttpRequestException: ConnectionRefused (Transient)") >= 8);
        await c.F.StartEndpointAsync();
        await c.AllEndedAsync(c.Enqueue(12, Safe), "once the endpoint is up");
        return new Expected();
    }

    /// <summary>Resets before the answer's headers on polls and reports: nothing is dispatched or applied by them, nothing lost.</summary>
    private static async Task<Expected> ResetsBeforeHeadersAsync(RunContext c)
    {
        c.F.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.DropBeforeDispatch, times: 6);
        c.F.Local.Faults.Add(LocalOperation.SendTaskSuccess, LocalFault.DropBeforeDispatch, times: 4);
        c.F.Local.Faults.Add(LocalOperation.SendTaskFailure, LocalFault.DropBeforeDispatch, times: 2);
        await c.AllEndedAsync(c.Enqueue(12, Safe), "through the resets");

        // Up to 12 (HttpClient may itself resend a request reset on a reused connection before any answer).
        Assert.InRange(c.FailedAttempts(null, "HttpRequestException"), 1, 12);
        return new Expected();
    }

    /// <summary>
    /// Answers lost after the operation ran: 3 polls dispatch a task whose answer is lost (the task times out when the
    /// endpoint's fake clock passes its heartbeat timeout, and is delivered again); a SendTaskSuccess and a
    /// SendTaskFailure are applied but their answers lost (the client's retry hears <c>TaskDoesNotExist</c>; the worker
    /// gives the report up, the task has ended all the same).
    /// </summary>
    private static async Task<Expected> LosesAnswersAsync(RunContext c, LocalFault fault)
    {
        // Tasks first: the polls held now take 4 of them; the next 3 polls (the faulted ones) find tasks waiting.
        var handles = c.Enqueue(16, Redeliverable);
        c.F.Local.Faults.Add(LocalOperation.GetActivityTask, fault, times: 3);
        c.F.Local.Faults.Add(LocalOperation.SendTaskSuccess, fault);
        c.F.Local.Faults.Add(LocalOperation.SendTaskFailure, fault);
        await FaultMatrixFixture.EventuallyAsync(
            () => c.F.Local.Counters.DeliveriesLost - c.Before.Lost == 3 && handles.Count(h => h.Outcome.IsCompleted) == handles.Length - 3,
            "3 deliveries lost, the other tasks ended");
        c.F.EndpointClock!.Advance(Redeliverable.HeartbeatTimeout!.Value);
        await c.AllEndedAsync(handles, "through the lost answers");
        return new Expected(LostDeliveries: 3, AbandonedReports: 2);
    }

    /// <summary>20 errors in a row on each of GetActivityTask, SendTaskSuccess and SendTaskFailure, while 12 tasks are worked on.</summary>
    private static async Task<Expected> StormAsync(RunContext c, LocalFault fault)
    {
        c.F.Local.Faults.Add(LocalOperation.GetActivityTask, fault, times: 20);
        c.F.Local.Faults.Add(LocalOperation.SendTaskSuccess, fault, times: 20);
        c.F.Local.Faults.Add(LocalOperation.SendTaskFailure, fault, times: 20);
        await c.AllEndedAsync(c.Enqueue(12, Safe), "through the storm");
        await FaultMatrixFixture.EventuallyAsync(() => c.F.Local.Faults.Pending(LocalOperation.SendTaskFailure) == 0, "the storm over");
        foreach (var op in new[] { "GetActivityTask", "SendTaskSuccess", "SendTaskFailure" })
        {
            Assert.Equal(20, c.FailedAttempts(op, fault.ErrorCode + " ("));
        }

        return new Expected();
    }

    /// <summary>
    /// The worker's client runs on a fake clock. 4 polls hang (the endpoint delays them 10 minutes) until the fake clock
    /// passes the 65 s poll timeout; no task is queued meanwhile, so the held polls that time out with them lose none.
    /// Then 2 SendTaskSuccess hang until the fake clock passes the request timeout; the retries are applied, once.
    /// </summary>
    private static Run NeverAnswers()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return new(
            o =>
            {
                o.TimeProvider = clock;
                o.RetryBaseDelay = TimeSpan.Zero; // a backoff would wait on the fake clock
            },
            async c =>
            {
                var faults = c.F.Local.Faults;
                faults.Add(LocalOperation.GetActivityTask, LocalFault.Delay(TimeSpan.FromMinutes(10)), times: 4);
                await FaultMatrixFixture.EventuallyAsync(() => faults.Pending(LocalOperation.GetActivityTask) == 0, "4 polls hanging");
                clock.Advance(ActivityClientOptions.DefaultPollTimeout + TimeSpan.FromSeconds(1));
                await FaultMatrixFixture.EventuallyAsync(() => c.FailedAttempts("GetActivityTask", "timeout after 00:01:05") == 4, "4 poll timeouts");

                faults.Add(LocalOperation.SendTaskSuccess, LocalFault.Delay(TimeSpan.FromMinutes(10)), times: 2);
                var handles = c.Enqueue(8, Safe);
                await FaultMatrixFixture.EventuallyAsync(() => faults.Pending(LocalOperation.SendTaskSuccess) == 0, "2 reports hanging");

                // Only the 2 hanging reports in flight now: moving the fake clock times out no other call.
                await FaultMatrixFixture.EventuallyAsync(
                    () => c.Meter[WorkerTelemetry.TasksSucceeded] + c.Meter[WorkerTelemetry.TasksFailed] == handles.Length - 2, "the other reports answered");
                clock.Advance(FaultMatrixFixture.RequestTimeout);
                await c.AllEndedAsync(handles, "after the hanging answers timed out");
                Assert.Equal(2, c.FailedAttempts("SendTaskSuccess", "timeout after 00:00:02"));
                return new Expected();
            });
    }

    /// <summary>The worker's client clock jumps 10 minutes back mid-run (its requests' signatures are then "expired").</summary>
    private static Run ClockJumps()
    {
        var clock = new SkewedClock(TimeSpan.Zero);
        return new(
            o => o.TimeProvider = clock,
            async c =>
            {
                await c.AllEndedAsync(c.Enqueue(4, Safe), "before the jump");
                Assert.Equal(TimeSpan.Zero, c.Client.ClockOffset);
                clock.Offset = TimeSpan.FromMinutes(-10);
                await c.AllEndedAsync(c.Enqueue(8, Safe), "after the jump");
                Assert.True(c.FailedAttempts(null, "InvalidSignatureException (ClockSkew)") >= 1);
                Assert.InRange(c.Client.ClockOffset, TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(5));
                return new Expected();
            });
    }

    /// <summary>The endpoint rotates its credentials mid-run; the worker's client holds the old ones until told they expired.</summary>
    private static Run CredentialsRotate(FaultMatrixFixture f)
    {
        var keys = new RefreshingKeys(f.Keys);
        return new(
            o => o.Credentials = keys,
            async c =>
            {
                await c.AllEndedAsync(c.Enqueue(4, Safe), "before the rotation");
                int refreshed = keys.Refreshes;
                c.F.Keys.Rotate(c.F.Local);
                await c.AllEndedAsync(c.Enqueue(8, Safe), "after the rotation");
                Assert.True(c.FailedAttempts(null, "ExpiredTokenException (ExpiredCredentials)") >= 1);
                Assert.True(keys.Refreshes > refreshed, "the credentials were refreshed");
                return new Expected();
            });
    }
}
