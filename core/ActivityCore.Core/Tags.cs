using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using LanguageExt;

namespace ActivityCore;

/// <summary>
/// The tags of a request: at most 50, each key once (ordinal: keys are case-sensitive), in the order given.
/// </summary>
/// <remarks>
/// 50 is the service's limit of tags per resource (Step Functions quotas, "Tags"); more are refused here rather than by
/// the service's <c>TooManyTags</c>. Immutable and thread-safe; equality is element-wise and ordered.
/// </remarks>
public sealed class Tags : IReadOnlyList<Tag>, IEquatable<Tags>
{
    /// <summary>The most tags a resource may have (50).</summary>
    public const int MaxCount = 50;

    /// <summary>No tag.</summary>
    public static readonly Tags Empty = new([]);

    private readonly Tag[] items;

    private Tags(Tag[] items) => this.items = items;

    /// <inheritdoc/>
    public int Count => items.Length;

    /// <inheritdoc/>
    public Tag this[int index] => items[index];

    /// <summary>Validates a set of tags: at most <see cref="MaxCount"/>, no key twice.</summary>
    /// <param name="tags">The tags (validated one by one by <see cref="Tag.Create"/>).</param>
    /// <returns>The tags, or why they were refused.</returns>
    public static Either<ValidationError, Tags> Create(IEnumerable<Tag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        Tag[] all = tags.ToArray();
        if (System.Array.IndexOf(all, null) is var missing and >= 0)
        {
            return new ValidationError(nameof(Tags), ValidationFailure.Missing, $"has a null tag at index {missing}");
        }

        if (all.Length > MaxCount)
        {
            return new ValidationError(nameof(Tags), ValidationFailure.TooLong, $"must have at most {MaxCount} tags, has {all.Length}");
        }

        var keys = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < all.Length; i++)
        {
            if (!keys.Add(all[i].Key))
            {
                return new ValidationError(nameof(Tags), ValidationFailure.InvalidFormat, $"has the key of index {i} twice: {all[i].Key}");
            }
        }

        return all.Length == 0 ? Empty : new Tags(all);
    }

    /// <summary>Validates tags given as key/value pairs (each by <see cref="Tag.Create"/>, then the set by <see cref="Create(IEnumerable{Tag})"/>).</summary>
    /// <param name="pairs">The keys and values.</param>
    /// <returns>The tags, or the first reason one or the set was refused.</returns>
    public static Either<ValidationError, Tags> FromPairs(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var tags = new List<Tag>();
        foreach (var pair in pairs)
        {
            var tag = Tag.Create(pair.Key, pair.Value);
            if (tag.Case is ValidationError error)
            {
                return error;
            }

            tag.IfRight(tags.Add);
        }

        return Create(tags);
    }

    /// <inheritdoc/>
    public IEnumerator<Tag> GetEnumerator() => ((IEnumerable<Tag>)items).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Returns the tags as <c>k=v, k=v</c>.</summary>
    /// <returns>The tags as text.</returns>
    public override string ToString() => string.Join(", ", items.Select(static t => t.ToString()));

    /// <inheritdoc/>
    public bool Equals(Tags? other) => other is not null && items.SequenceEqual(other.items);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Tags);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var tag in items)
        {
            hash.Add(tag);
        }

        return hash.ToHashCode();
    }
}
