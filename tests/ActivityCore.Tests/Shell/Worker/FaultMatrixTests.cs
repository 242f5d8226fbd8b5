using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Worker;
using Xunit;
using Xunit.Abstractions;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>
/// The fault matrix (issue 7): for each fault, against <see cref="LocalStepFunctions"/> with SigV4 verified,
/// (1) the client's value is the one the README and the XML docs document (<see cref="ProbeAsync"/>, one method per fault);
/// (2) a running <see cref="ActivityWorker"/> (4 pollers) goes through the fault and then processes new tasks;
/// (3) the endpoint's counters show no task lost or run twice: every task has its one outcome (the one its handler
/// chose), dispatched = completed + failed + timed out, where the timed-out ones are exactly the deliveries the fault
/// lost on the wire (each then redelivered once and processed), and the handler ran each token once.
/// </summary>
public partial class FaultMatrixTests(ITestOutputHelper output)
{
    /// <summary>Tasks enqueued after the fault, to show the worker still works.</summary>
    private const int TasksAfter = 8;

    /// <summary>Options of tasks no fault may lose: a timeout long enough never to fire in a passing run.</summary>
    private static readonly LocalTaskOptions Safe = new() { TaskTimeout = TimeSpan.FromSeconds(30) };

    /// <summary>Options of tasks a fault loses on the wire by design: they time out 1 s after delivery on the endpoint's (fake) clock and are delivered once more.</summary>
    private static readonly LocalTaskOptions Redeliverable = new() { HeartbeatTimeout = TimeSpan.FromSeconds(1), MaxAttempts = 2 };

