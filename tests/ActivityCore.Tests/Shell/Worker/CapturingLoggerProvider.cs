using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.Extensions.Logging;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>One log call as a sink would see it: the formatted message, the state's key/values, the scopes open, the exception.</summary>
internal sealed record CapturedLog(
    string Category,
    LogLevel Level,
    EventId EventId,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>> State,
    string StateText,
    IReadOnlyList<string> Scopes,
    string? Exception)
{
    /// <summary>Every piece of text a sink (plain or structured) could write for this call.</summary>
    public IEnumerable<string> Texts()
    {
        yield return Category;
        yield return EventId.Name ?? string.Empty;
        yield return Message;
        yield return StateText;
        foreach (var (key, value) in State)
        {
            yield return key;
            yield return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        }

        foreach (var scope in Scopes)
        {
            yield return scope;
        }

        if (Exception is not null)
        {
            yield return Exception;
        }
    }

    public override string ToString() => $"{Level} {Category}[{EventId.Id}] {Message}";
}

/// <summary>
/// A logger provider that keeps every call at every level (Trace included): what a console, file or structured sink
/// would be given. Scopes are kept per async flow.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly AsyncLocal<ScopeNode?> scopes = new();

    public ConcurrentQueue<CapturedLog> Records { get; } = new();

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
    }

    private static KeyValuePair<string, object?>[] Pairs(object? state) =>
        state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.ToArray() : [];

    private static string Describe(object? state) =>
        string.Join(" ", new[] { Convert.ToString(state, CultureInfo.InvariantCulture) ?? string.Empty }
            .Concat(Pairs(state).SelectMany(p => new[] { p.Key, Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? string.Empty })));

    private sealed record ScopeNode(string Text, ScopeNode? Parent);

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            var parent = provider.scopes.Value;
            provider.scopes.Value = new ScopeNode(Describe(state), parent);
            return new ScopeEnd(provider, parent);
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var open = new List<string>();
            for (var node = provider.scopes.Value; node is not null; node = node.Parent)
            {
                open.Add(node.Text);
            }

            provider.Records.Enqueue(new CapturedLog(
                category, logLevel, eventId, formatter(state, exception), Pairs(state),
                Convert.ToString(state, CultureInfo.InvariantCulture) ?? string.Empty, open, exception?.ToString()));
        }
    }

    private sealed class ScopeEnd(CapturingLoggerProvider provider, ScopeNode? parent) : IDisposable
    {
        public void Dispose() => provider.scopes.Value = parent;
    }
}
