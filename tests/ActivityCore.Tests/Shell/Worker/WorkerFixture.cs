using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Worker;
using Amazon.Runtime;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>A local endpoint with short holds, an activity on it, and a client pointed at it.</summary>
internal sealed class WorkerFixture : IAsyncDisposable
{
    public static readonly TimeSpan ShortHold = TimeSpan.FromMilliseconds(200);

    private WorkerFixture(LocalStepFunctions local, string arn, ActivityClient client)
    {
        Local = local;
        Arn = arn;
        Client = client;
    }

    public LocalStepFunctions Local { get; }

    public string Arn { get; }

    public ActivityClient Client { get; }

    public LocalCounters Counters => Local.Counters;

    public static async Task<WorkerFixture> StartAsync(TimeSpan? hold = null, int maxAttempts = 3, Action<LocalStepFunctionsOptions>? local = null)
    {
        var localOptions = new LocalStepFunctionsOptions { PollHoldTime = hold ?? ShortHold };
        local?.Invoke(localOptions);
        return await StartAsync(localOptions, maxAttempts);
    }

    private static async Task<WorkerFixture> StartAsync(LocalStepFunctionsOptions localOptions, int maxAttempts)
    {
        var local = await LocalStepFunctions.StartAsync(localOptions);
        var arn = local.CreateActivity("work");
        var client = ActivityClient.Create(new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = local.ServiceUrl,
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            MaxAttempts = maxAttempts,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RequestTimeout = TimeSpan.FromSeconds(5),
        }).Match(Right: c => c, Left: e => throw new InvalidOperationException(e.ToString()));
        return new WorkerFixture(local, arn, client);
    }

    public ActivityWorkerOptions Options(Action<ActivityWorkerOptions>? configure = null)
    {
        var options = new ActivityWorkerOptions
        {
            ActivityArn = Arn,
            WorkerName = "test-worker",
            Pollers = 4,
            MaxTasksInFlight = 8,
            HeartbeatInterval = null,
            DrainTimeout = TimeSpan.FromSeconds(2),
            PollBackoffBase = TimeSpan.FromMilliseconds(10),
            PollBackoffMax = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        return options;
    }

    public ActivityWorker Worker(
        Func<ActivityTask, CancellationToken, Task<Either<TaskFailure, TaskOutput>>> handler,
        Action<ActivityWorkerOptions>? configure = null) =>
        ActivityWorker.Create(Client, Options(configure), handler)
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));

    public static Either<TaskFailure, TaskOutput> Output(string json) =>
        TaskOutput.Parse(json).Match(Right: o => Right<TaskFailure, TaskOutput>(o), Left: e => throw new InvalidOperationException(e.ToString()));

    /// <summary>Echoes the input as the output.</summary>
    public static Task<Either<TaskFailure, TaskOutput>> Echo(ActivityTask task, CancellationToken _) =>
        Task.FromResult(Output(task.Input.Json));

    public static async Task<T> Within<T>(Task<T> task, double seconds = 5)
    {
        return await task.WaitAsync(TimeSpan.FromSeconds(seconds));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Local.DisposeAsync();
    }
}
