using System;
using ActivityCore.Http;
using ActivityCore.Retries;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>The options of a client once checked: every value in range, the endpoint resolved.</summary>
internal sealed record ClientSettings(
    string Region,
    Uri Endpoint,
    TimeSpan PollTimeout,
    TimeSpan RequestTimeout,
    RetryPolicy Retry,
    RetryRules Rules,
    int RetryQuotaCapacity,
    int MaxResponseBytes,
    int MaxConnectionsPerServer)
{
    /// <summary>Checks the options against their documented ranges; the first problem found is the answer.</summary>
    public static Either<ValidationError, ClientSettings> From(ActivityClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!ClientOptionLimits.PollTimeout.Contains(options.PollTimeout))
        {
            return Fail("PollTimeout", ClientOptionLimits.PollTimeout.OutOfRange(options.PollTimeout));
        }

        if (!ClientOptionLimits.RequestTimeout.Contains(options.RequestTimeout))
        {
            return Fail("RequestTimeout", ClientOptionLimits.RequestTimeout.OutOfRange(options.RequestTimeout));
        }

        if (!ClientOptionLimits.RetryQuotaCapacity.Contains(options.RetryQuotaCapacity))
        {
            return Fail("RetryQuotaCapacity", ClientOptionLimits.RetryQuotaCapacity.OutOfRange(options.RetryQuotaCapacity));
        }

        if (!ClientOptionLimits.MaxResponseBytes.Contains(options.MaxResponseBytes))
        {
            return Fail("MaxResponseBytes", ClientOptionLimits.MaxResponseBytes.OutOfRange(options.MaxResponseBytes));
        }

        if (!ClientOptionLimits.MaxConnectionsPerServer.Contains(options.MaxConnectionsPerServer))
        {
            return Fail("MaxConnectionsPerServer", ClientOptionLimits.MaxConnectionsPerServer.OutOfRange(options.MaxConnectionsPerServer));
        }

        if (!Enum.IsDefined(options.RetryRules))
        {
            return Fail("RetryRules", $"must be Standard or Standard2026, is {(int)options.RetryRules}");
        }

        if (options.TimeProvider is null)
        {
            return Left(new ValidationError("TimeProvider", ValidationFailure.Missing, "a time provider is required"));
        }

        if (options.Randomizer is null)
        {
            return Left(new ValidationError("Randomizer", ValidationFailure.Missing, "a randomizer is required"));
        }

        return Http.RedirectGuard.Check(options.HttpMessageHandler).Match(
            Some: redirects => Left<ValidationError, ClientSettings>(redirects),
            None: () =>
                from policy in RetryPolicy.Create(options.MaxAttempts, options.RetryBaseDelay, ClientOptionLimits.MaxBackoff)
                from endpoint in Endpoints.Resolve(options.Region, options.UseFips, options.UseDualStack, Optional(options.ServiceUrl))
                select new ClientSettings(
                    options.Region!, endpoint, options.PollTimeout, options.RequestTimeout, policy, options.RetryRules,
                    options.RetryQuotaCapacity, options.MaxResponseBytes, options.MaxConnectionsPerServer));
    }

    private static Either<ValidationError, ClientSettings> Fail(string field, string message) =>
        Left(new ValidationError(field, ValidationFailure.OutOfRange, message));
}
