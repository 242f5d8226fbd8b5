using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Retries;

/// <summary>
/// The parameters of the AWS SDKs' "standard" retry mode: at most <see cref="MaxAttempts"/> attempts (default 3),
/// backoff <c>random(0,1) * min(BaseDelay * 2^i, MaxBackoff)</c> (defaults 1 s and 20 s). Immutable and thread-safe.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>The largest <see cref="MaxAttempts"/> accepted.</summary>
    public const int MaxAttemptsLimit = 20;

    /// <summary>The standard mode's defaults: 3 attempts, base 1 s, cap 20 s.</summary>
    public static readonly RetryPolicy Standard = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));

    private RetryPolicy(int maxAttempts, TimeSpan baseDelay, TimeSpan maxBackoff)
    {
        MaxAttempts = maxAttempts;
        BaseDelay = baseDelay;
        MaxBackoff = maxBackoff;
    }

    /// <summary>The most attempts of one call, the first included: 1..20, default 3. 1 means "never retry".</summary>
    public int MaxAttempts { get; }

    /// <summary>The base of the exponential backoff: 0..20 s, default 1 s. Zero means "retry at once" (tests).</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>The cap of one backoff before jitter: <see cref="BaseDelay"/>..5 min, default 20 s.</summary>
    public TimeSpan MaxBackoff { get; }

    /// <summary>Creates a policy, checking the ranges documented on each property.</summary>
    /// <param name="maxAttempts">1..20.</param>
    /// <param name="baseDelay">0..20 s.</param>
    /// <param name="maxBackoff"><paramref name="baseDelay"/>..5 min.</param>
    /// <returns>The policy, or the first value out of range.</returns>
    public static Either<ValidationError, RetryPolicy> Create(int maxAttempts, TimeSpan baseDelay, TimeSpan maxBackoff)
    {
        if (maxAttempts is < 1 or > MaxAttemptsLimit)
        {
            return Left(new ValidationError("MaxAttempts", ValidationFailure.OutOfRange, $"must be in 1..{MaxAttemptsLimit}, is {maxAttempts}"));
        }

        if (baseDelay < TimeSpan.Zero || baseDelay > TimeSpan.FromSeconds(20))
        {
            return Left(new ValidationError("RetryBaseDelay", ValidationFailure.OutOfRange, $"must be in 0..20 s, is {baseDelay}"));
        }

        if (maxBackoff < baseDelay || maxBackoff > TimeSpan.FromMinutes(5))
        {
            return Left(new ValidationError("MaxBackoff", ValidationFailure.OutOfRange, $"must be in RetryBaseDelay..5 min, is {maxBackoff}"));
        }

        return Right(new RetryPolicy(maxAttempts, baseDelay, maxBackoff));
    }
}
