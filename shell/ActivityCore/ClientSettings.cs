using System;
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
    int RetryQuotaCapacity,
    int MaxResponseBytes,
    int MaxConnectionsPerServer)
{
    /// <summary>Checks the options against their documented ranges; the first problem found is the answer.</summary>
    public static Either<ValidationError, ClientSettings> From(ActivityClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PollTimeout < ActivityClientOptions.MinPollTimeout || options.PollTimeout > TimeSpan.FromMinutes(15))
        {
            return Fail("PollTimeout", $"must be in 61 s..15 min (the service holds a poll up to 60 s), is {options.PollTimeout}");
        }

        if (options.RequestTimeout < TimeSpan.FromMilliseconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            return Fail("RequestTimeout", $"must be in 1 ms..5 min, is {options.RequestTimeout}");
        }

        if (options.RetryQuotaCapacity is < 0 or > 100_000)
        {
            return Fail("RetryQuotaCapacity", $"must be in 0..100000, is {options.RetryQuotaCapacity}");
        }

        if (options.MaxResponseBytes is < 64 * 1024 or > 256 * 1024 * 1024)
        {
            return Fail("MaxResponseBytes", $"must be in 64 KiB..256 MiB, is {options.MaxResponseBytes}");
        }

        if (options.MaxConnectionsPerServer is < 1 or > 65_536)
        {
            return Fail("MaxConnectionsPerServer", $"must be in 1..65536, is {options.MaxConnectionsPerServer}");
        }

        if (options.TimeProvider is null)
        {
            return Left(new ValidationError("TimeProvider", ValidationFailure.Missing, "a time provider is required"));
        }

        if (Http.RedirectGuard.Check(options.HttpMessageHandler).Case is ValidationError redirects)
        {
            return Left(redirects);
        }

        return from policy in RetryPolicy.Create(options.MaxAttempts, options.RetryBaseDelay, TimeSpan.FromSeconds(20))
               from endpoint in Endpoints.Resolve(options.Region, options.UseFips, options.UseDualStack, Optional(options.ServiceUrl))
               select new ClientSettings(
                   options.Region!, endpoint, options.PollTimeout, options.RequestTimeout, policy,
                   options.RetryQuotaCapacity, options.MaxResponseBytes, options.MaxConnectionsPerServer);
    }

    private static Either<ValidationError, ClientSettings> Fail(string field, string message) =>
        Left(new ValidationError(field, ValidationFailure.OutOfRange, message));
}
