using System;
using Microsoft.Extensions.Logging;

namespace ActivityCore.Local;

/// <summary>
/// How a <see cref="LocalStepFunctions"/> endpoint listens and behaves. Read once, at
/// <see cref="LocalStepFunctions.StartAsync"/>; changing it afterwards has no effect.
/// </summary>
public sealed class LocalStepFunctionsOptions
{
    /// <summary>
    /// The IP address to listen on. Default <c>127.0.0.1</c>; <c>localhost</c> means the IPv4 loopback. An address that is
    /// not a loopback one (e.g. <c>0.0.0.0</c>) needs <see cref="Credentials"/>. Requests are served only when their
    /// <c>Host</c> header names this address (or <c>localhost</c>, for a loopback or unspecified one) and the port.
    /// </summary>
    public string Host { get; set; } = LocalOptionLimits.DefaultHost;

    /// <summary>The TCP port, 0..65535. Default 0: a free port is chosen (read it from <see cref="LocalStepFunctions.ServiceUrl"/>).</summary>
    public int Port { get; set; }

    /// <summary>The longest <see cref="PollHoldTime"/>: one day.</summary>
    public static TimeSpan MaxPollHoldTime { get; } = LocalOptionLimits.MaxPollHoldTime;

    /// <summary>
    /// How long a <c>GetActivityTask</c> is held when no task is queued before it is answered
    /// empty. Default 60 s, as the service. From zero to <see cref="MaxPollHoldTime"/>.
    /// </summary>
    public TimeSpan PollHoldTime { get; set; } = LocalOptionLimits.DefaultPollHoldTime;

    /// <summary>The region in ARNs and, when signing is verified, in the credential scope. Default <c>us-east-1</c>.</summary>
    public string Region { get; set; } = LocalOptionLimits.DefaultRegion;

    /// <summary>The account id in ARNs. Default <c>123456789012</c>.</summary>
    public string AccountId { get; set; } = LocalOptionLimits.DefaultAccountId;

    /// <summary>
    /// When set, every request, to the AWS route and to the admin routes, must be SigV4-signed with these credentials
    /// (service <c>states</c>, <see cref="Region"/>; until <see cref="LocalStepFunctions.RotateCredentials"/> replaces them).
    /// Default null: no verification.
    /// </summary>
    public LocalCredentials? Credentials { get; set; }

    /// <summary>How far a signature's date may be from the clock. Default 5 minutes, as the service.</summary>
    public TimeSpan MaxClockSkew { get; set; } = LocalOptionLimits.DefaultMaxClockSkew;

    /// <summary>
    /// The clock for hold times, task and heartbeat timeouts, fault delays and signature dates.
    /// Default <see cref="TimeProvider.System"/>; tests may pass a fake one.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where each call is logged (operation, status, request id; never tokens or inputs). Default null: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Whether the non-AWS routes under <c>/_local/</c> are served (enqueue, outcomes, counters, faults). Default true.
    /// They refuse requests with an <c>Origin</c> header (403) or a body not sent as <c>application/json</c> (415), and,
    /// with <see cref="Credentials"/>, requests not signed with them (403).
    /// </summary>
    public bool EnableAdminRoutes { get; set; } = true;

    /// <summary>How many polls may be held at once per activity before <c>ActivityWorkerLimitExceeded</c>. Default 1,000.</summary>
    public int MaxPollersPerActivity { get; set; } = LocalOptionLimits.DefaultMaxPollersPerActivity;

    /// <summary>How many activities may exist before <c>ActivityLimitExceeded</c>. Default 10,000.</summary>
    public int MaxActivities { get; set; } = LocalOptionLimits.DefaultMaxActivities;

    /// <summary>
    /// How many ended tasks are remembered, the most recent first: each stays findable by id
    /// (<see cref="LocalStepFunctions.FindTask"/>, <c>GET /_local/tasks/{id}</c>) until this many tasks have ended
    /// after it, and as many of the most recent timed-out tokens keep answering <c>TaskTimedOut</c> (older ones
    /// answer <c>TaskDoesNotExist</c>). Bounds the memory of a long-running endpoint, which otherwise would keep every
    /// task it ever ran. Queued and in-flight tasks are always kept; a <see cref="LocalTaskHandle"/> already held
    /// keeps working. 0 or more; default 10,000.
    /// </summary>
    public int RetainedEndedTasks { get; set; } = LocalOptionLimits.DefaultRetainedEndedTasks;

    /// <summary>
    /// What a report with the token of a task already closed by an earlier report answers: <c>TaskDoesNotExist</c>
    /// (default) or <c>TaskTimedOut</c>, which the service also answers (<see cref="LocalClosedTaskAnswer"/>). Such
    /// tokens are remembered as timed-out ones are (<see cref="RetainedEndedTasks"/>); an older one answers
    /// <c>TaskDoesNotExist</c>.
    /// </summary>
    public LocalClosedTaskAnswer ClosedTaskAnswer { get; set; }
}
