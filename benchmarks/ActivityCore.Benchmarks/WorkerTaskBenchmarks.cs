using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Worker;
using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Benchmarks;

/// <summary>
/// The worker's own cost per task, with the service out of the picture: the client and the worker over an in-process
/// <see cref="HttpMessageHandler"/> that answers like Step Functions (<see cref="FakeStepFunctions"/>), signed with
/// SigV4 and static credentials. Rows: the client alone (one GetActivityTask and one SendTaskSuccess per operation);
/// a started <see cref="ActivityWorker"/> running <see cref="TasksPerOp"/> tasks per operation (one poller, one task in
/// flight: the time per task is then one flow's, close to its CPU), with heartbeats off, and on (each task sends one
/// heartbeat: the worker's clock fires the heartbeat timer when the handler asks, so the row measures the heartbeat's
/// cost, not the 100 ms minimum interval); and the fake service's own cost, to subtract. Bytes and time are per task.
/// </summary>
[MemoryDiagnoser]
public class WorkerTaskBenchmarks : IDisposable
{
    /// <summary>Tasks per benchmark operation of the worker rows.</summary>
    public const int TasksPerOp = 64;

    private static readonly TimeSpan HeartbeatInterval = TimeSpan.FromMilliseconds(100);

    private FakeStepFunctions service = null!;
    private ActivityClient client = null!;
    private ActivityArn arn = null!;
    private Option<WorkerName> workerName;
    private TaskOutput output = null!;
    private WorkerRig quiet = null!;
    private WorkerRig beating = null!;
    private HttpMessageInvoker serviceAlone = null!;

