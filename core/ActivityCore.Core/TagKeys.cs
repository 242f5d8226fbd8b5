using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using LanguageExt;

namespace ActivityCore;

/// <summary>
/// The keys of an UntagResource request: each a valid tag key (<see cref="Tag"/>'s rules), each once.
/// </summary>
/// <remarks>Immutable and thread-safe; equality is element-wise and ordered.</remarks>
public sealed class TagKeys : IReadOnlyList<string>, IEquatable<TagKeys>
{
    private readonly string[] items;

    private TagKeys(string[] items) => this.items = items;

    /// <inheritdoc/>
    public int Count => items.Length;

    /// <inheritdoc/>
    public string this[int index] => items[index];

    /// <summary>Validates tag keys.</summary>
    /// <param name="keys">The keys.</param>
    /// <returns>The keys, or why one was refused.</returns>
    public static Either<ValidationError, TagKeys> Create(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        string[] all = keys.ToArray();
        var seen = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < all.Length; i++)
        {
            if (Tag.CheckKey(all[i]) is { } error)
            {
                return error;
            }

            if (!seen.Add(all[i]))
            {
                return new ValidationError(nameof(TagKeys), ValidationFailure.InvalidFormat, $"has the key of index {i} twice: {all[i]}");
            }
        }

        return new TagKeys(all);
    }

    /// <inheritdoc/>
    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)items).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Returns the keys, comma-separated.</summary>
    /// <returns>The keys as text.</returns>
    public override string ToString() => string.Join(", ", items);

    /// <inheritdoc/>
    public bool Equals(TagKeys? other) => other is not null && items.SequenceEqual(other.items, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as TagKeys);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var key in items)
        {
            hash.Add(key, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
