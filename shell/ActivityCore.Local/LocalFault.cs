using System;

namespace ActivityCore.Local;

/// <summary>What a <see cref="LocalFault"/> does to the call it is applied to.</summary>
public enum LocalFaultKind
{
    /// <summary>Answer with a fixed status and error code; the operation is not performed.</summary>
    Error = 0,

    /// <summary>Wait (on the endpoint's clock), then serve the call normally.</summary>
    Delay = 1,

    /// <summary>Drop the connection before doing anything: no task is dispatched, nothing changes.</summary>
    DropBeforeDispatch = 2,

    /// <summary>
    /// Perform the operation (a poll waits for and dispatches a task as usual), then drop the
    /// connection instead of answering: a dispatched task is lost on the wire and times out.
    /// </summary>
    DropAfterDispatch = 3,

    /// <summary>Perform the operation, then write half of the answer's body and drop the connection.</summary>
    TruncatedBody = 4,
}

/// <summary>
/// A fault to inject into calls of one operation, added with <see cref="LocalFaults.Add"/>.
/// Immutable; build one with the static members.
/// </summary>
public sealed record LocalFault
{
    private LocalFault(LocalFaultKind kind, int status = 0, string? errorCode = null, string? message = null, TimeSpan duration = default)
    {
        Kind = kind;
        Status = status;
        ErrorCode = errorCode;
        Message = message;
        Duration = duration;
    }

    /// <summary>What the fault does.</summary>
    public LocalFaultKind Kind { get; }

    /// <summary>The HTTP status of an <see cref="LocalFaultKind.Error"/> answer; 0 otherwise.</summary>
    public int Status { get; }

    /// <summary>The error code of an <see cref="LocalFaultKind.Error"/> answer; null otherwise.</summary>
    public string? ErrorCode { get; }

    /// <summary>The message of an <see cref="LocalFaultKind.Error"/> answer; null otherwise.</summary>
    public string? Message { get; }

    /// <summary>How long a <see cref="LocalFaultKind.Delay"/> waits; zero otherwise.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Drops the connection before the operation runs.</summary>
    public static LocalFault DropBeforeDispatch { get; } = new(LocalFaultKind.DropBeforeDispatch);

    /// <summary>Runs the operation, then drops the connection (a dispatched task is lost).</summary>
    public static LocalFault DropAfterDispatch { get; } = new(LocalFaultKind.DropAfterDispatch);

    /// <summary>Runs the operation, then writes half of the body and drops the connection.</summary>
    public static LocalFault TruncatedBody { get; } = new(LocalFaultKind.TruncatedBody);

    /// <summary><c>ThrottlingException</c>, 400, "Rate exceeded", as the service throttles.</summary>
    public static LocalFault Throttling { get; } = new(LocalFaultKind.Error, 400, "ThrottlingException", "Rate exceeded");

    /// <summary><c>InternalFailure</c>, 500.</summary>
    public static LocalFault InternalFailure { get; } = new(LocalFaultKind.Error, 500, "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.");

    /// <summary><c>ServiceUnavailable</c>, 503.</summary>
    public static LocalFault ServiceUnavailable { get; } = new(LocalFaultKind.Error, 503, "ServiceUnavailable", "Service Unavailable");

    /// <summary>The longest error code: it goes into the <c>x-amzn-ErrorType</c> header.</summary>
    internal const int MaxCodeLength = 256;

    /// <summary>What <see cref="IsSendableCode"/> accepts, as a message.</summary>
    internal const string SendableCodeRule =
        "An error code must be 1..256 ASCII letters, digits or . _ - # : (it goes into the x-amzn-ErrorType header).";

    /// <summary>Whether <paramref name="code"/> can go into a response header as AWS error codes do: 1..256 of A-Z a-z 0-9 . _ - # :.</summary>
    internal static bool IsSendableCode(string code) =>
        code.Length is >= 1 and <= MaxCodeLength && code.AsSpan().IndexOfAnyExcept(CodeCharacters) < 0;

    private static readonly System.Buffers.SearchValues<char> CodeCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-#:");

    /// <summary>An answer with any status and code (the body and headers in the service's error shape).</summary>
    /// <param name="status">The HTTP status, 400..599.</param>
    /// <param name="errorCode">The code, e.g. <c>KmsThrottlingException</c>: 1..256 ASCII letters, digits or <c>. _ - # :</c>.</param>
    /// <param name="message">The message; null for a generic one.</param>
    /// <returns>The fault.</returns>
    public static LocalFault Error(int status, string errorCode, string? message = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        ArgumentException.ThrowIfNullOrWhiteSpace(errorCode);
        if (!IsSendableCode(errorCode))
        {
            throw new ArgumentException(SendableCodeRule, nameof(errorCode));
        }

        return new LocalFault(LocalFaultKind.Error, status, errorCode, message ?? "Injected fault: " + errorCode);
    }

    /// <summary>Waits <paramref name="duration"/> on the endpoint's clock, then serves the call.</summary>
    /// <param name="duration">Zero or more.</param>
    /// <returns>The fault.</returns>
    public static LocalFault Delay(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        return new LocalFault(LocalFaultKind.Delay, duration: duration);
    }
}
