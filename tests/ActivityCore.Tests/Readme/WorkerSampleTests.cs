using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using MyWorker;
using Xunit;

namespace ActivityCore.Tests.Readme;

/// <summary>The complete worker of docs/worker.md is real code: compiled here, run against the local endpoint, and kept identical to the page.</summary>
public class WorkerSampleTests
{
    [Fact]
    public void The_worker_page_shows_the_worker_sample_verbatim()
    {
        string readme = File.ReadAllText(ReadmeSampleTests.RepositoryFile("docs/worker.md")).ReplaceLineEndings("\n");
        Assert.Contains(ReadmeSampleTests.Region(ReadmeSampleTests.RepositoryFile("tests/ActivityCore.Tests/Readme/WorkerSample.cs")), readme, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_worker_sample_reports_its_tasks_and_stops_against_the_local_endpoint()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            PollHoldTime = TimeSpan.FromMilliseconds(100),
            Credentials = new LocalCredentials("AKIDLOCAL", "local-secret"),
        });
        using var client = ClientSample.ForLocal(local.ServiceUrl, "AKIDLOCAL", "local-secret");
        string arn = local.CreateActivity("resize");
        var good = local.EnqueueTask(arn, """{"width": 64}""");
        var bad = local.EnqueueTask(arn, "\"" + new string('a', 300_000) + "\""); // its output would pass the 262,144-byte limit
        using var stop = new CancellationTokenSource();

        Task<WorkerHealth> run = WorkerSample.RunAsync(client, arn, stop.Token);
        LocalTaskOutcome[] outcomes = await Task.WhenAll(good.Outcome, bad.Outcome).WaitAsync(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        WorkerHealth last = await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("""{"resized": {"width": 64}}""", Assert.IsType<LocalTaskSucceeded>(outcomes[0]).Output);
        Assert.Equal("Resize.BadOutput", Assert.IsType<LocalTaskFailed>(outcomes[1]).Error);
        Assert.IsType<WorkerHealth.Stopped>(last);
    }

    [Fact]
    public async Task The_worker_sample_fails_fast_on_a_missing_activity()
    {
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            PollHoldTime = TimeSpan.FromMilliseconds(100),
            Credentials = new LocalCredentials("AKIDLOCAL", "local-secret"),
        });
        using var client = ClientSample.ForLocal(local.ServiceUrl, "AKIDLOCAL", "local-secret");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(
            () => WorkerSample.RunAsync(client, "arn:aws:states:us-east-1:123456789012:activity:missing", CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("the worker cannot poll: ", thrown.Message, StringComparison.Ordinal);
    }
}
