using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Local;
using ActivityCore.Operations;
using ActivityCore.Tests.Shell.Worker;
using ActivityCore.Worker;
using Microsoft.Extensions.Logging;
using Xunit;
using static ActivityCore.Tests.Shell.Worker.WorkerFixture;

namespace ActivityCore.Tests.Regressions;

/// <summary>
/// Regression: <see cref="ActivityWorker.WaitForFirstPollAsync"/> answered its verdict before the worker had written the
/// line that says it (118 "polls are answered again", 117 "cannot poll ... Advice"), so a host that exits at once on
/// <see cref="WorkerHealth.Misconfigured"/> could exit without its Error line, and <c>WorkerHealthTests</c> found no 118
/// line on a loaded machine. Now the line is written first. A sink that takes 3 s per line makes the order visible.
/// </summary>
public class VerdictAfterItsLogLineTests
{
    [Fact]
    public async Task The_recovery_line_is_written_before_the_Polling_verdict_is_answered()
    {
        await using var f = await StartAsync(maxAttempts: 1);
        f.Local.Faults.Add(LocalOperation.GetActivityTask, LocalFault.ServiceUnavailable, times: 2);
        using var logs = new CapturingLoggerProvider();
        await using var worker = ActivityWorker.Create(f.Client, f.Options(o => o.Pollers = 1), Echo, new SlowSink(logs.CreateLogger("ActivityCore.ActivityWorker")))
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        await worker.StartAsync();

        var verdict = await worker.WaitForFirstPollAsync(TimeSpan.FromSeconds(30));

        Assert.IsType<WorkerHealth.Polling>(verdict);
        Assert.Single(logs.Records, r => r.EventId.Id == 118);
        await worker.StopAsync();
    }

    [Fact]
    public async Task The_Error_line_with_the_advice_is_written_before_the_Misconfigured_verdict_is_answered()
    {
        await using var f = await StartAsync();
        string missing = f.Arn.Replace(":activity:work", ":activity:missing", StringComparison.Ordinal);
        using var logs = new CapturingLoggerProvider();
        await using var worker = ActivityWorker.Create(f.Client, f.Options(o => { o.ActivityArn = missing; o.Pollers = 1; }), Echo, new SlowSink(logs.CreateLogger("ActivityCore.ActivityWorker")))
            .Match(Right: w => w, Left: e => throw new InvalidOperationException(e.ToString()));
        await worker.StartAsync();

        var verdict = await worker.WaitForFirstPollAsync(TimeSpan.FromSeconds(30));

        var misconfigured = Assert.IsType<WorkerHealth.Misconfigured>(verdict);
        var line = Assert.Single(logs.Records, r => r.EventId.Id == 117);
        Assert.Contains(misconfigured.Advice, line.Message, StringComparison.Ordinal);
        await worker.StopAsync();
    }

    /// <summary>A sink that takes 3 s to write the verdicts' lines (117, 118), as a slow or contended sink may.</summary>
    private sealed class SlowSink(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is 117 or 118)
            {
                Thread.Sleep(3000);
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
