using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using ActivityCore.Operations;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ActivityCore.Tests.Local;

public class LoggingTests
{
    [Fact]
    public async Task Each_call_is_logged_with_operation_outcome_and_request_id_but_never_token_or_input()
    {
        var sink = new Sink();
        using var factory = LoggerFactory.Create(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Information));
        await using var s = await LocalServer.StartAsync(o => o.LoggerFactory = factory);
        var arn = s.Local.CreateActivity("logged");
        s.Local.EnqueueTask(arn, """{"secret-input":"hunter2"}""");
        var poll = await s.Client.PollAsync(arn);
        var token = poll.String("taskToken")!;
        var success = await s.Client.CallAsync("SendTaskSuccess", new { taskToken = token, output = """{"secret-output":1}""" });
        var error = await s.Client.CallAsync("DescribeActivity", new { activityArn = "bad" });

        await Eventually.TrueAsync(() => sink.Lines.Count >= 3);
        var lines = sink.Lines.ToArray();
        Assert.Contains(lines, l => l.StartsWith("GetActivityTask -> 200", StringComparison.Ordinal) && l.Contains(poll.RequestId!, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SendTaskSuccess -> 200", StringComparison.Ordinal) && l.Contains(success.RequestId!, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("DescribeActivity -> 400 InvalidArn", StringComparison.Ordinal) && l.Contains(error.RequestId!, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(token[..32], StringComparison.Ordinal) || l.Contains("hunter2", StringComparison.Ordinal) || l.Contains("secret-output", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Client_text_in_a_log_line_is_escaped_and_cut()
    {
        var sink = new Sink();
        using var factory = LoggerFactory.Create(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Information));
        await using var s = await LocalServer.StartAsync(o => o.LoggerFactory = factory);
        var spoof = RawHttp.AwsHeaders(s.Local.ServiceUrl, "\u001b[2J\u001b[HListActivities -> 200 (spoofed");
        var huge = RawHttp.AwsHeaders(s.Local.ServiceUrl, new string('T', 20_000));

        await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/", spoof, "{}");
        await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/", huge, "{}");
        await RawHttp.SendAsync(s.Local.ServiceUrl, "GET", "/_local/tasks/\u001b[2Jx", [("Host", s.Local.ServiceUrl.Authority)]);

        await Eventually.TrueAsync(() => sink.Lines.Count >= 3);
        var lines = sink.Lines.ToArray();
        Assert.DoesNotContain(lines, l => l.Any(char.IsControl));
        Assert.Contains(lines, l => l.Contains("\\x1B[2J\\x1B[HListActivities", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(new string('T', 128) + "...", StringComparison.Ordinal) && !l.Contains(new string('T', 129), StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(l.Length < 400, l));
    }

    [Fact]
    public async Task Each_admin_call_is_logged_with_method_path_status_and_duration_but_never_input_or_output()
    {
        var sink = new Sink();
        using var factory = LoggerFactory.Create(b => b.AddProvider(sink).SetMinimumLevel(LogLevel.Information));
        await using var s = await LocalServer.StartAsync(o => o.LoggerFactory = factory);
        var arn = s.Local.CreateActivity("adminlog");
        List<(string, string)> json = [("Host", s.Local.ServiceUrl.Authority), ("Content-Type", "application/json")];

        await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/_local/tasks", json, $$"""{"activityArn":"{{arn}}","input":"{\"hunter2\":1}"}""");
        await RawHttp.SendAsync(s.Local.ServiceUrl, "GET", "/_local/counters", json);
        await RawHttp.SendAsync(s.Local.ServiceUrl, "POST", "/_local/faults", json, """{"operation":"Nope","kind":"error","code":"X"}""");
        await RawHttp.SendAsync(s.Local.ServiceUrl, "DELETE", "/_local/faults", json);

        await Eventually.TrueAsync(() => sink.Lines.Count >= 4);
        var lines = sink.Lines.ToArray();
        Assert.Contains(lines, l => l.StartsWith("POST /_local/tasks -> 200 (", StringComparison.Ordinal) && l.EndsWith(" ms)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("GET /_local/counters -> 200 (", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("POST /_local/faults -> 400 (", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("DELETE /_local/faults -> 200 (", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("hunter2", StringComparison.Ordinal));
    }

    private sealed class Sink : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
