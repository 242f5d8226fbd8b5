using System;
using System.Collections.Generic;

namespace ActivityCore.Local;

/// <summary>
/// The faults waiting to be injected, per operation, first added first applied; each one applies
/// to as many calls as it was added for. Thread-safe.
/// </summary>
public sealed class LocalFaults
{
    private readonly object gate = new();
    private readonly Dictionary<LocalOperation, Queue<(LocalFault Fault, int Left)>> pending = [];

    /// <summary>Applies <paramref name="fault"/> to the next <paramref name="times"/> calls of <paramref name="operation"/> (after the faults already added for it).</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="times">1 or more; default 1.</param>
    public void Add(LocalOperation operation, LocalFault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        lock (gate)
        {
            if (!pending.TryGetValue(operation, out var queue))
            {
                queue = new Queue<(LocalFault, int)>();
                pending.Add(operation, queue);
            }

            queue.Enqueue((fault, times));
        }
    }

    /// <summary>Removes every pending fault.</summary>
    public void Clear()
    {
        lock (gate)
        {
            pending.Clear();
        }
    }

    /// <summary>How many calls of <paramref name="operation"/> still have a fault waiting.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The sum of the remaining counts.</returns>
    public int Pending(LocalOperation operation)
    {
        lock (gate)
        {
            var total = 0;
            if (pending.TryGetValue(operation, out var queue))
            {
                foreach (var (_, left) in queue)
                {
                    total += left;
                }
            }

            return total;
        }
    }

    /// <summary>The fault for this call, if any, counting it used.</summary>
    internal LocalFault? Take(LocalOperation operation)
    {
        lock (gate)
        {
            if (!pending.TryGetValue(operation, out var queue) || queue.Count == 0)
            {
                return null;
            }

            var (fault, left) = queue.Dequeue();
            if (left > 1)
            {
                // Keep it first in line: rebuild the queue with the decremented head.
                var rest = queue.ToArray();
                queue.Clear();
                queue.Enqueue((fault, left - 1));
                foreach (var item in rest)
                {
                    queue.Enqueue(item);
                }
            }

            return fault;
        }
    }
}
