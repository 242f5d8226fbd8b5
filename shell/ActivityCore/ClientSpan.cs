using System;
using System.Diagnostics;
using LanguageExt;

namespace ActivityCore;

/// <summary>
/// The span of one call (<see cref="ClientTelemetry"/>): started before its first attempt, told about each attempt's
/// answer, given the call's failure if it failed, and ended with the attributes of the last answer. Without a listener
/// it is one shared instance that holds no span and records nothing. Not thread-safe: a call's attempts run one after
/// the other.
/// </summary>
internal sealed class ClientSpan : IDisposable
{
    private readonly Activity? span;
    private int attempts;
    private AnswerInfo last = AnswerInfo.None;

    private ClientSpan(Activity? span) => this.span = span;

    /// <summary>No span (no one listens): shared, it records nothing.</summary>
    private static ClientSpan Off { get; } = new(null);

    /// <summary>Starts the span of a call (none when no one listens).</summary>
    /// <param name="operation">The operation, e.g. <c>GetActivityTask</c>.</param>
    /// <param name="region">The region the client signs for.</param>
    /// <param name="endpoint">The endpoint called.</param>
    /// <returns>The call's span.</returns>
    public static ClientSpan Start(string operation, string region, Uri endpoint)
    {
        if (!ClientTelemetry.Source.HasListeners())
        {
            return Off; // nothing to name or record: no string, no object
        }

        var span = ClientTelemetry.Source.StartActivity(ClientTelemetry.Service + "." + operation, ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag("rpc.system", ClientTelemetry.RpcSystem);
            span.SetTag("rpc.service", ClientTelemetry.Service);
            span.SetTag("rpc.method", operation);
            span.SetTag("cloud.region", region);
            span.SetTag("server.address", endpoint.Host);
            span.SetTag("server.port", endpoint.Port);
        }

        return span is null ? Off : new ClientSpan(span);
    }

    /// <summary>An attempt ended: counts it, and keeps what its answer said (the last answer's status and request id go on the span).</summary>
    /// <param name="answer">What the answer said about itself (its request id already without the request's secrets).</param>
    public void Attempted(AnswerInfo answer)
    {
        if (span is null)
        {
            return;
        }

        attempts++;
        last = answer;
    }

    /// <summary>The call failed: <c>error.type</c> and the Error status, described in a few words that hold no secret.</summary>
    /// <param name="errorType">The error's class: the service's error code, <c>timeout</c>, the exception type or the client's reason.</param>
    /// <param name="description">The failure in a few words.</param>
    public void Failed(string errorType, string description)
    {
        span?.SetTag("error.type", errorType);
        span?.SetStatus(ActivityStatusCode.Error, description);
    }

    /// <summary>Ends the span, with the number of attempts and the last answer's status and request id.</summary>
    public void Dispose()
    {
        if (span is null)
        {
            return;
        }

        if (span.IsAllDataRequested)
        {
            span.SetTag(ClientTelemetry.Attempts, attempts);
            if (last.Status != 0)
            {
                span.SetTag("http.response.status_code", last.Status);
            }

            last.RequestId.IfSome(id => span.SetTag("aws.request_id", id));
        }

        span.Dispose();
    }
}
