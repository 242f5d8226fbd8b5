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
    private readonly Dictionary<string, TaskRecord> _byId = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();

    /// <summary>How many tasks are queued, in flight or remembered after their end.</summary>
    internal int Count => _byId.Count;

    /// <summary>Every task tracked.</summary>
    internal IEnumerable<TaskRecord> All => _byId.Values;

    internal void Add(TaskRecord record) => _byId.Add(record.Id, record);

    internal Option<TaskRecord> Find(string id) => _byId.TryGetValue(id, out var record) ? Some(record) : None;

    /// <summary>Remembers an ended task among the last <c>retained</c> ones, forgetting the oldest beyond.</summary>
    internal void Retire(TaskRecord record)
    {
        _endedOrder.Enqueue(record.Id);
        while (_endedOrder.Count > retained)
        {
            _byId.Remove(_endedOrder.Dequeue());
        }
    }
}
