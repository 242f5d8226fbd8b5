using System;
using System.Collections.Generic;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Service;

/// <summary>
/// First-in-first-out lines of items per activity ARN: the queued tasks, the held polls. An item keeps the node
/// <see cref="Append"/> returns, so that it can leave its line from anywhere (<c>node.List?.Remove(node)</c>).
/// Not thread-safe: used under the board's gate.
/// </summary>
/// <typeparam name="T">The items.</typeparam>
internal sealed class ActivityLines<T>
{
    private readonly Dictionary<string, LinkedList<T>> lines = new(StringComparer.Ordinal);

    /// <summary>How many items wait in an activity's line.</summary>
    internal int Count(string activityArn) => this.lines.TryGetValue(activityArn, out var line) ? line.Count : 0;

    /// <summary>Puts an item at the end of an activity's line and returns its node.</summary>
    internal LinkedListNode<T> Append(string activityArn, T item)
    {
        if (!this.lines.TryGetValue(activityArn, out var line))
        {
            line = new LinkedList<T>();
            this.lines.Add(activityArn, line);
        }

        return line.AddLast(item);
    }

    /// <summary>The first item of an activity's line, left in it; none when the line is empty.</summary>
    internal Option<T> First(string activityArn) =>
        this.lines.TryGetValue(activityArn, out var line) && line.First is { } first ? Some(first.Value) : None;

    /// <summary>Takes the first item out of an activity's line; none when the line is empty.</summary>
    internal Option<T> TakeFirst(string activityArn)
    {
        if (!this.lines.TryGetValue(activityArn, out var line) || line.First is not { } first)
        {
            return None;
        }

        line.RemoveFirst();
        return Some(first.Value);
    }

    /// <summary>Takes an activity's whole line out, oldest first.</summary>
    internal IReadOnlyList<T> TakeLine(string activityArn) =>
        this.lines.Remove(activityArn, out var line) ? Drain(line) : [];

    /// <summary>Takes every line out, each oldest first.</summary>
    internal IReadOnlyList<T> TakeAll()
    {
        var all = new List<T>();
        foreach (var line in this.lines.Values)
        {
            all.AddRange(Drain(line));
        }

        this.lines.Clear();
        return all;
    }

    private static List<T> Drain(LinkedList<T> line)
    {
        var items = new List<T>(line.Count);
        while (line.First is { } node)
        {
            line.RemoveFirst();
            items.Add(node.Value);
        }

        return items;
    }
}
