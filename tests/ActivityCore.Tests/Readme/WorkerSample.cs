// The complete worker of docs/worker.md, compiled and run by WorkerSampleTests: if it stops compiling or its
// behaviour changes, the tests fail. Keep the page's copy identical (the test checks it).
// begin-sample
using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore;
using ActivityCore.Worker;
using LanguageExt;

namespace MyWorker;

public static class WorkerSample
{
    // The handler: one task in, Right(output) or Left(failure) out. Throwing fails the task too.
    public static Task<Either<TaskFailure, TaskOutput>> Resize(ActivityTask task, CancellationToken cancellationToken) =>
        Task.FromResult(TaskOutput.Parse($$"""{"resized": {{task.Input.Json}}}""")
            .MapLeft(error => TaskFailure.Bounded("Resize.BadOutput", error.Message)));

    // Runs a worker until `stop` is signalled, then stops it gracefully: every task it was given is reported.
    public static async Task<WorkerHealth> RunAsync(ActivityClient client, string activityArn, CancellationToken stop)
    {
        var options = new ActivityWorkerOptions
        {
            ActivityArn = activityArn,
            WorkerName = "resize-worker",
            Pollers = 4,
            MaxTasksInFlight = 16,
            HeartbeatInterval = TimeSpan.FromSeconds(20),   // below the state's HeartbeatSeconds
            HandlerTimeout = TimeSpan.FromMinutes(5),
        };
        await using ActivityWorker worker = ActivityWorker.Create(client, options, Resize)
            .IfLeft(error => throw new ArgumentException(error.ToString()));   // an option out of range

        await worker.StartAsync(stop);
        try
        {
            // Fail fast on a set-up that will not heal by itself (no credentials, a wrong secret, a missing activity).
            if (await worker.WaitForFirstPollAsync(TimeSpan.FromSeconds(70), stop) is WorkerHealth.Misconfigured bad)
            {
                throw new InvalidOperationException($"the worker cannot poll: {bad.Advice}");
            }

            await Task.Delay(Timeout.Infinite, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // asked to stop
        }

        // Graceful: no new polls, the polls in flight finish, the tasks in hand finish or fail (a token would hurry it).
        await worker.StopAsync(CancellationToken.None);
        return worker.Health;       // Stopped
    }
}
// end-sample
