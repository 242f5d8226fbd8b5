using System;
using System.Threading.Tasks;
using ActivityCore.Errors;
using ActivityCore.Local;
using ActivityCore.Local.Protocol;
using ActivityCore.Local.Service;
using ActivityCore.Operations;
using Amazon.Runtime;
using LanguageExt;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>(1) The client's value under each fault, as documented (README "Usage: the client", <see cref="ActivityFailure{TError}"/>).</summary>
public partial class FaultMatrixTests
{
    private static readonly TaskOutput Done = TaskOutput.Parse("{\"probe\":true}").RightOrThrow();

    private static Task ProbeAsync(MatrixFault fault, FaultMatrixFixture f) => fault switch
    {
        MatrixFault.ConnectionRefused => ProbeRefusedAsync(f),
        MatrixFault.ResetBeforeHeaders => ProbeResetBeforeHeadersAsync(f),
        MatrixFault.ResetAfterHeaders => ProbeLostAnswerAsync(f, LocalFault.DropAfterDispatch),
        MatrixFault.TruncatedBody => ProbeLostAnswerAsync(f, LocalFault.TruncatedBody),
        MatrixFault.InternalFailureStorm => ProbeStormAsync(f, LocalFault.InternalFailure, ErrorKind.Transient),
        MatrixFault.ServiceUnavailableStorm => ProbeStormAsync(f, LocalFault.ServiceUnavailable, ErrorKind.Transient),
        MatrixFault.ThrottlingStorm => ProbeStormAsync(f, LocalFault.Throttling, ErrorKind.Throttling),
        MatrixFault.NeverAnswers => ProbeNeverAnswersAsync(f),
        MatrixFault.ClockSkew => ProbeClockSkewAsync(f),
        MatrixFault.ExpiredCredentials => ProbeExpiredCredentialsAsync(f),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    /// <summary>A task on the probe activity, polled by a fault-free client.</summary>
    private static async Task<(LocalTaskHandle Handle, ActivityTask Task)> ProbeTaskAsync(FaultMatrixFixture f)
    {
        var handle = f.Local.EnqueueTask(f.ProbeArn, "{}");
        var task = (ActivityTask)(await f.Client().GetActivityTaskAsync(f.ProbeActivityArn, None)).RightOrThrow();
        return (handle, task);
    }

    private static TFailure Exhausted<TError, TFailure>(ActivityFailure<TError> failure, int attempts)
        where TError : IOperationError
        where TFailure : ActivityFailure<TError>
    {
        var exhausted = Assert.IsType<ActivityFailure<TError>.RetriesExhausted>(failure);
        Assert.Equal(attempts, exhausted.Attempts);
        return Assert.IsType<TFailure>(exhausted.Last);
    }

    /// <summary>Connection refused: <c>NetworkFailure</c>, retried, then <c>RetriesExhausted(3, NetworkFailure)</c>; kind Transient.</summary>
    private static async Task ProbeRefusedAsync(FaultMatrixFixture f)
    {
        var handler = f.Counting();
        var client = f.Client(o => o.HttpMessageHandler = handler);

        var poll = (await client.GetActivityTaskAsync(f.ProbeActivityArn, None)).LeftOrThrow();
        var network = Exhausted<GetActivityTaskError, ActivityFailure<GetActivityTaskError>.NetworkFailure>(poll, 3);
        Assert.Equal("HttpRequestException", network.ExceptionType);
        Assert.Contains("Connection refused", network.Message, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.Transient, poll.Kind);
        Assert.Equal(3, handler.Requests);

        var token = TaskToken.Parse(new string('t', 614)).RightOrThrow();
        var report = (await client.SendTaskSuccessAsync(token, Done)).LeftOrThrow();
        Assert.Contains("Connection refused", Exhausted<SendTaskSuccessError, ActivityFailure<SendTaskSuccessError>.NetworkFailure>(report, 3).Message, StringComparison.Ordinal);
        Assert.Equal(6, handler.Requests);
    }

    /// <summary>Reset before the headers: <c>NetworkFailure</c>; retried; nothing dispatched or applied by the reset attempts.</summary>
    private static async Task ProbeResetBeforeHeadersAsync(FaultMatrixFixture f)
    {
        var handler = f.Counting();
        var client = f.Client(o => o.HttpMessageHandler = handler);
        var handle = f.Local.EnqueueTask(f.ProbeArn, "{}");
        f.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.DropBeforeDispatch, times: 3);

        var poll = (await client.GetActivityTaskAsync(f.ProbeActivityArn, None)).LeftOrThrow();
        Exhausted<GetActivityTaskError, ActivityFailure<GetActivityTaskError>.NetworkFailure>(poll, 3);
        Assert.Equal(0, handle.Deliveries);

        // Fewer resets than attempts: the retries succeed; the task is delivered once.
        f.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.DropBeforeDispatch, times: 2);
        var task = (ActivityTask)(await client.GetActivityTaskAsync(f.ProbeActivityArn, None)).RightOrThrow();
        Assert.Equal(1, handle.Deliveries);
        Assert.Equal(6, handler.Requests);

