using Microsoft.Extensions.Logging;

namespace ActivityCore.Worker;

/// <summary>
/// How loud a failed poll's line is: Warning for the 1st, 2nd, 4th, 8th, ... failed poll in a row (of all pollers), Debug
/// for the others, so that an endpoint down for an hour writes about 14 Warnings instead of thousands. Pure.
/// </summary>
internal static class PollFailureLog
{
    /// <summary>The level of the line for a failed poll.</summary>
    /// <param name="inARow">The failed polls in a row of all pollers, this one included.</param>
    /// <returns><see cref="LogLevel.Warning"/> at a power of two, <see cref="LogLevel.Debug"/> otherwise.</returns>
    public static LogLevel LevelFor(int inARow) =>
        inARow > 0 && (inARow & (inARow - 1)) == 0 ? LogLevel.Warning : LogLevel.Debug;
}