    public static TheoryData<MatrixFault> Faults() => new(Enum.GetValues<MatrixFault>());

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task The_client_gives_the_documented_value_and_a_running_worker_loses_no_task(MatrixFault fault)
    {
        var clock = Stopwatch.StartNew();
        // Faults that lose deliveries by design run the endpoint on a fake clock: the lost tasks time out when the test
        // says so, and no healthy task can time out however slow the machine is.
        await using var f = await FaultMatrixFixture.StartAsync(
            endpointUp: fault != MatrixFault.ConnectionRefused,
            fakeEndpointClock: fault is MatrixFault.ResetAfterHeaders or MatrixFault.TruncatedBody);

        // (1) The client's value, on fresh clients and the probe activity (which the worker never polls).
        await ProbeAsync(fault, f);
        var probed = clock.Elapsed;

        // (2) A worker running through the fault, then new tasks.
        var run = RunFor(fault, f);
        var ledger = new TaskLedger();
        var logger = new ListLogger();
        var clientLog = new ListLogger();
        var client = f.Client(o =>
        {
            run.ConfigureClient(o);
            o.Logger = clientLog;
        });
        await using var worker = ActivityWorker.Create(client, f.WorkerOptions(), ledger.HandleAsync, logger)
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        var before = fault == MatrixFault.ConnectionRefused ? default : CounterSnapshot.Of(f.Local.Counters);
        await worker.StartAsync();

        var expected = await run.ThroughFaultAsync(new RunContext(f, ledger, client, clientLog, worker, meter, before));
        await FaultMatrixFixture.EventuallyAsync(() => AllFaultsUsed(f), "every injected fault used");
        Assert.Equal(WorkerPhase.Running, worker.Phase);
        Assert.False(worker.Completion.IsCompleted);

        var after = ledger.Enqueue(f.Local, f.Arn, TasksAfter, Safe);
        await TaskLedger.AllEndedAsync(after, f.Local, "after the fault");
        await f.StopAsync(worker);
        Assert.Equal(0, worker.TasksInHand);

        // (3) The accounting.
        var counted = CounterSnapshot.Of(f.Local.Counters) - before;
        output.WriteLine($"{fault}: probe {probed.TotalMilliseconds:F0} ms, total {clock.Elapsed.TotalMilliseconds:F0} ms; " +
                         $"{ledger.Tasks.Count} tasks; endpoint {counted}; failed polls {meter[WorkerTelemetry.FailedPolls]}, " +
                         $"reports resent {meter[WorkerTelemetry.ReportsResent]}, failed attempts {clientLog.Lines.Count(l => l.Contains(" failed: ", StringComparison.Ordinal))}");
        AssertNoTaskLostOrRunTwice(counted, ledger, expected.LostDeliveries);
        var givenUp = logger.Lines.Where(l => l.Contains("not delivered", StringComparison.Ordinal) || l.Contains("had already ended", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected.AbandonedReports, givenUp.Count);
        Assert.All(givenUp, l => Assert.Contains("answered TaskDoesNotExist: the task had already ended", l, StringComparison.Ordinal)); // only answers lost after the report was applied
        Assert.DoesNotContain(logger.Lines, l => l.Contains("unexpected", StringComparison.Ordinal)); // no poller ever caught an exception
        Assert.Equal(ledger.Runs, meter[WorkerTelemetry.TasksStarted]);
    }

    private static bool AllFaultsUsed(FaultMatrixFixture f) =>
        Enum.GetValues<LocalOperation>().All(op => f.Local.Faults.Pending(op) == 0);

    private static void AssertNoTaskLostOrRunTwice(CounterSnapshot c, TaskLedger ledger, int lost)
    {
        var tasks = ledger.Tasks;
        foreach (var (handle, input, fails) in tasks)
        {
            Assert.True(handle.Outcome.IsCompletedSuccessfully, handle.ToString());
            if (fails)
            {
                Assert.Equal(TaskLedger.FailureError, Assert.IsType<LocalTaskFailed>(handle.Outcome.Result).Error);
            }
            else
            {
                Assert.Equal(input, Assert.IsType<LocalTaskSucceeded>(handle.Outcome.Result).Output);
            }
        }

        Assert.Equal(tasks.Count(t => !t.Fails), c.Completed);
        Assert.Equal(tasks.Count(t => t.Fails), c.Failed);
        Assert.Equal(lost, c.Lost);
        Assert.Equal(lost, c.TimedOut);      // each lost delivery timed out ...
        Assert.Equal(lost, c.Redelivered);   // ... and was delivered again
        Assert.Equal(c.Dispatched, c.Completed + c.Failed + c.TimedOut);
        Assert.Equal(c.Dispatched, tasks.Sum(t => t.Handle.Deliveries));
        Assert.All(tasks, t => Assert.InRange(t.Handle.Deliveries, 1, 2));
        Assert.Equal(lost, tasks.Count(t => t.Handle.Deliveries == 2));
        Assert.Equal(c.Dispatched - lost, ledger.Runs); // every token the worker received ran once
        Assert.Equal(0, ledger.TokensRunTwice);
    }

    /// <summary>What a run through a fault expects: deliveries lost on the wire by design, reports the worker had to give up (answer lost, task ended).</summary>
    private readonly record struct Expected(int LostDeliveries = 0, int AbandonedReports = 0);

    private sealed record RunContext(
        FaultMatrixFixture F, TaskLedger Ledger, ActivityClient Client, ListLogger ClientLog, ActivityWorker Worker, MeterRecorder Meter, CounterSnapshot Before)
    {
        /// <summary>
        /// The worker's client's log lines saying an attempt of <paramref name="operation"/> (null: any) failed with
        /// <paramref name="what"/>: the evidence that the fault reached the worker.
        /// </summary>
        public int FailedAttempts(string? operation, string what) =>
            ClientLog.Lines.Count(l => (operation is null || l.StartsWith(operation + " attempt", StringComparison.Ordinal)) && l.Contains("failed: " + what, StringComparison.Ordinal));

        public LocalTaskHandle[] Enqueue(int count, LocalTaskOptions options) => Ledger.Enqueue(F.Local, F.Arn, count, options);

        public Task AllEndedAsync(LocalTaskHandle[] handles, string phase) => TaskLedger.AllEndedAsync(handles, F.Local, phase);
    }

    private sealed record Run(Action<ActivityClientOptions> ConfigureClient, Func<RunContext, Task<Expected>> ThroughFaultAsync);
}
