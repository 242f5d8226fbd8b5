using System.Threading;
using System.Threading.Tasks;
using ActivityCore.Errors;
using LanguageExt;

namespace ActivityCore.Worker;

/// <summary>What an <see cref="ActivityContext"/> asks of the task it describes (a <see cref="TaskRun"/>).</summary>
internal interface IRunningTask
{
    /// <summary>The task's token.</summary>
    TaskToken Token { get; }

    /// <summary>Why the handler's token was cancelled, if it was.</summary>
    Option<TaskCancellationReason> CancellationReason { get; }

    /// <summary>Sends a heartbeat now; one that says the task ended ends it.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Unit, or the failure.</returns>
    Task<Either<ActivityFailure<SendTaskHeartbeatError>, Unit>> HeartbeatNowAsync(CancellationToken cancellationToken);
}
