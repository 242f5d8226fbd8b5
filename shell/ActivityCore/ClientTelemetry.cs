using System;
using System.Diagnostics;

namespace ActivityCore;

/// <summary>
/// The client's traces: one span per call of <see cref="ActivityClient"/> (all its attempts and retries), on the
/// <see cref="System.Diagnostics.ActivitySource"/> named <see cref="ActivitySourceName"/>, shaped by OpenTelemetry's
/// semantic conventions for AWS SDK client spans: name <c>SFN.{Operation}</c> (e.g. <c>SFN.GetActivityTask</c>), kind
/// Client, <c>rpc.system</c> <c>aws-api</c>, <c>rpc.service</c> <c>SFN</c>, <c>rpc.method</c>, <c>cloud.region</c>,
/// <c>server.address</c>, <c>server.port</c>, and from the last answer <c>aws.request_id</c> and
/// <c>http.response.status_code</c>; <c>activitycore.client.attempts</c>; on failure <c>error.type</c> and the Error
/// status. No attribute carries a token, an input, an output, a cause, a key or a signature.
/// </summary>
public static class ClientTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: <c>ActivityCore.Client</c>.</summary>
    public const string ActivitySourceName = "ActivityCore.Client";

    /// <summary>The <c>rpc.system</c> value of the AWS SDK conventions: <c>aws-api</c>.</summary>
    public const string RpcSystem = "aws-api";

    /// <summary>The <c>rpc.service</c> value, and the first part of each span's name: <c>SFN</c>, the AWS SDKs' service id of Step Functions.</summary>
    public const string Service = "SFN";

    /// <summary>The span attribute that counts the attempts of the call (1 without retries): <c>activitycore.client.attempts</c>.</summary>
    public const string Attempts = "activitycore.client.attempts";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    /// <summary>Whether anyone listens to the client's spans (a request id is then searched for the request's secrets first).</summary>
    internal static bool Listened => Source.HasListeners();
}
