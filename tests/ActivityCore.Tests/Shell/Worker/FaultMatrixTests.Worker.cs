using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using ActivityCore.Worker.Policies;
using Amazon.Runtime;
using LanguageExt;
using Xunit;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>The faults of the matrix that come from the worker's side of the wire or from a server's pace (<see cref="FaultMatrixTests"/>).</summary>
public enum WorkerMatrixFault
{
    /// <summary>The endpoint answers every empty poll at once (<c>PollHoldTime</c> zero), as some emulators do.</summary>
    InstantEmptyPolls,

    /// <summary>Half of the tasks run a handler that ignores its cancellation token; the handler timeout fails them.</summary>
    OrphanedHandlers,
}

/// <summary>
/// The worker rows of the fault matrix, with the same three checks as the others, against <see cref="LocalStepFunctions"/>
/// with SigV4 verified: (1) the client's value where the fault is on the wire, (2) a running worker (4 pollers, 8 in
/// flight) goes through the fault, says <see cref="WorkerHealth.Polling"/>, then processes 8 new tasks, (3) nothing is
/// lost or run twice.
/// </summary>
public partial class FaultMatrixTests
{
    private const int IgnoringTasks = 6;

    public static TheoryData<WorkerMatrixFault> WorkerFaults() => new(Enum.GetValues<WorkerMatrixFault>());

    [Theory]
    [MemberData(nameof(WorkerFaults))]
    public async Task A_running_worker_goes_through_a_worker_side_fault_and_loses_no_task(WorkerMatrixFault fault)
    {
        var keys = KeyStore.Keys(1);
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            PollHoldTime = fault == WorkerMatrixFault.InstantEmptyPolls ? TimeSpan.Zero : FaultMatrixFixture.Hold,
            Credentials = keys,
        });
        var arn = local.CreateActivity(FaultMatrixFixture.ActivityName);
        using var client = ActivityClient.Create(new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = local.ServiceUrl,
            Credentials = new SessionAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken),
            MaxAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RequestTimeout = FaultMatrixFixture.RequestTimeout,
        }).Match(Right: c => c, Left: e => throw new InvalidOperationException(e.ToString()));

        // (1) The client's value: an instant empty answer is None, in well under the pacing threshold.
        if (fault == WorkerMatrixFault.InstantEmptyPolls)
        {
            await ProbeInstantEmptyAsync(client, arn);
        }

        // (2) A worker running through the fault.
        var ledger = new TaskLedger();
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new ActivityWorkerOptions
        {
            ActivityArn = arn,
            WorkerName = "matrix-worker",
            Pollers = 4,
            MaxTasksInFlight = 8,
            HeartbeatInterval = null,
            HandlerTimeout = TimeSpan.FromMilliseconds(300),
            DrainTimeout = TimeSpan.FromSeconds(2),
            PollBackoffBase = TimeSpan.FromMilliseconds(5),
            PollBackoffMax = TimeSpan.FromMilliseconds(50),
        };
        await using var worker = ActivityWorker.Create(client, options, (task, token) =>
                task.Input.Json.Contains("ignore", StringComparison.Ordinal) ? IgnoreTokenAsync(never.Task) : ledger.HandleAsync(task, token))
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();
        try
        {
            var ignoring = fault == WorkerMatrixFault.OrphanedHandlers
                ? await OrphansAsync(local, arn, ledger, worker, meter)
                : await InstantEmptyAsync(local, arn, ledger, worker, meter);

            Assert.IsType<WorkerHealth.Polling>(worker.Health);
            var after = ledger.Enqueue(local, arn, TasksAfter, Safe);
            await TaskLedger.AllEndedAsync(after, local, "after the fault");
            await worker.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(0, worker.TasksInHand);

            // (3) The accounting: every task has its one outcome, none lost, none run twice.
            var c = CounterSnapshot.Of(local.Counters);
            AssertNoTaskLostOrRunTwice(c with { Dispatched = c.Dispatched - ignoring, Failed = c.Failed - ignoring }, ledger, lost: 0);
            Assert.Equal(ledger.Runs + ignoring, meter[WorkerTelemetry.TasksStarted]);
        }
        finally
        {
            never.TrySetResult();
        }
    }

    private static async Task ProbeInstantEmptyAsync(ActivityClient client, string arn)
    {
        var activity = ActivityArn.Parse(arn).Match(Right: a => a, Left: e => throw new InvalidOperationException(e.ToString()));
        var fastest = TimeSpan.MaxValue;
        for (int i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            var answer = await client.GetActivityTaskAsync(activity, Option<WorkerName>.None);
            fastest = clock.Elapsed < fastest ? clock.Elapsed : fastest;
            Assert.True(answer.Match(Right: task => task.IsNone, Left: _ => false), answer.ToString());
        }

        Assert.True(fastest < PollPacing.InstantThreshold, $"the fastest empty answer took {fastest.TotalMilliseconds:F0} ms");
    }

    /// <summary>12 tasks through an endpoint that answers empty polls at once, then 1 s idle: the polls stay paced.</summary>
    private static async Task<int> InstantEmptyAsync(LocalStepFunctions local, string arn, TaskLedger ledger, ActivityWorker worker, MeterRecorder meter)
    {
        await TaskLedger.AllEndedAsync(ledger.Enqueue(local, arn, 12, Safe), local, "with instant empty answers");
        long before = meter[WorkerTelemetry.Polls];
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(1));
        long polls = meter[WorkerTelemetry.Polls] - before;
        long bound = (long)(worker.Settings.Pollers * ((clock.Elapsed.TotalMilliseconds / PollPacing.MinPause.TotalMilliseconds) + 1));
        Assert.InRange(polls, 1, bound);
        return 0;
    }

    /// <summary>6 tasks whose handler ignores its token and 6 ordinary ones: the 6 are failed at the handler timeout and their handlers counted as orphans.</summary>
    private static async Task<int> OrphansAsync(LocalStepFunctions local, string arn, TaskLedger ledger, ActivityWorker worker, MeterRecorder meter)
    {
        var ignoring = Enumerable.Range(0, IgnoringTasks)
            .Select(i => local.EnqueueTask(arn, string.Create(CultureInfo.InvariantCulture, $"{{\"ignore\":{i}}}"), Safe)).ToArray();
        var ordinary = ledger.Enqueue(local, arn, 6, Safe);
        await TaskLedger.AllEndedAsync(ignoring.Concat(ordinary), local, "with orphaned handlers");
        Assert.All(ignoring, h => Assert.Equal(WorkerErrorCodes.HandlerTimeout, Assert.IsType<LocalTaskFailed>(h.Outcome.Result).Error));
        await FaultMatrixFixture.EventuallyAsync(() => worker.OrphanedHandlers == IgnoringTasks, "6 orphans counted");
        Assert.Equal(IgnoringTasks, meter[WorkerTelemetry.OrphanedHandlers]);
        return IgnoringTasks;
    }

    private static async Task<Either<TaskFailure, TaskOutput>> IgnoreTokenAsync(Task never)
    {
        await never;
        return TaskOutput.Parse("{}").Match(Right: o => Prelude.Right<TaskFailure, TaskOutput>(o), Left: e => throw new InvalidOperationException(e.ToString()));
    }
}
