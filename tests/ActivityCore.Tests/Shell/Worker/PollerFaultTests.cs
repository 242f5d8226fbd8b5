using System;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Worker;
using Microsoft.Extensions.Logging;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>A poll loop that dies of an exception outside its call (a throwing logger) is not silent: the worker's disposal raises it.</summary>
public class PollerFaultTests
{
    [Fact]
    public async Task An_exception_that_ends_a_poll_loop_is_raised_by_DisposeAsync()
    {
        await using var f = await StartAsync(hold: TimeSpan.Zero); // instant empty polls: the worker logs event 111 once
        var logger = new ThrowingLogger(eventId: 111);
        var worker = ActivityWorker.Create(f.Client, f.Options(o => (o.Pollers, o.MaxPollers) = (1, null)), Echo, logger)
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        await worker.StartAsync();
        await logger.Thrown.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var raised = await Assert.ThrowsAsync<LoggerFault>(async () => await worker.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("event 111", raised.Message);
    }

    private sealed class LoggerFault(string message) : Exception(message);

    /// <summary>A logger that throws on one event, once.</summary>
    private sealed class ThrowingLogger(int eventId) : ILogger
    {
        public TaskCompletionSource Thrown { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (id.Id == eventId && Thrown.TrySetResult())
            {
                throw new LoggerFault($"event {eventId}");
            }
        }
    }
}