        f.Local.Faults.Add(LocalOperation.SendTaskSuccess, LocalFault.DropBeforeDispatch, times: 2);
        Assert.True((await client.SendTaskSuccessAsync(task.Token, Done)).IsRight);
        Assert.IsType<LocalTaskSucceeded>(await handle.Outcome.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(9, handler.Requests);
    }

    /// <summary>
    /// Reset after the headers, or a truncated body: the attempt is a <c>NetworkFailure</c>. A poll is retried and comes
    /// back <c>None</c> (the task handed to the lost answer waits for its timeout: counted lost). A SendTaskSuccess was
    /// applied: its retry answers <c>TaskDoesNotExist</c> (<see cref="ErrorKind.TaskEnded"/>, "probably already reported").
    /// </summary>
    private static async Task ProbeLostAnswerAsync(FaultMatrixFixture f, LocalFault fault)
    {
        var single = f.Client(o => o.MaxAttempts = 1);
        var lostFirst = f.Local.EnqueueTask(f.ProbeArn, "{}");
        f.Local.Faults.Add(LocalOperation.GetActivityTask, fault);
        var bare = (await single.GetActivityTaskAsync(f.ProbeActivityArn, None)).LeftOrThrow();
        Assert.IsType<ActivityFailure<GetActivityTaskError>.NetworkFailure>(bare);
        Assert.Equal(1, f.Local.Counters.DeliveriesLost);

        var client = f.Client();
        var lostSecond = f.Local.EnqueueTask(f.ProbeArn, "{}");
        f.Local.Faults.Add(LocalOperation.GetActivityTask, fault);
        var retried = client.GetActivityTaskAsync(f.ProbeActivityArn, None);
        await FaultMatrixFixture.EventuallyAsync(() => f.Local.HeldPolls(f.ProbeArn) == 1, "the retried poll held");
        f.EndpointClock!.Advance(FaultMatrixFixture.Hold);
        Assert.Equal(Option<ActivityTask>.None, (await retried.WaitAsync(TimeSpan.FromSeconds(2))).RightOrThrow());
        Assert.Equal(2, f.Local.Counters.DeliveriesLost);
        Assert.Equal((1, 1), (lostFirst.Deliveries, lostSecond.Deliveries));
        Assert.False(lostFirst.Outcome.IsCompleted || lostSecond.Outcome.IsCompleted); // in flight until their timeouts

        var (handle, task) = await ProbeTaskAsync(f);
        f.Local.Faults.Add(LocalOperation.SendTaskSuccess, fault);
        var report = (await client.SendTaskSuccessAsync(task.Token, Done)).LeftOrThrow();
        var ended = Assert.IsType<ActivityFailure<SendTaskSuccessError>.ServiceError>(report);
        Assert.IsType<SendTaskSuccessError.TaskDoesNotExist>(ended.Error);
        Assert.Equal(ErrorKind.TaskEnded, report.Kind);
        Assert.IsType<LocalTaskSucceeded>(await handle.Outcome.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(1, f.Local.Counters.TasksCompleted);
    }

    /// <summary>A 5xx or throttling storm: <c>RetriesExhausted(3, ServiceError(code, status))</c>; fewer errors than attempts: success.</summary>
    private static async Task ProbeStormAsync(FaultMatrixFixture f, LocalFault fault, ErrorKind kind)
    {
        var handler = f.Counting();
        var client = f.Client(o => o.HttpMessageHandler = handler);
        f.Local.Faults.Add(LocalOperation.GetActivityTask, fault, times: 3);
        var poll = (await client.GetActivityTaskAsync(f.ProbeActivityArn, None)).LeftOrThrow();
        var error = Exhausted<GetActivityTaskError, ActivityFailure<GetActivityTaskError>.ServiceError>(poll, 3);
        Assert.Equal((fault.ErrorCode, fault.Status), (error.Error.Code, error.StatusCode));
        Assert.IsType<GetActivityTaskError.UnknownOperationError>(error.Error);
        Assert.True(error.RequestId.IsSome);
        Assert.Equal(kind, poll.Kind);

        var handle = f.Local.EnqueueTask(f.ProbeArn, "{}");
        f.Local.Faults.Add(LocalOperation.GetActivityTask, fault, times: 2);
        var task = (ActivityTask)(await client.GetActivityTaskAsync(f.ProbeActivityArn, None)).RightOrThrow();
        Assert.Equal(6, handler.Requests);

        f.Local.Faults.Add(LocalOperation.SendTaskSuccess, fault, times: 3);
        var report = (await client.SendTaskSuccessAsync(task.Token, Done)).LeftOrThrow();
        Assert.Equal(fault.ErrorCode, Exhausted<SendTaskSuccessError, ActivityFailure<SendTaskSuccessError>.ServiceError>(report, 3).Error.Code);
        Assert.False(handle.Outcome.IsCompleted); // nothing applied: the task waits for a report

        f.Local.Faults.Add(LocalOperation.SendTaskSuccess, fault, times: 2);
        Assert.True((await client.SendTaskSuccessAsync(task.Token, Done)).IsRight);
        Assert.IsType<LocalTaskSucceeded>(await handle.Outcome.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(12, handler.Requests);
    }

    /// <summary>
    /// No answer (the client on a fake clock): a poll is <c>Timeout(65 s)</c> per attempt, then <c>RetriesExhausted(3,
    /// Timeout(65 s))</c>; a SendTaskSuccess is <c>Timeout(RequestTimeout)</c> and its retry is applied, once.
    /// </summary>
    private static async Task ProbeNeverAnswersAsync(FaultMatrixFixture f)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var client = f.Client(o =>
        {
            o.TimeProvider = clock;
            o.RetryBaseDelay = TimeSpan.Zero;
        });
        var faults = f.Local.Faults;
        faults.Add(LocalOperation.GetActivityTask, LocalFault.Delay(TimeSpan.FromMinutes(10)), times: 3);
        var polling = client.GetActivityTaskAsync(f.ProbeActivityArn, None);
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            await FaultMatrixFixture.EventuallyAsync(() => faults.Pending(LocalOperation.GetActivityTask) == 3 - attempt, $"poll attempt {attempt} hanging");
            Assert.False(polling.IsCompleted);
            clock.Advance(ActivityClientOptions.DefaultPollTimeout);
        }

        var poll = (await polling.WaitAsync(TimeSpan.FromSeconds(2))).LeftOrThrow();
        var timeout = Exhausted<GetActivityTaskError, ActivityFailure<GetActivityTaskError>.Timeout>(poll, 3);
        Assert.Equal(ActivityClientOptions.DefaultPollTimeout, timeout.Limit);
        Assert.Equal(ErrorKind.Transient, poll.Kind);

        var single = f.Client(o =>
        {
            o.TimeProvider = clock;
            o.MaxAttempts = 1;
        });
        var (handle, task) = await ProbeTaskAsync(f);
        faults.Add(LocalOperation.SendTaskSuccess, LocalFault.Delay(TimeSpan.FromMinutes(10)));
        var hanging = single.SendTaskSuccessAsync(task.Token, Done);
        await FaultMatrixFixture.EventuallyAsync(() => faults.Pending(LocalOperation.SendTaskSuccess) == 0, "report hanging");
        clock.Advance(FaultMatrixFixture.RequestTimeout);
        var bare = (await hanging.WaitAsync(TimeSpan.FromSeconds(2))).LeftOrThrow();
        Assert.Equal(FaultMatrixFixture.RequestTimeout, Assert.IsType<ActivityFailure<SendTaskSuccessError>.Timeout>(bare).Limit);
        Assert.False(handle.Outcome.IsCompleted); // the hung attempt was not applied

        faults.Add(LocalOperation.SendTaskSuccess, LocalFault.Delay(TimeSpan.FromMinutes(10)));
        var retried = client.SendTaskSuccessAsync(task.Token, Done);
        await FaultMatrixFixture.EventuallyAsync(() => faults.Pending(LocalOperation.SendTaskSuccess) == 0, "report hanging again");
        clock.Advance(FaultMatrixFixture.RequestTimeout);
        Assert.True((await retried.WaitAsync(TimeSpan.FromSeconds(2))).IsRight);
        Assert.IsType<LocalTaskSucceeded>(await handle.Outcome.WaitAsync(TimeSpan.FromSeconds(2)));
        Assert.Equal(1, f.Local.Counters.TasksCompleted);
    }

