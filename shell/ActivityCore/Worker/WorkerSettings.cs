using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// The options of a worker once checked: every value in range and parsed. Immutable and thread-safe.
/// </summary>
/// <param name="ActivityArn">The activity.</param>
/// <param name="WorkerName">The worker's name, if any.</param>
/// <param name="Pollers">The polls run at once (at most <paramref name="MaxTasksInFlight"/>).</param>
/// <param name="MaxTasksInFlight">The bound on tasks and polls in flight.</param>
/// <param name="HeartbeatInterval">The heartbeat interval, or none.</param>
/// <param name="HandlerTimeout">The handler timeout, or none.</param>
/// <param name="DrainTimeout">The drain timeout.</param>
/// <param name="PollBackoff">The poll backoff (base and cap).</param>
/// <param name="TimeProvider">The clock.</param>
/// <param name="MaxOrphanedHandlers">The cap on handlers still running after their task ended.</param>
public sealed record WorkerSettings(
    ActivityArn ActivityArn,
    Option<WorkerName> WorkerName,
    int Pollers,
    int MaxTasksInFlight,
    Option<TimeSpan> HeartbeatInterval,
    Option<TimeSpan> HandlerTimeout,
    TimeSpan DrainTimeout,
    RetryPolicy PollBackoff,
    TimeProvider TimeProvider,
    int MaxOrphanedHandlers)
{
    /// <summary>Checks the options against the ranges documented on <see cref="ActivityWorkerOptions"/>; the first problem found is the answer.</summary>
    /// <param name="options">The options.</param>
    /// <returns>The settings, or the first option out of range.</returns>
    public static Either<ValidationError, WorkerSettings> From(ActivityWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Pollers is < 1 or > 1000)
        {
            return Fail("Pollers", $"must be in 1..1000, is {options.Pollers}");
        }

        if (options.MaxTasksInFlight is < 1 or > 100_000)
        {
            return Fail("MaxTasksInFlight", $"must be in 1..100000, is {options.MaxTasksInFlight}");
        }

        if (options.HeartbeatInterval is { } hb && (hb < TimeSpan.FromMilliseconds(100) || hb > TimeSpan.FromDays(1)))
        {
            return Fail("HeartbeatInterval", $"must be in 100 ms..1 day or none, is {hb}");
        }

        if (options.HandlerTimeout is { } ht && (ht < TimeSpan.FromMilliseconds(1) || ht > TimeSpan.FromDays(7)))
        {
            return Fail("HandlerTimeout", $"must be in 1 ms..7 days or none, is {ht}");
        }

        if (options.DrainTimeout < TimeSpan.Zero || options.DrainTimeout > TimeSpan.FromHours(1))
        {
            return Fail("DrainTimeout", $"must be in 0..1 hour, is {options.DrainTimeout}");
        }

        if (options.PollBackoffBase < TimeSpan.Zero || options.PollBackoffBase > TimeSpan.FromSeconds(20))
        {
            return Fail("PollBackoffBase", $"must be in 0..20 s, is {options.PollBackoffBase}");
        }

        if (options.PollBackoffMax < options.PollBackoffBase || options.PollBackoffMax > TimeSpan.FromMinutes(5))
        {
            return Fail("PollBackoffMax", $"must be in PollBackoffBase..5 min, is {options.PollBackoffMax}");
        }

        if (options.MaxOrphanedHandlers is < 1 or > 100_000)
        {
            return Fail("MaxOrphanedHandlers", $"must be in 1..100000, is {options.MaxOrphanedHandlers}");
        }

        if (options.TimeProvider is null)
        {
            return Left(new ValidationError("TimeProvider", ValidationFailure.Missing, "a time provider is required"));
        }

        Either<ValidationError, Option<WorkerName>> name = options.WorkerName is null
            ? Right<ValidationError, Option<WorkerName>>(None)
            : ActivityCore.WorkerName.Parse(options.WorkerName).Map(Some);
        return from arn in ActivityCore.ActivityArn.Parse(options.ActivityArn)
               from worker in name
               from backoff in RetryPolicy.Create(1, options.PollBackoffBase, options.PollBackoffMax)
               select new WorkerSettings(
                   arn, worker, Math.Min(options.Pollers, options.MaxTasksInFlight), options.MaxTasksInFlight,
                   Optional(options.HeartbeatInterval), Optional(options.HandlerTimeout), options.DrainTimeout,
                   backoff, options.TimeProvider, options.MaxOrphanedHandlers);
    }

    private static Either<ValidationError, WorkerSettings> Fail(string field, string message) =>
        Left(new ValidationError(field, ValidationFailure.OutOfRange, message));
}
