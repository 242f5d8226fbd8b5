using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
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