    [GlobalSetup]
    public void Setup()
    {
        service = new FakeStepFunctions(holdPolls: false);
        client = NewClient(service);
        arn = (ActivityArn)ActivityArn.Parse(Payloads.ActivityArn);
        workerName = Some((WorkerName)WorkerName.Parse(Payloads.WorkerName));
        output = (TaskOutput)TaskOutput.Parse("{\"resized\":true,\"width\":640}");
        serviceAlone = new HttpMessageInvoker(service, disposeHandler: false);

        // The client row: a task is received whole, its report answered, every request signed.
        long signedBefore = service.Signed;
        Check.True(ClientPollAndReport().GetAwaiter().GetResult() == FakeStepFunctions.Token.Length, "client: the task's token is received whole");
        Check.True(service.Signed == signedBefore + 2, "client: both requests are SigV4-signed");

        quiet = new WorkerRig(output, heartbeats: false);
        beating = new WorkerRig(output, heartbeats: true);
        WorkerQuiet();
        quiet.CheckOneOp(heartbeatsPerTask: 0);
        WorkerWithHeartbeats();
        beating.CheckOneOp(heartbeatsPerTask: 1);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        quiet?.Dispose();
        beating?.Dispose();
        client?.Dispose();
        serviceAlone?.Dispose();
        service?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>(a) The client alone: one poll that brings a task, and its SendTaskSuccess.</summary>
    [Benchmark(Description = "Client: poll + SendTaskSuccess")]
    public int ClientAlone() => ClientPollAndReport().GetAwaiter().GetResult();

    /// <summary>(b) The whole worker, heartbeats off: per task.</summary>
    [Benchmark(OperationsPerInvoke = TasksPerOp, Description = "Worker, heartbeats off (per task)")]
    public void WorkerQuiet() => quiet.RunOneOp();

    /// <summary>(b) The whole worker, one heartbeat per task: per task.</summary>
    [Benchmark(OperationsPerInvoke = TasksPerOp, Description = "Worker, 1 heartbeat/task (per task)")]
    public void WorkerWithHeartbeats() => beating.RunOneOp();

    /// <summary>The fake service's own cost for one poll and one report (already in every row above).</summary>
    [Benchmark(Description = "Fake service alone: poll + report answers")]
    public long FakeServiceAlone()
    {
        using var poll = new HttpRequestMessage(HttpMethod.Post, FakeStepFunctions.Url);
        poll.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.GetActivityTask");
        using var report = new HttpRequestMessage(HttpMethod.Post, FakeStepFunctions.Url);
        report.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.SendTaskSuccess");
        using var a = serviceAlone.SendAsync(poll, CancellationToken.None).GetAwaiter().GetResult();
        using var b = serviceAlone.SendAsync(report, CancellationToken.None).GetAwaiter().GetResult();
        return a.Content.Headers.ContentLength!.Value + b.Content.Headers.ContentLength!.Value;
    }

    private static ActivityClient NewClient(FakeStepFunctions service) =>
        (ActivityClient)ActivityClient.Create(new ActivityClientOptions
        {
            Region = "us-east-1",
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
            HttpMessageHandler = service,
        });

    private async Task<int> ClientPollAndReport()
    {
        var polled = await client.GetActivityTaskAsync(arn, workerName).ConfigureAwait(false);
        var task = polled.Match(Right: t => t.Match(Some: x => x, None: () => throw new InvalidOperationException("no task")), Left: f => throw new InvalidOperationException(f.ToString()));
        var reported = await client.SendTaskSuccessAsync(task.Token, output).ConfigureAwait(false);
        return reported.Match(Right: _ => task.Token.Length, Left: f => throw new InvalidOperationException(f.ToString()));
    }

    /// <summary>A started worker over the fake service, and the handler that counts its tasks.</summary>
    private sealed class WorkerRig : IDisposable
    {
        private readonly FakeStepFunctions service = new(holdPolls: true);
        private readonly ActivityClient client;
        private readonly ActivityWorker worker;
        private readonly HeartbeatClock clock = new(HeartbeatInterval);
        private readonly bool heartbeats;
        private long handled;
        private long opStartHandled;
        private long opStartReports;
        private long opStartHeartbeats;

        public WorkerRig(TaskOutput output, bool heartbeats)
        {
            client = NewClient(service);
            this.heartbeats = heartbeats;
            var options = new ActivityWorkerOptions
            {
                ActivityArn = Payloads.ActivityArn,
                WorkerName = Payloads.WorkerName,
                Pollers = 1,
                MaxTasksInFlight = 1,
                HeartbeatInterval = heartbeats ? HeartbeatInterval : null,
                TimeProvider = clock,
            };
            Task<Either<TaskFailure, TaskOutput>> Handle(ActivityTask task, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref handled);
                return heartbeats ? BeatThenAnswer() : Task.FromResult(Right<TaskFailure, TaskOutput>(output));
            }

            async Task<Either<TaskFailure, TaskOutput>> BeatThenAnswer()
            {
                clock.FireHeartbeat();
                await service.HeartbeatArrived.WaitAsync().ConfigureAwait(false);
                return Right<TaskFailure, TaskOutput>(output);
            }

            worker = ActivityWorker.Create(client, options, Handle).Match(
                Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
            worker.StartAsync().GetAwaiter().GetResult();
        }

        /// <summary>Hands out <see cref="TasksPerOp"/> tasks and waits until all are reported.</summary>
        public void RunOneOp()
        {
            opStartHandled = Interlocked.Read(ref handled);
            opStartReports = service.Reports;
            opStartHeartbeats = service.Heartbeats;
            service.HandOut(TasksPerOp).Wait();
        }

        public void CheckOneOp(int heartbeatsPerTask)
        {
            Check.True(Interlocked.Read(ref handled) - opStartHandled == TasksPerOp, $"worker: the handler ran {TasksPerOp} tasks (ran {Interlocked.Read(ref handled) - opStartHandled})");
            Check.True(service.Reports - opStartReports == TasksPerOp, "worker: every task was reported with SendTaskSuccess");
            Check.True(service.Heartbeats - opStartHeartbeats == heartbeatsPerTask * TasksPerOp, $"worker: {heartbeatsPerTask} heartbeat(s) per task (saw {service.Heartbeats - opStartHeartbeats})");
            Check.True(!heartbeats || clock.Fired == TasksPerOp, "worker: the heartbeat timer fired once per task");
        }

        public void Dispose()
        {
            service.StopHolding();
            worker.DisposeAsync().AsTask().GetAwaiter().GetResult();
            client.Dispose();
            service.Dispose();
        }
    }
}

/// <summary>
/// The worker's clock: the system's, except for the heartbeat timer (a timer of exactly the heartbeat interval), which
/// fires when <see cref="FireHeartbeat"/> is called instead of 100 ms later.
/// </summary>
internal sealed class HeartbeatClock(TimeSpan heartbeatInterval) : TimeProvider
{
    private readonly List<ManualTimer> pending = [];

    public int Fired { get; private set; }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != heartbeatInterval)
        {
            return System.CreateTimer(callback, state, dueTime, period);
        }

        var timer = new ManualTimer(this, callback, state);
        lock (pending)
        {
            pending.Add(timer);
        }