    /// <summary>
    /// A clock 10 minutes off: the endpoint answers <c>InvalidSignatureException</c> ("Signature expired" / "not yet
    /// current", kind ClockSkew); the client sets <see cref="ActivityClient.ClockOffset"/> from the answer's <c>Date</c>
    /// and retries: success. With one attempt the value is the <c>ServiceError</c> itself, and the offset is corrected anyway.
    /// </summary>
    private static async Task ProbeClockSkewAsync(FaultMatrixFixture f)
    {
        var handler = f.Counting();
        var behind = f.Client(o =>
        {
            o.TimeProvider = new SkewedClock(TimeSpan.FromMinutes(-10));
            o.HttpMessageHandler = handler;
        });
        var handle = f.Local.EnqueueTask(f.ProbeArn, "{}");
        var task = (ActivityTask)(await behind.GetActivityTaskAsync(f.ProbeActivityArn, None)).RightOrThrow();
        Assert.Equal(2, handler.Requests);
        Assert.InRange(behind.ClockOffset, TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(5));
        Assert.True((await behind.SendTaskSuccessAsync(task.Token, Done)).IsRight);
        Assert.Equal(3, handler.Requests); // corrected once for all
        Assert.IsType<LocalTaskSucceeded>(await handle.Outcome.WaitAsync(TimeSpan.FromSeconds(2)));

        var ahead = f.Client(o =>
        {
            o.TimeProvider = new SkewedClock(TimeSpan.FromMinutes(10));
            o.MaxAttempts = 1;
        });
        var refused = (await ahead.GetActivityTaskAsync(f.ProbeActivityArn, None)).LeftOrThrow();
        var skew = Assert.IsType<ActivityFailure<GetActivityTaskError>.ServiceError>(refused);
        Assert.Equal("InvalidSignatureException", skew.Error.Code);
        Assert.StartsWith("Signature not yet current", skew.Error.Message.IfNone(""), StringComparison.Ordinal);
        Assert.Equal(ErrorKind.ClockSkew, refused.Kind);
        Assert.InRange(ahead.ClockOffset, TimeSpan.FromMinutes(-10) - TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(-10) + TimeSpan.FromSeconds(5));
        f.Local.EnqueueTask(f.ProbeArn, "{}");
        Assert.True((await ahead.GetActivityTaskAsync(f.ProbeActivityArn, None)).RightOrThrow().IsSome);
    }

