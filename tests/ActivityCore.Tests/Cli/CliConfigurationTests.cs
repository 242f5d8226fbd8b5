using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Cli;

/// <summary>The CLI's configuration through its process: the ARN and its region, unsigned requests, and what the command mode refuses.</summary>
[Collection(ProcessTestGroup.Name)]
public class CliConfigurationTests
{
    [Fact]
    public async Task A_bogus_arn_is_refused_as_an_arn_with_the_shape_it_must_have()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(["--activity-arn", "bogus", "--", "true"], CommandRunnerTests.DummyCredentials);
        Assert.Equal(2, exit);
        Assert.Contains("--activity-arn: must have the shape arn:<partition>:states:<region>:<account>:activity:<name>", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("region:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_region_option_that_contradicts_the_arn_is_refused()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(
            ["--activity-arn", "arn:aws:states:us-east-1:123456789012:activity:x", "--region", "eu-west-1", "--", "true"], CommandRunnerTests.DummyCredentials);
        Assert.Equal(2, exit);
        Assert.Contains("--region eu-west-1 contradicts the ARN's region us-east-1", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_arns_region_wins_over_AWS_REGION()
    {
        // The endpoint verifies signatures, their region included: a request signed for AWS_REGION would be refused.
        await using var local = await LocalStepFunctions.StartAsync(new LocalStepFunctionsOptions
        {
            PollHoldTime = TimeSpan.FromMilliseconds(200),
            Credentials = new LocalCredentials("AKIDEXAMPLE", "secret"),
        });
        string arn = local.CreateActivity("region");
        var environment = new Dictionary<string, string?>(CommandRunnerTests.DummyCredentials) { ["AWS_REGION"] = "eu-west-1", ["AWS_DEFAULT_REGION"] = "eu-west-1" };
        using var cli = CliProcess.Start(["--activity-arn", arn, "--service-url", local.ServiceUrl.ToString(), "--pollers", "1", "--", "cat"], environment);
        var task = local.EnqueueTask(arn, """{"r":1}""");
        Assert.Equal(new LocalTaskSucceeded("""{"r":1}"""), await task.Outcome.WaitAsync(TimeSpan.FromSeconds(15)));
        cli.Interrupt();
        Assert.Equal(0, await cli.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData("--tasks", "5")]
    [InlineData("--demo")]
    public async Task The_demos_options_are_refused_with_a_pointer_to_the_demo(params string[] args)
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(args);
        Assert.Equal(2, exit);
        Assert.Contains("dotnet run --project shell/ActivityCore.Demo", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_sign_request_sends_unsigned_requests_and_needs_no_credentials()
    {
        using var server = new RecordingServer();
        var environment = CliMisconfigurationTests.NoCredentials;
        using var cli = CliProcess.Start(
            ["--activity-arn", "arn:aws:states:us-east-1:123456789012:activity:unsigned", "--endpoint-url", server.Url, "--no-sign-request", "--pollers", "1", "--", "cat"],
            environment);
        bool answered = await Task.WhenAny(server.Succeeded.Task, Task.Delay(TimeSpan.FromSeconds(15))) == server.Succeeded.Task;
        Assert.True(answered, "no SendTaskSuccess came; the CLI said: " + cli.Stderr);
        Assert.Equal("""{"a":1}""", await server.Succeeded.Task);
        cli.Interrupt();
        Assert.Equal(0, await cli.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain(server.Requests, r => r.Signed);
        Assert.Contains(server.Requests, r => r.Target == "AWSStepFunctions.SendTaskSuccess");
    }

    /// <summary>A raw HTTP/1.1 server on 127.0.0.1 that answers as Step Functions does and records whether each request was signed.</summary>
    private sealed class RecordingServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();
        private int polls;

        public RecordingServer()
        {
            listener.Start();
            _ = AcceptAsync();
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/";

        public List<(string Target, bool Signed)> Requests { get; } = [];

        public TaskCompletionSource<string> Succeeded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var reader = new StreamReader(stream, Encoding.ASCII);
                    while (await reader.ReadLineAsync(stop.Token) is { Length: > 0 })
                    {
                        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                        string? line;
                        while ((line = await reader.ReadLineAsync(stop.Token)) is { Length: > 0 })
                        {
                            int colon = line.IndexOf(':', StringComparison.Ordinal);
                            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                        }

                        var body = new char[int.Parse(headers.GetValueOrDefault("Content-Length", "0"), System.Globalization.CultureInfo.InvariantCulture)];
                        await reader.ReadBlockAsync(body, stop.Token);
                        string target = headers.GetValueOrDefault("X-Amz-Target", string.Empty);
                        lock (Requests)
                        {
                            Requests.Add((target, headers.ContainsKey("Authorization")));
                        }

                        string answer = await AnswerAsync(target, new string(body));
                        byte[] bytes = Encoding.UTF8.GetBytes(answer);
                        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nx-amzn-RequestId: r\r\nContent-Length: {bytes.Length}\r\n\r\n"), stop.Token);
                        await stream.WriteAsync(bytes, stop.Token);
                    }
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    // the client hung up, or the test ended
                }
            }
        }

        private async Task<string> AnswerAsync(string target, string body)
        {
            switch (target)
            {
                case "AWSStepFunctions.GetActivityTask" when Interlocked.Increment(ref polls) == 1:
                    return """{"taskToken":"token-unsigned-1","input":"{\"a\":1}"}""";
                case "AWSStepFunctions.GetActivityTask":
                    await Task.Delay(200, stop.Token);
                    return "{}";
                case "AWSStepFunctions.SendTaskSuccess":
                    using (var doc = System.Text.Json.JsonDocument.Parse(body))
                    {
                        Succeeded.TrySetResult(doc.RootElement.GetProperty("output").GetString()!);
                    }

                    return "{}";
                default:
                    return "{}";
            }
        }
    }
}
