namespace ActivityCore;

/// <summary>
/// What the library's own callers (the worker's report delivery) learn of a call beyond its outcome: how many attempts it
/// made. Above 1, an earlier attempt may have been applied by the service with its answer lost. One per call; written by
/// the call's attempts, one after the other, read once the call has returned.
/// </summary>
internal sealed class CallTrace
{
    /// <summary>The number of the call's last attempt (1 for the first); 0 before the first.</summary>
    public int Attempts { get; set; }
}
