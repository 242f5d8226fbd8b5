using System;
using System.Collections.Generic;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Service;

/// <summary>
/// The tasks by id: every task queued or in flight, and the last <paramref name="retained"/> ended ones (the oldest
/// are forgotten first), so that a long-running endpoint does not grow with every task it ever ran.
/// Not thread-safe: used under the board's gate.
/// </summary>
internal sealed class TaskIndex(int retained)
{
    private readonly Dictionary<string, TaskRecord> byId = new(StringComparer.Ordinal);
    private readonly Queue<string> endedOrder = new();

    /// <summary>How many tasks are queued, in flight or remembered after their end.</summary>
    internal int Count => byId.Count;

    /// <summary>Every task tracked.</summary>
    internal IEnumerable<TaskRecord> All => byId.Values;

    internal void Add(TaskRecord record) => byId.Add(record.Id, record);

    internal Option<TaskRecord> Find(string id) => byId.TryGetValue(id, out var record) ? Some(record) : None;

    /// <summary>Remembers an ended task among the last <c>retained</c> ones, forgetting the oldest beyond.</summary>
    internal void Retire(TaskRecord record)
    {
        endedOrder.Enqueue(record.Id);
        while (endedOrder.Count > retained)
        {
            byId.Remove(endedOrder.Dequeue());
        }
    }
}
