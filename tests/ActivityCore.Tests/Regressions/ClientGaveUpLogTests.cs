using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using ActivityCore.Operations;
using ActivityCore.Tests.Shell.Worker;
using Amazon.Runtime;
using LanguageExt;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ActivityCore.Tests.Regressions;

/// <summary>
/// Against an endpoint that refuses connections the client logged "GetActivityTask gave up after attempt 3: max
/// attempts reached" at Warning for each poll (about 3 a second with a worker), naming no cause. The failure is
/// returned to the caller, who decides how loud it is (the worker's event 101).
/// </summary>
public class ClientGaveUpLogTests
{
    [Fact]
    public async Task Giving_up_names_the_last_failure_and_is_not_a_Warning()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var logs = new CapturingLoggerProvider();
        using var client = ActivityClient.Create(new ActivityClientOptions
        {
            Region = "us-east-1",
            ServiceUrl = new Uri($"http://127.0.0.1:{port}"),
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            MaxAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            Logger = logs.CreateLogger("ActivityCore.ActivityClient"),
        }).Match(Right: c => c, Left: e => throw new InvalidOperationException(e.ToString()));
        var arn = ActivityArn.Parse("arn:aws:states:us-east-1:123456789012:activity:work").Match(Right: a => a, Left: e => throw new InvalidOperationException(e.ToString()));

        var answer = await client.GetActivityTaskAsync(arn, Option<WorkerName>.None);

        Assert.True(answer.IsLeft);
        var line = Assert.Single(logs.Records, r => r.EventId.Id == 4);
        Assert.Equal("GetActivityTask gave up after attempt 3: max attempts reached (last: HttpRequestException: ConnectionRefused)", line.Message);
        Assert.Equal(LogLevel.Information, line.Level);
    }
}
