using System;
using System.Collections.Concurrent;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace ActivityCore.Tests.Shell;

/// <summary>Clients and values for the client tests.</summary>
internal static class ClientFixture
{
    public static readonly ActivityArn Arn = ActivityArn.Parse("arn:aws:states:us-east-1:123456789012:activity:worker-test").IfLeft(_ => throw new InvalidOperationException());
    public static readonly TaskToken Token = TaskToken.Parse("SECRET-TOKEN-" + new string('x', 60)).IfLeft(_ => throw new InvalidOperationException());
    public static readonly TaskOutput Output = TaskOutput.Parse("{\"secretOutput\":42}").IfLeft(_ => throw new InvalidOperationException());
    public static readonly ActivityName Name = ActivityName.Parse("worker-test").IfLeft(_ => throw new InvalidOperationException());

    public static ActivityClientOptions Options(FakeHandler handler, AWSCredentials? credentials = null) => new()
    {
        Region = "us-east-1",
        ServiceUrl = new Uri("http://127.0.0.1:9/"),
        Credentials = credentials ?? new BasicAWSCredentials(FakeHandler.AccessKey, FakeHandler.SecretKey),
        HttpMessageHandler = handler,
        RetryBaseDelay = TimeSpan.Zero,
    };

    public static ActivityClient NewClient(ActivityClientOptions options) =>
        ActivityClient.Create(options).IfLeft(e => throw new InvalidOperationException(e.ToString()));

    public static ActivityClient NewClient(FakeHandler handler, Action<ActivityClientOptions>? configure = null)
    {
        var options = Options(handler);
        configure?.Invoke(options);
        return NewClient(options);
    }

    public static TRight RightOrThrow<TLeft, TRight>(this LanguageExt.Either<TLeft, TRight> either)
    {
        if (either.IsLeft)
        {
            throw new InvalidOperationException("expected Right, got " + either);
        }

        return (TRight)either;
    }

    public static TLeft LeftOrThrow<TLeft, TRight>(this LanguageExt.Either<TLeft, TRight> either)
    {
        if (either.IsRight)
        {
            throw new InvalidOperationException("expected Left, got " + either);
        }

        return (TLeft)either;
    }
}

/// <summary>A logger that keeps every formatted message.</summary>
internal sealed class ListLogger : ILogger
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Lines.Enqueue(formatter(state, exception) + (exception is null ? "" : " " + exception));
}
