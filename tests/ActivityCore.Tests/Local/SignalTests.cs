using System;
using System.Threading.Tasks;
using ActivityCore.Operations;
using Xunit;

namespace ActivityCore.Tests.Local;

/// <summary>
/// Real SIGINT and SIGTERM to real processes: an app that embeds the endpoint keeps its own signal behaviour (the
/// endpoint installs no console lifetime and no handler); the standalone server stops gracefully on both.
/// </summary>
[Collection(ProcessTestGroup.Name)]
public class SignalTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task An_app_that_embeds_the_endpoint_ends_on_the_signal_by_the_runtime_default(string signal)
    {
        using var app = ChildProcess.Start(ChildProcess.TestsDll, ["embedded-local"]);
        await app.LineAsync(l => l.StartsWith("ready ", StringComparison.Ordinal), Wait);

        app.Signal(signal);

        Assert.True(await app.ExitedAsync(TimeSpan.FromSeconds(10)), "the app ignored SIG" + signal + ":\n" + app.Output);
        Assert.NotEqual(0, app.ExitCode); // killed by the signal (128 + n), not a normal end
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task An_app_that_handles_the_signal_itself_decides_when_the_endpoint_stops(string signal)
    {
        using var app = ChildProcess.Start(ChildProcess.TestsDll, ["embedded-local-own-handler"]);
        await app.LineAsync(l => l.StartsWith("ready ", StringComparison.Ordinal), Wait);

        app.Signal(signal);

        Assert.True(await app.ExitedAsync(Wait), app.Output);
        Assert.Contains("after SIG" + signal + ": 200", app.Output, StringComparison.Ordinal);
        Assert.Equal(0, app.ExitCode);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task The_standalone_server_stops_gracefully_on_the_signal(string signal)
    {
        using var server = ChildProcess.Start(ChildProcess.ServerDll, ["--port", "0", "--hold-seconds", "1"]);
        await server.LineAsync(l => l.StartsWith("Listening on ", StringComparison.Ordinal), Wait);

        server.Signal(signal);

        Assert.True(await server.ExitedAsync(TimeSpan.FromSeconds(15)), "the server ignored SIG" + signal + ":\n" + server.Output);
        Assert.Equal(0, server.ExitCode);
        Assert.Contains("Stopping: ", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stopping_summary_counts_the_polls_held_when_the_signal_came()
    {
        using var server = ChildProcess.Start(ChildProcess.ServerDll, ["--port", "0", "--hold-seconds", "60"]);
        var listening = await server.LineAsync(l => l.StartsWith("Listening on ", StringComparison.Ordinal), Wait);
        var url = new Uri(listening["Listening on ".Length..].Trim() + "/");
        var created = await RawHttp.SendAsync(url, "POST", "/", RawHttp.AwsHeaders(url, "CreateActivity"), """{"name":"held"}""");
        var arn = created.Json.GetProperty("activityArn").GetString();
        var poll = RawHttp.SendAsync(url, "POST", "/", RawHttp.AwsHeaders(url, "GetActivityTask"), $$"""{"activityArn":"{{arn}}"}""");
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        server.Signal("INT");

        Assert.Equal(200, (await poll).Status);
        Assert.True(await server.ExitedAsync(TimeSpan.FromSeconds(15)), server.Output);
        Assert.Contains("Stopping: polls 1 (empty 1)", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_stopping_summary_counts_every_poll_held_when_the_signal_came()
    {
        using var server = ChildProcess.Start(ChildProcess.ServerDll, ["--port", "0", "--hold-seconds", "60"]);
        var listening = await server.LineAsync(l => l.StartsWith("Listening on ", StringComparison.Ordinal), Wait);
        var url = new Uri(listening["Listening on ".Length..].Trim() + "/");
        var created = await RawHttp.SendAsync(url, "POST", "/", RawHttp.AwsHeaders(url, "CreateActivity"), """{"name":"held"}""");
        var arn = created.Json.GetProperty("activityArn").GetString();
        // Kept-alive connections, as a worker's HttpClient holds them.
        using var http = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var polls = new Task<System.Net.Http.HttpResponseMessage>[4];
        for (var i = 0; i < polls.Length; i++)
        {
            var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Post, url)
            {
                Content = new System.Net.Http.StringContent($$"""{"activityArn":"{{arn}}"}""", System.Text.Encoding.UTF8, "application/x-amz-json-1.0"),
            };
            request.Headers.Add("X-Amz-Target", "AWSStepFunctions.GetActivityTask");
            polls[i] = http.SendAsync(request);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(800));

        server.Signal("INT");

        foreach (var poll in polls)
        {
            using var answer = await poll;
            Assert.Equal(200, (int)answer.StatusCode);
        }

        Assert.True(await server.ExitedAsync(TimeSpan.FromSeconds(15)), server.Output);
        Assert.Contains("Stopping: polls 4 (empty 4)", server.Output, StringComparison.Ordinal);
    }
}
