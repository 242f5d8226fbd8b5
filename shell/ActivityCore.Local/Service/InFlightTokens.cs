using System;
using System.Collections.Generic;
using ActivityCore.Local.Protocol;
using LanguageExt;

namespace ActivityCore.Local.Service;

/// <summary>
/// What a task token means now: the task it was handed out with, while in flight; <c>TaskTimedOut</c> for the last
/// <paramref name="retainedTimedOut"/> tokens whose delivery timed out (older ones are forgotten, the oldest first), and,
/// when <paramref name="closedAnswer"/> is <see cref="LocalClosedTaskAnswer.TaskTimedOut"/>, for the tokens of tasks closed
/// by a report (remembered the same way); <c>TaskDoesNotExist</c> for any other. Not thread-safe: used under the board's gate.
/// </summary>
internal sealed class InFlightTokens(int retainedTimedOut, LocalClosedTaskAnswer closedAnswer = LocalClosedTaskAnswer.TaskDoesNotExist)
{
    private readonly Dictionary<string, TaskRecord> inFlight = new(StringComparer.Ordinal);
    private readonly System.Collections.Generic.HashSet<string> timedOut = new(StringComparer.Ordinal);
    private readonly Queue<string> timedOutOrder = new();

    /// <summary>A task handed out under a new token.</summary>
    internal void Add(string token, TaskRecord record) => inFlight.Add(token, record);

    /// <summary>The task in flight under a token, or the error a report with it answers.</summary>
    internal Either<ServiceError, TaskRecord> Find(string token) =>
        inFlight.TryGetValue(token, out var record) ? record : NotInFlight(token);

    /// <summary>Takes the task in flight under a token out (a report closes it), or the error a report with it answers.</summary>
    internal Either<ServiceError, TaskRecord> Take(string token)
    {
        if (!inFlight.Remove(token, out var record))
        {
            return NotInFlight(token);
        }

        if (closedAnswer == LocalClosedTaskAnswer.TaskTimedOut)
        {
            Remember(token);
        }

        return record;
    }

    /// <summary>The delivery under a token timed out: its reports answer <c>TaskTimedOut</c> from now on.</summary>
    internal void TimeOut(string token)
    {
        inFlight.Remove(token);
        Remember(token);
    }

    /// <summary>Reports with the token answer <c>TaskTimedOut</c> from now on, until <c>retainedTimedOut</c> younger ones push it out.</summary>
    private void Remember(string token)
    {
        if (timedOut.Add(token))
        {
            timedOutOrder.Enqueue(token);
        }

        while (timedOutOrder.Count > retainedTimedOut)
        {
            timedOut.Remove(timedOutOrder.Dequeue());
        }
    }

    private ServiceError NotInFlight(string token) =>
        timedOut.Contains(token) ? ServiceError.TaskTimedOut() : ServiceError.TaskDoesNotExist();
}
