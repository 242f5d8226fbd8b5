using System;
using ActivityCore.Retries;
using ActivityCore.Worker.Policies;
using LanguageExt;
using static ActivityCore.Worker.WorkerOptionLimits;
using static LanguageExt.Prelude;

namespace ActivityCore.Worker;

/// <summary>
/// The options of a worker once checked: every value in range and parsed. Immutable and thread-safe.
/// </summary>
/// <param name="ActivityArn">The activity.</param>
/// <param name="WorkerName">The worker's name, if any.</param>
/// <param name="Pollers">The polls run at once (at most <paramref name="MaxTasksInFlight"/>); with autoscaling, the fewest (<see cref="MaxPollers"/>).</param>
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
        if (!InRange(options.Pollers, MinPollers, WorkerOptionLimits.MaxPollers))
        {
            return Fail("Pollers", $"must be in {Describe(MinPollers, WorkerOptionLimits.MaxPollers)}, is {options.Pollers}");
        }

        if (options.MaxPollers is { } most && !InRange(most, MinPollers, WorkerOptionLimits.MaxPollers))
        {
            return Fail("MaxPollers", $"must be in {Describe(MinPollers, WorkerOptionLimits.MaxPollers)} (at most Pollers for a fixed count) or none, is {most}");
        }

        if (!InRange(options.MaxTasksInFlight, MinMaxTasksInFlight, MaxMaxTasksInFlight))
        {
            return Fail("MaxTasksInFlight", $"must be in {Describe(MinMaxTasksInFlight, MaxMaxTasksInFlight)}, is {options.MaxTasksInFlight}");
        }

        if (options.HeartbeatInterval is { } hb && !InRange(hb, MinHeartbeatInterval, MaxHeartbeatInterval))
        {
            return Fail("HeartbeatInterval", $"must be in {Describe(MinHeartbeatInterval, MaxHeartbeatInterval)} or none, is {hb}");
        }

        if (options.HandlerTimeout is { } ht && !InRange(ht, MinHandlerTimeout, MaxHandlerTimeout))
        {
            return Fail("HandlerTimeout", $"must be in {Describe(MinHandlerTimeout, MaxHandlerTimeout)} or none, is {ht}");
        }

        if (!InRange(options.DrainTimeout, MinDrainTimeout, MaxDrainTimeout))
        {
            return Fail("DrainTimeout", $"must be in {Describe(MinDrainTimeout, MaxDrainTimeout)}, is {options.DrainTimeout}");
        }

        if (!InRange(options.PollBackoffBase, MinPollBackoffBase, MaxPollBackoffBase))
        {
            return Fail("PollBackoffBase", $"must be in {Describe(MinPollBackoffBase, MaxPollBackoffBase)}, is {options.PollBackoffBase}");
        }

        if (!InRange(options.PollBackoffMax, options.PollBackoffBase, MaxPollBackoffMax))
        {
            return Fail("PollBackoffMax", $"must be in PollBackoffBase..{Describe(MaxPollBackoffMax)}, is {options.PollBackoffMax}");
        }

        if (!InRange(options.MaxOrphanedHandlers, MinMaxOrphanedHandlers, MaxMaxOrphanedHandlers))
        {
            return Fail("MaxOrphanedHandlers", $"must be in {Describe(MinMaxOrphanedHandlers, MaxMaxOrphanedHandlers)}, is {options.MaxOrphanedHandlers}");
        }

        if (options.TimeProvider is null)
        {
            return Left(new ValidationError("TimeProvider", ValidationFailure.Missing, "a time provider is required"));
        }

        if (options.Randomizer is null)
        {
            return Left(new ValidationError("Randomizer", ValidationFailure.Missing, "a randomizer is required"));
        }

        Either<ValidationError, Option<WorkerName>> name = options.WorkerName is null
            ? Right<ValidationError, Option<WorkerName>>(None)
            : ActivityCore.WorkerName.Parse(options.WorkerName).Map(Some);
        // Nested Bind, not a query with three froms: its anonymous type (the query's transparent identifier) makes the
        // native AOT compiler's IL scanner fail (ILC 10.0.12: "VTable of type IEnumerable<EitherData<...>> not computed").
        return ActivityCore.ActivityArn.Parse(options.ActivityArn).Bind(arn => name.Bind(worker =>
            RetryPolicy.Create(1, options.PollBackoffBase, options.PollBackoffMax).Map(backoff => new WorkerSettings(
                arn, worker, Math.Min(options.Pollers, options.MaxTasksInFlight), options.MaxTasksInFlight,
                Optional(options.HeartbeatInterval), Optional(options.HandlerTimeout), options.DrainTimeout,
                backoff, options.TimeProvider, options.MaxOrphanedHandlers)
            {
                Randomizer = options.Randomizer,
                MaxPollers = Math.Min(Math.Max(options.MaxPollers ?? options.Pollers, options.Pollers), options.MaxTasksInFlight),
            })));
    }

    /// <summary>The source of the numbers in [0, 1) for the jitter of the poll pacing, the poll backoff and the report resends (<see cref="ActivityWorkerOptions.Randomizer"/>).</summary>
    public Func<double> Randomizer { get; init; } = DefaultRandomizer.NextDouble;

    /// <summary>
    /// The most polls run at once (at most <see cref="MaxTasksInFlight"/>, never below <see cref="Pollers"/>): the worker
    /// grows from <see cref="Pollers"/> towards it while polls bring tasks, and shrinks back on empty polls
    /// (<see cref="ActivityWorkerOptions.MaxPollers"/>). Equal to <see cref="Pollers"/> for a fixed count (also the
    /// value of a <see cref="WorkerSettings"/> made with its constructor).
    /// </summary>
    public int MaxPollers
    {
        get => Math.Max(maxPollers, Pollers);
        init => maxPollers = value;
    }

    /// <summary>Whether the pollers scale (<see cref="MaxPollers"/> above <see cref="Pollers"/>).</summary>
    public bool ScalesPollers => MaxPollers > Pollers;

    private readonly int maxPollers;

    private static Either<ValidationError, WorkerSettings> Fail(string field, string message) =>
        Left(new ValidationError(field, ValidationFailure.OutOfRange, message));
}