        return timer;
    }

    public void FireHeartbeat()
    {
        ManualTimer? timer;
        lock (pending)
        {
            Check.True(pending.Count == 1, $"one heartbeat timer is pending (found {pending.Count})");
            timer = pending[0];
            pending.Clear();
        }

        Fired++;
        timer.Fire();
    }

    private void Remove(ManualTimer timer)
    {
        lock (pending)
        {
            pending.Remove(timer);
        }
    }

    private sealed class ManualTimer(HeartbeatClock clock, TimerCallback callback, object? state) : ITimer
    {
        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose() => clock.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// An in-process Step Functions: GetActivityTask answers a task (a 700-character token and a 1 KiB JSON input, from
/// one pre-built body) — at once (the client row), or only as many as <see cref="HandOut"/> allowed (the other
/// polls are held, as a long poll is); SendTaskSuccess, SendTaskHeartbeat and SendTaskFailure answer <c>{}</c>. Every
/// answer carries the service's headers (<c>x-amzn-RequestId</c>, <c>Date</c>, <c>Content-Type</c>, <c>Content-Length</c>).
/// Counts the requests by operation, and the signed ones.
/// </summary>
internal sealed class FakeStepFunctions(bool holdPolls) : HttpMessageHandler
{
    public static readonly Uri Url = new("https://states.us-east-1.amazonaws.com/");

    public static readonly string Token = Payloads.TaskToken();

    private const string ContentType = "application/x-amz-json-1.0";

    private static readonly byte[] TaskBody = TaskAnswer();

    private static readonly byte[] EmptyBody = "{}"u8.ToArray();

    private static readonly string Date = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero).ToString("r", CultureInfo.InvariantCulture);

    private readonly SemaphoreSlim budget = new(0);
    private volatile bool holding = true;
    private long reports;
    private long heartbeats;
    private long signed;
    private long target;
    private TaskCompletionSource allReported = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Released once per heartbeat received.</summary>
    public SemaphoreSlim HeartbeatArrived { get; } = new(0);

    public long Reports => Interlocked.Read(ref reports);

    public long Heartbeats => Interlocked.Read(ref heartbeats);

    public long Signed => Interlocked.Read(ref signed);

    /// <summary>Lets held polls take <paramref name="count"/> more tasks; completes when that many more reports came.</summary>
    public Task HandOut(int count)
    {
        allReported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref target, Reports + count);
        budget.Release(count);
        return allReported.Task;
    }

    /// <summary>Polls answer at once, with no task (a worker can then stop).</summary>
    public void StopHolding()
    {
        holding = false;
        budget.Release(1000);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.NonValidated.Contains("Authorization"))
        {
            Interlocked.Increment(ref signed);
        }

        string target = request.Headers.NonValidated.TryGetValues("X-Amz-Target", out var values) ? values.ToString() : string.Empty;
        switch (target)
        {
            case "AWSStepFunctions.GetActivityTask":
                return await PollAsync(cancellationToken).ConfigureAwait(false);
            case "AWSStepFunctions.SendTaskSuccess":
                Reported();
                return Answer(EmptyBody);
            case "AWSStepFunctions.SendTaskHeartbeat":
                Interlocked.Increment(ref heartbeats);
                HeartbeatArrived.Release();
                return Answer(EmptyBody);
            case "AWSStepFunctions.SendTaskFailure":
                return Answer(EmptyBody);
            default:
                return new HttpResponseMessage(HttpStatusCode.BadRequest);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            budget.Dispose();
            HeartbeatArrived.Dispose();
        }

        base.Dispose(disposing);
    }

    private static byte[] TaskAnswer()
    {
        string input = Payloads.TaskJson(1024);
        var text = new StringBuilder();
        text.Append("{\"input\":");
        text.Append(System.Text.Json.JsonSerializer.Serialize(input, RequestJson.SerializerOptions));
        text.Append(",\"taskToken\":\"").Append(Token).Append("\"}");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static HttpResponseMessage Answer(byte[] body)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", Payloads.RequestId);
        response.Headers.TryAddWithoutValidation("Date", Date);
        response.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        return response;
    }

    private async ValueTask<HttpResponseMessage> PollAsync(CancellationToken cancellationToken)
    {
        if (!holdPolls)
        {
            return Answer(TaskBody); // the client row: a task at once
        }

        if (!holding)
        {
            return Answer(EmptyBody);
        }

        await budget.WaitAsync(cancellationToken).ConfigureAwait(false);
        return Answer(holding ? TaskBody : EmptyBody);
    }

    private void Reported()
    {
        if (Interlocked.Increment(ref reports) == Interlocked.Read(ref target))
        {
            allReported.TrySetResult();
        }
    }
}
