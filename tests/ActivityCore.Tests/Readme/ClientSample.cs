// begin-sample
using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore;
using ActivityCore.Errors;
using Amazon.Runtime;
using LanguageExt;
using Microsoft.Extensions.Logging;
using static LanguageExt.Prelude;

namespace MyWorker;

public static class ClientSample
{
    // Against AWS: the region you run in, credentials from the AWS SDK's default chain
    // (environment, profiles, SSO, web identity, container, instance metadata).
    public static ActivityClient ForAws(string region, ILogger? logger = null) =>
        ActivityClient.Create(new ActivityClientOptions { Region = region, Logger = logger })
            .IfLeft(error => throw new ArgumentException(error.ToString()));

    // Against a local endpoint (LocalStepFunctions in a test, or its standalone server):
    // the service URL replaces the AWS endpoint; requests are still signed.
    public static ActivityClient ForLocal(Uri serviceUrl, string accessKeyId, string secretAccessKey) =>
        ActivityClient.Create(new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = serviceUrl,
            Credentials = new BasicAWSCredentials(accessKeyId, secretAccessKey),
        }).IfLeft(error => throw new ArgumentException(error.ToString()));

    // Polls until `stop` is signalled, runs `handle` on each task, reports the result; returns the tasks handled.
    public static async Task<int> PollAsync(
        ActivityClient client, ActivityArn activity, Func<TaskInput, Either<TaskFailure, TaskOutput>> handle, CancellationToken stop)
    {
        int handled = 0;
        Option<WorkerName> worker = WorkerName.Parse("sample-worker").ToOption();
        while (!stop.IsCancellationRequested)
        {
            // Never cancel a poll in flight to stop: a task handed out on an aborted poll is lost until it times out.
            Either<ActivityFailure<GetActivityTaskError>, Option<ActivityTask>> polled =
                await client.GetActivityTaskAsync(activity, worker, CancellationToken.None);

            Option<ActivityTask> next = polled.Match(
                Right: task => task,
                Left: failure => failure.Kind == ErrorKind.Configuration
                    ? throw new InvalidOperationException($"fix the configuration: {failure}")
                    : None); // throttled, timed out, network: the client already retried; poll again
            if (next.IsNone)
            {
                continue;
            }

            ActivityTask task = (ActivityTask)next;
            bool reported = await handle(task.Input).Match(
                Right: async output => (await client.SendTaskSuccessAsync(task.Token, output)).IsRight,
                Left: async failure => (await client.SendTaskFailureAsync(task.Token, failure)).IsRight);
            handled += reported ? 1 : 0;
        }

        return handled;
    }
}
// end-sample
