using System;
using System.Globalization;
using LanguageExt;
using Microsoft.Extensions.Configuration;
using static LanguageExt.Prelude;

namespace ActivityCore.Worker;

/// <summary>
/// Reads <see cref="ActivityWorkerOptions"/> and the client's endpoint settings from a configuration section, without
/// reflection. Keys (case-insensitive): <c>ActivityArn</c>, <c>WorkerName</c>, <c>Pollers</c>, <c>MaxPollers</c> (<c>none</c> or empty for a fixed count of <c>Pollers</c>), <c>MaxTasksInFlight</c>,
/// <c>HeartbeatInterval</c>, <c>HandlerTimeout</c>, <c>DrainTimeout</c>, <c>PollBackoffBase</c>, <c>PollBackoffMax</c>, <c>MaxOrphanedHandlers</c>
/// for the worker; <c>Region</c>, <c>ServiceUrl</c>, <c>UseFips</c>, <c>UseDualStack</c>, <c>PollTimeout</c>,
/// <c>RequestTimeout</c>, <c>MaxAttempts</c> for the client. Durations are <c>TimeSpan</c> texts (<c>00:00:30</c>) or
/// seconds (<c>30</c>, <c>0.5</c>); <c>none</c> (or empty) clears an optional one. A key absent keeps the default.
/// </summary>
public static class WorkerConfiguration
{
    /// <summary>Applies the worker keys of <paramref name="section"/> to <paramref name="options"/>.</summary>
    /// <param name="section">The section.</param>
    /// <param name="options">The options to fill.</param>
    /// <returns>The options, or the first value that could not be read.</returns>
    public static Either<ValidationError, ActivityWorkerOptions> Bind(IConfiguration section, ActivityWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        options.ActivityArn = section["ActivityArn"] ?? options.ActivityArn;
        options.WorkerName = section["WorkerName"] ?? options.WorkerName;
        return from pollers in Int(section, "Pollers", options.Pollers)
               from maxPollers in OrNone(section, "MaxPollers", options.MaxPollers, ParseInt, "an integer")
               from max in Int(section, "MaxTasksInFlight", options.MaxTasksInFlight)
               from heartbeat in OrNone(section, "HeartbeatInterval", options.HeartbeatInterval, ParseDuration, "a duration (00:00:30), seconds (30)")
               from handlerTimeout in OrNone(section, "HandlerTimeout", options.HandlerTimeout, ParseDuration, "a duration (00:00:30), seconds (30)")
               from drain in Duration(section, "DrainTimeout", options.DrainTimeout)
               from backoffBase in Duration(section, "PollBackoffBase", options.PollBackoffBase)
               from backoffMax in Duration(section, "PollBackoffMax", options.PollBackoffMax)
               from maxOrphans in Int(section, "MaxOrphanedHandlers", options.MaxOrphanedHandlers)
               select Apply(options, o =>
               {
                   o.Pollers = pollers;
                   o.MaxPollers = ToNullable(maxPollers);
                   o.MaxTasksInFlight = max;
                   o.HeartbeatInterval = ToNullable(heartbeat);
                   o.HandlerTimeout = ToNullable(handlerTimeout);
                   o.DrainTimeout = drain;
                   o.PollBackoffBase = backoffBase;
                   o.PollBackoffMax = backoffMax;
                   o.MaxOrphanedHandlers = maxOrphans;
               });
    }

    /// <summary>Applies the client keys of <paramref name="section"/> to <paramref name="options"/>.</summary>
    /// <param name="section">The section.</param>
    /// <param name="options">The options to fill.</param>
    /// <returns>The options, or the first value that could not be read.</returns>
    public static Either<ValidationError, ActivityClientOptions> BindClient(IConfiguration section, ActivityClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);
        options.Region = section["Region"] ?? options.Region;
        Either<ValidationError, Option<Uri>> url = section["ServiceUrl"] is { Length: > 0 } text
            ? Uri.TryCreate(text, UriKind.Absolute, out var uri)
                ? Right<ValidationError, Option<Uri>>(Some(uri))
                : Left<ValidationError, Option<Uri>>(new ValidationError("ServiceUrl", ValidationFailure.InvalidFormat, "must be an absolute URL"))
            : Right<ValidationError, Option<Uri>>(Optional(options.ServiceUrl));
        return from serviceUrl in url
               from fips in Bool(section, "UseFips", options.UseFips)
               from dual in Bool(section, "UseDualStack", options.UseDualStack)
               from poll in Duration(section, "PollTimeout", options.PollTimeout)
               from request in Duration(section, "RequestTimeout", options.RequestTimeout)
               from attempts in Int(section, "MaxAttempts", options.MaxAttempts)
               select Apply(options, o =>
               {
                   o.ServiceUrl = serviceUrl.Fold((Uri?)null, static (_, u) => u);
                   o.UseFips = fips;
                   o.UseDualStack = dual;
                   o.PollTimeout = poll;
                   o.RequestTimeout = request;
                   o.MaxAttempts = attempts;
               });
    }

    /// <summary>Reads a duration: a <c>TimeSpan</c> text (<c>hh:mm:ss</c>, invariant) or a number of seconds.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The duration, or none when it cannot be read.</returns>
    public static Option<TimeSpan> ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)
            && double.IsFinite(seconds) && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? Some(span) : None;
    }

    private static T Apply<T>(T options, Action<T> set)
    {
        set(options);
        return options;
    }

    private static Either<ValidationError, int> Int(IConfiguration section, string key, int fallback) =>
        section[key] is not { Length: > 0 } text ? Right<ValidationError, int>(fallback)
        : ParseInt(text).ToEither(new ValidationError(key, ValidationFailure.InvalidFormat, "must be an integer"));

    private static Either<ValidationError, bool> Bool(IConfiguration section, string key, bool fallback) =>
        section[key] is not { Length: > 0 } text ? Right<ValidationError, bool>(fallback)
        : bool.TryParse(text, out bool value) ? Right<ValidationError, bool>(value)
        : Left<ValidationError, bool>(new ValidationError(key, ValidationFailure.InvalidFormat, "must be true or false"));

    private static Either<ValidationError, TimeSpan> Duration(IConfiguration section, string key, TimeSpan fallback) =>
        section[key] is not { Length: > 0 } text ? Right<ValidationError, TimeSpan>(fallback)
        : ParseDuration(text).ToEither(new ValidationError(key, ValidationFailure.InvalidFormat, "must be a duration (00:00:30) or seconds (30)"));

    private static T? ToNullable<T>(Option<T> value)
        where T : struct => value.Fold((T?)null, static (_, v) => v);

    private static Option<int> ParseInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? Some(value) : None;

    /// <summary>An optional value: absent keeps <paramref name="fallback"/>; empty or <c>none</c> is none; otherwise <paramref name="parse"/> must read it.</summary>
    private static Either<ValidationError, Option<T>> OrNone<T>(IConfiguration section, string key, T? fallback, Func<string, Option<T>> parse, string expected)
        where T : struct
    {
        string? text = section[key];
        if (text is null)
        {
            return Right<ValidationError, Option<T>>(Optional(fallback));
        }

        if (text.Length == 0 || text.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return Right<ValidationError, Option<T>>(None);
        }

        return parse(text).Match(
            Some: v => Right<ValidationError, Option<T>>(Some(v)),
            None: () => Left<ValidationError, Option<T>>(new ValidationError(key, ValidationFailure.InvalidFormat, $"must be {expected} or none")));
    }
}