    /// <summary>
    /// Credentials rotated by the endpoint: <c>ExpiredTokenException</c> (kind ExpiredCredentials). Refreshing credentials
    /// are refreshed and the call retried: success. Static ones cannot be refreshed: not retried,
    /// <c>ServiceError(ExpiredTokenException)</c>. Credentials the endpoint never knew:
    /// <c>UnrecognizedClientException</c>, kind Configuration, not retried.
    /// </summary>
    private static async Task ProbeExpiredCredentialsAsync(FaultMatrixFixture f)
    {
        var handler = f.Counting();
        var keys = new RefreshingKeys(f.Keys);
        var client = f.Client(o =>
        {
            o.Credentials = keys;
            o.HttpMessageHandler = handler;
        });
        var (_, task) = await ProbeTaskAsync(f);
        var old = f.Keys.Current;
        Assert.True((await client.SendTaskHeartbeatAsync(task.Token)).IsRight);
        Assert.Equal((1, 1), (keys.Refreshes, handler.Requests));

        f.Keys.Rotate(f.Local);
        Assert.True((await client.SendTaskHeartbeatAsync(task.Token)).IsRight);
        Assert.Equal((2, 3), (keys.Refreshes, handler.Requests)); // refused, refreshed, retried

        var frozen = f.Client(o => o.Credentials = new SessionAWSCredentials(old.AccessKeyId, old.SecretAccessKey, old.SessionToken));
        var expired = (await frozen.SendTaskHeartbeatAsync(task.Token)).LeftOrThrow();
        var last = Assert.IsType<ActivityFailure<SendTaskHeartbeatError>.ServiceError>(expired); // static: not retried
        Assert.Equal(("ExpiredTokenException", 400), (last.Error.Code, last.StatusCode));
        Assert.Equal(ErrorKind.ExpiredCredentials, expired.Kind);

        var stranger = f.Client(o => o.Credentials = new BasicAWSCredentials("AKIDSTRANGER", "not-known-here"));
        var unknown = (await stranger.SendTaskHeartbeatAsync(task.Token)).LeftOrThrow();
        Assert.Equal("UnrecognizedClientException", Assert.IsType<ActivityFailure<SendTaskHeartbeatError>.ServiceError>(unknown).Error.Code);
        Assert.Equal(ErrorKind.Configuration, unknown.Kind);
    }
}
