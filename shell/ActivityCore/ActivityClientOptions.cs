using System;
using System.Net.Http;
using ActivityCore.Configuration;
using ActivityCore.Retries;
using Amazon.Runtime;
using Microsoft.Extensions.Logging;

namespace ActivityCore;

/// <summary>
/// The settings of an <see cref="ActivityClient"/>. Each property documents its range and default;
/// <see cref="ActivityClient.Create"/> checks them and answers a <see cref="ValidationError"/> for the first one out
/// of range. A plain mutable settings bag: not thread-safe, read once when the client is created.
/// </summary>
public sealed class ActivityClientOptions
{
    /// <summary>The smallest poll timeout accepted: 61 s (the service holds a poll up to 60 s).</summary>
    public static readonly TimeSpan MinPollTimeout = ClientOptionLimits.PollTimeout.Min;

    /// <summary>The default poll timeout: 65 s.</summary>
    public static readonly TimeSpan DefaultPollTimeout = ClientOptionLimits.PollTimeout.Default;

    /// <summary>The default request timeout of the calls other than GetActivityTask: 10 s.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = ClientOptionLimits.RequestTimeout.Default;

    /// <summary>
    /// The default bound on an answer's body: 8 MiB. A poll's <c>input</c> may hold 1,048,576 characters, each of which
    /// may take up to 6 bytes once JSON-escaped inside the answer (<c>\uXXXX</c>), plus a 2,048-character token and the envelope.
    /// </summary>
    public const int DefaultMaxResponseBytes = 8 * 1024 * 1024;

    /// <summary>The region, e.g. <c>eu-west-1</c>. Required, also with <see cref="ServiceUrl"/> (it is the signing region).</summary>
    public string? Region { get; set; }

    /// <summary>A URL that replaces the resolved endpoint (a local endpoint, a VPC endpoint). Default none. Not with FIPS or dual-stack.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Use the FIPS endpoint. Default false.</summary>
    public bool UseFips { get; set; }

    /// <summary>Use the dual-stack (IPv4 and IPv6) endpoint. Default false.</summary>
    public bool UseDualStack { get; set; }

    /// <summary>
    /// The credentials; null (the default) for AWSSDK.Core's default chain (environment, profiles, SSO, web identity,
    /// container, instance metadata). <see cref="AnonymousAWSCredentials"/> send unsigned requests (no <c>Authorization</c>,
    /// no <c>X-Amz-Security-Token</c>), as the AWS SDKs do: for endpoints that verify nothing (<c>--no-sign-request</c>).
    /// An <c>ExpiredTokenException</c> is retried only with refreshing credentials (<see cref="RefreshingAWSCredentials"/>).
    /// </summary>
    public AWSCredentials? Credentials { get; set; }

    /// <summary>The timeout of one GetActivityTask attempt: 61 s..15 min, default 65 s. Never below 61 s: the service holds a poll up to 60 s.</summary>
    public TimeSpan PollTimeout { get; set; } = DefaultPollTimeout;

    /// <summary>The timeout of one attempt of every other call: 1 ms..5 min, default 10 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>The most attempts of a call, the first included: 1..20, default 3 (the standard retry mode's). 1 disables retries.</summary>
    public int MaxAttempts { get; set; } = ClientOptionLimits.MaxAttempts.Default;

    /// <summary>The base of the retry backoff under the <see cref="ActivityCore.Retries.RetryRules.Standard"/> rules: 0..20 s, default 1 s (the delay before retry <c>i</c> is <c>random(0,1) * min(base * 2^i, 20 s)</c>).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = ClientOptionLimits.RetryBaseDelay.Default;

    /// <summary>
    /// The retry rules: <see cref="ActivityCore.Retries.RetryRules.Standard"/> (the AWS SDKs' standard mode as shipped since
    /// 2020) or <see cref="ActivityCore.Retries.RetryRules.Standard2026"/> (its 2026 update: base delay 50 ms for transient
    /// errors and 1 s for throttling, retry costs 14 and 5, <c>x-amz-retry-after</c> honoured, GetActivityTask backs off even
    /// when the retry quota is empty; <see cref="RetryBaseDelay"/> is not used). Default: <c>Standard2026</c> when the
    /// environment variable <c>AWS_NEW_RETRIES_2026</c> is <c>true</c> (any case) when the options are made, as the AWS
    /// SDKs opt in; <c>Standard</c> otherwise. docs/reliability.md has both rule sets side by side.
    /// </summary>
    public ActivityCore.Retries.RetryRules RetryRules { get; set; } =
        AwsEnvironment.Process.Get(RetryRulesFlag.EnvironmentVariable).Map(RetryRulesFlag.Parse).IfNone(ActivityCore.Retries.RetryRules.Standard);

    /// <summary>The capacity of the client's retry quota (the standard retry mode's token bucket): 0..100000, default 500. 0 disables retries after the first failure.</summary>
    public int RetryQuotaCapacity { get; set; } = ClientOptionLimits.RetryQuotaCapacity.Default;

    /// <summary>The largest answer body read: 64 KiB..256 MiB, default <see cref="DefaultMaxResponseBytes"/> (8 MiB). A larger answer is a <see cref="ClientFailureReason.ResponseTooLarge"/> failure.</summary>
    public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>
    /// The most connections to the endpoint when the client makes its own handler: 1..65536, default 1024. Each
    /// long poll holds a connection for up to 60 s, so this bounds the polls in flight. Ignored with <see cref="HttpMessageHandler"/>.
    /// </summary>
    public int MaxConnectionsPerServer { get; set; } = ClientOptionLimits.MaxConnectionsPerServer.Default;

    /// <summary>
    /// The source of the retry backoff's jitter: a function answering a number in [0, 1) (a value outside is clamped, NaN
    /// is 0), called once per retry decision. The delay before retry <c>i</c> (0 for the first) is
    /// <c>Randomizer() * min(RetryBaseDelay * 2^i, 20 s)</c>: a randomizer pinned to 0.5 with the default base waits
    /// exactly 500 ms before the first retry, 1 s before the second. Default: a thread-safe shared random generator.
    /// Must be thread-safe (concurrent calls share it) and not null. Tests pin it (Polly v8's <c>Randomizer</c>).
    /// </summary>
    public Func<double> Randomizer { get; set; } = DefaultRandomizer.NextDouble;

    /// <summary>The clock (signing time, timeouts, backoff delays, latency). Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The HTTP handler; null (the default) for a <see cref="SocketsHttpHandler"/> the client owns. A given handler is not
    /// disposed by the client. It must not follow redirects (a redirected request carries the security token and the task
    /// token to another host): a <see cref="SocketsHttpHandler"/> or <see cref="HttpClientHandler"/> with
    /// <c>AllowAutoRedirect = true</c> (their default), itself or inside a <see cref="DelegatingHandler"/> chain, is refused
    /// by <see cref="ActivityClient.Create"/>; set <c>AllowAutoRedirect = false</c>. An answer that a handler the client
    /// cannot look into brought back from another URL is a <see cref="ClientFailureReason.RedirectFollowed"/> failure.
    /// A 3xx answer is a <see cref="ActivityFailure{TError}.ServiceError"/> (code <c>HttpStatus3xx</c>), never followed.
    /// </summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }

    /// <summary>Where the client logs (operation, attempt, status, request id, latency; never a token, input, output or secret). Default none.</summary>
    public ILogger? Logger { get; set; }
}
