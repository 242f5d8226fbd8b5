using System;
using System.Threading;
using System.Threading.Tasks;
using LanguageExt;
using Microsoft.Extensions.Logging;

namespace ActivityCore.Worker;

/// <summary>What every <see cref="TaskRun"/> of a worker shares: the handler, the client, the settings and the worker's collaborators.</summary>
/// <param name="Handler">The handler (a typed one is adapted to this form).</param>
/// <param name="Client">The client (heartbeats).</param>
/// <param name="Settings">The settings.</param>
/// <param name="Logger">The logger.</param>
/// <param name="Worker">The worker's name, for the traces.</param>
/// <param name="Telemetry">The counters.</param>
/// <param name="Slots">The capacity: a settled task frees its slot.</param>
/// <param name="Shutdown">The shutdown: a settled task leaves the hand.</param>
/// <param name="Delivery">The reports.</param>
/// <param name="Orphans">The handlers that outlive their task.</param>
internal sealed record TaskRunContext(
    Func<ActivityTask, ActivityContext, CancellationToken, Task<Either<TaskFailure, TaskOutput>>> Handler,
    ActivityClient Client,
    WorkerSettings Settings,
    ILogger Logger,
    string Worker,
    WorkerTelemetry Telemetry,
    TaskSlots Slots,
    WorkerShutdown Shutdown,
    ReportDelivery Delivery,
    HandlerOrphans Orphans)
{
    /// <summary>The clock.</summary>
    public TimeProvider Time => Settings.TimeProvider;
}
