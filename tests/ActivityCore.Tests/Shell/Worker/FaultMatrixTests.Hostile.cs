using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Retries;
using ActivityCore.Worker;
using Xunit;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>Hostile answers to the worker's polls (the rows the endpoint's fault injection cannot express).</summary>
public enum HostileAnswer
{
    /// <summary>HTTP 200, <c>Content-Length: 0</c>, no <c>Content-Type</c>: an empty poll.</summary>
    EmptyBody,

    /// <summary><c>403 InvalidSignatureException "Signature expired"</c> with <c>Date: Fri, 31 Dec 9999 23:59:59 GMT</c>.</summary>
    HostileDate,

    /// <summary>A 400 whose message echoes the request's headers and body, and whose <c>x-amzn-RequestId</c> is the session token.</summary>
    EchoingServer,

    /// <summary>A real 307 (from an in-test server) to another in-test server.</summary>
    Redirect,
}

/// <summary>
/// The fault matrix's hostile rows: the first <see cref="HostileAnswers"/> polls of a running worker get a hostile
/// answer (a handler in front of the real one answers them, or sends them to a redirecting server); then the worker
/// must process new tasks, and what it met must be the documented value.
/// </summary>
public partial class FaultMatrixTests
{
    private const int HostileAnswers = 12;

    public static TheoryData<HostileAnswer> Hostile() => new(Enum.GetValues<HostileAnswer>());

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_running_worker_goes_through_hostile_answers_and_they_are_the_documented_values(HostileAnswer hostile)
    {
        await using var f = await FaultMatrixFixture.StartAsync();
        await using var other = new RawHttpServer((_, _) => RawHttpServer.Answer(200, "{}"));
        await using var redirecting = new RawHttpServer((_, _) => RawHttpServer.Answer(307, "", $"Location: {other.Url}"));
        using var front = new HostileFront(hostile, redirecting.Url);
        var ledger = new TaskLedger();
        var logger = new ListLogger();
        var clientLog = new ListLogger();
        var client = f.Client(o =>
        {
            o.HttpMessageHandler = front;
            o.Logger = clientLog;
        });
        await using var worker = ActivityWorker.Create(client, f.WorkerOptions(), ledger.HandleAsync, logger)
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        using var meter = new MeterRecorder(worker.Telemetry.Meter);
        await worker.StartAsync();

        await FaultMatrixFixture.EventuallyAsync(() => front.Answered >= HostileAnswers, "every hostile answer given");
        var after = ledger.Enqueue(f.Local, f.Arn, TasksAfter, Safe);
        await TaskLedger.AllEndedAsync(after, f.Local, "after the hostile answers");
        Assert.Equal(WorkerPhase.Running, worker.Phase);
        await f.StopAsync(worker);

        Assert.All(ledger.Tasks, t => Assert.IsType(t.Fails ? typeof(LocalTaskFailed) : typeof(LocalTaskSucceeded), t.Handle.Outcome.Result));
        Assert.Equal(0, ledger.TokensRunTwice);
        long failedPolls = meter[WorkerTelemetry.FailedPolls];
        switch (hostile)
        {
            case HostileAnswer.EmptyBody:
                Assert.Equal(0, failedPolls); // empty polls, not failures: no backoff, no retry, no quota spent
                Assert.Equal(RetryQuota.InitialTokens, client.RetryQuotaAvailable);
                break;
            case HostileAnswer.HostileDate:
                Assert.Equal(HostileAnswers, failedPolls); // ClockSkew not corrected, so not retried
                Assert.Equal(TimeSpan.Zero, client.ClockOffset);
                break;
            case HostileAnswer.EchoingServer:
                Assert.Equal(HostileAnswers, failedPolls);
                var secrets = front.Secrets.ToArray();
                Assert.NotEmpty(secrets);
                Assert.All(logger.Lines.Concat(clientLog.Lines), line =>
                    Assert.DoesNotContain(secrets, s => line.Contains(s, StringComparison.Ordinal)));
                break;
            case HostileAnswer.Redirect:
                Assert.Equal(HostileAnswers, failedPolls); // HttpStatus307, a value
                Assert.Empty(other.Requests);
                Assert.Equal(HostileAnswers, redirecting.Requests.Count);
                break;
        }
    }

    /// <summary>A handler in front of a real one: the first polls get the hostile answer, everything else goes through.</summary>
    private sealed class HostileFront(HostileAnswer hostile, Uri redirectingServer)
        : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        private int polls;
        private int answered;

        public int Answered => Volatile.Read(ref answered);

        /// <summary>The session tokens and signatures of the requests echoed.</summary>
        public ConcurrentQueue<string> Secrets { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            bool isPoll = request.Headers.TryGetValues("X-Amz-Target", out var target) && target.Single() == GetActivityTask.Target;
            if (!isPoll || Interlocked.Increment(ref polls) > HostileAnswers)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var answer = await HostileAsync(request, cancellationToken);
            Interlocked.Increment(ref answered);
            return answer;
        }

        private async Task<HttpResponseMessage> HostileAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            switch (hostile)
            {
                case HostileAnswer.EmptyBody:
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]), RequestMessage = request };
                case HostileAnswer.HostileDate:
                    var expired = FakeHandler.Error(403, "InvalidSignatureException", "Signature expired: 20261201T000000Z is now earlier than 20261201T001500Z");
                    expired.Headers.TryAddWithoutValidation("Date", "Fri, 31 Dec 9999 23:59:59 GMT");
                    return expired;
                case HostileAnswer.EchoingServer:
                    string token = request.Headers.GetValues("X-Amz-Security-Token").Single();
                    string authorization = request.Headers.GetValues("Authorization").Single();
                    Secrets.Enqueue(token);
                    Secrets.Enqueue(authorization[(authorization.IndexOf("Signature=", StringComparison.Ordinal) + 10)..]);
                    string echo = string.Join("; ", request.Headers.Select(h => h.Key + ": " + string.Join(",", h.Value)))
                                  + "; " + await request.Content!.ReadAsStringAsync(cancellationToken);
                    var echoed = new HttpResponseMessage(HttpStatusCode.BadRequest)
                    {
                        Content = new StringContent(JsonSerializer.Serialize(new { __type = "ValidationException", message = "you sent " + echo }), Encoding.UTF8, "application/x-amz-json-1.0"),
                    };
                    echoed.Headers.TryAddWithoutValidation("x-amzn-RequestId", token);
                    return echoed;
                default:
                    // Sent over the network to a server that answers 307; the request's URI is put back, as no redirect was followed.
                    Uri endpoint = request.RequestUri!;
                    request.RequestUri = redirectingServer;
                    try
                    {
                        return await base.SendAsync(request, cancellationToken);
                    }
                    finally
                    {
                        request.RequestUri = endpoint;
                    }
            }
        }
    }
}
