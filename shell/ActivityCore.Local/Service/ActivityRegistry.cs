using System;
using System.Collections.Generic;
using System.Linq;
using ActivityCore.Local.Protocol;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Service;

/// <summary>One activity: its ARN, name, creation date, order of creation and encryption configuration.</summary>
internal sealed record ActivityRecord(string Arn, string Name, DateTimeOffset CreationDate, long Sequence, ActivityEncryption Encryption);

/// <summary>The activities that exist. Thread-safe: every member locks the shared gate.</summary>
internal sealed class ActivityRegistry(object gate, string region, string accountId, TimeProvider time, int maxActivities)
{
    private readonly Dictionary<string, ActivityRecord> byArn = new(StringComparer.Ordinal);

    /// <summary>The tags of each activity, in the order they were first set.</summary>
    private readonly Dictionary<string, List<KeyValuePair<string, string>>> tagsByArn = new(StringComparer.Ordinal);
    private long sequence;

    internal string ArnOf(string name) => $"arn:aws:states:{region}:{accountId}:activity:{name}";

    /// <summary>
    /// Creates the activity with its tags, or returns the existing one when its encryption configuration is the same
    /// (tags are not compared, nor updated, as the service does); <c>ActivityAlreadyExists</c> when it differs.
    /// </summary>
    internal Either<ServiceError, ActivityRecord> Create(string name, ActivityEncryption encryption, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        if (ActivityName.Parse(name).IsLeft)
        {
            return ServiceError.Client("InvalidName", "Invalid Name: '" + name + "'");
        }

        var arn = ArnOf(name);
        lock (gate)
        {
            if (byArn.TryGetValue(arn, out var existing))
            {
                return existing.Encryption == encryption
                    ? existing
                    : ServiceError.Client("ActivityAlreadyExists", "Activity already exists: '" + arn + "'");
            }

            if (byArn.Count >= maxActivities)
            {
                return ServiceError.Client("ActivityLimitExceeded", "Activity limit exceeded: " + maxActivities.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            sequence++;
            var record = new ActivityRecord(arn, name, time.GetUtcNow(), sequence, encryption);
            byArn.Add(arn, record);
            tagsByArn[arn] = [.. tags];
            return record;
        }
    }

    /// <summary>The activity of an ARN, if it exists.</summary>
    internal Option<ActivityRecord> Find(string arn)
    {
        lock (gate)
        {
            return byArn.TryGetValue(arn, out var record) ? Some(record) : None;
        }
    }

    internal bool Remove(string arn)
    {
        lock (gate)
        {
            tagsByArn.Remove(arn);
            return byArn.Remove(arn);
        }
    }

    /// <summary>Up to <paramref name="max"/> activities created after <paramref name="afterSequence"/>, oldest first, and whether more follow.</summary>
    internal (List<ActivityRecord> Page, bool More) List(long afterSequence, int max)
    {
        lock (gate)
        {
            var all = new List<ActivityRecord>();
            foreach (var record in byArn.Values)
            {
                if (record.Sequence > afterSequence)
                {
                    all.Add(record);
                }
            }

            all.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
            var more = all.Count > max;
            if (more)
            {
                all.RemoveRange(max, all.Count - max);
            }

            return (all, more);
        }
    }

    /// <summary>The tags of an activity, or <c>ResourceNotFound</c>.</summary>
    internal Either<ServiceError, KeyValuePair<string, string>[]> Tags(string arn)
    {
        lock (gate)
        {
            return tagsByArn.TryGetValue(arn, out var tags) ? tags.ToArray() : ServiceError.ResourceNotFound(arn);
        }
    }

    /// <summary>
    /// Adds tags to an activity, replacing the value of a key it has; <c>TooManyTags</c> when it would then have more
    /// than <paramref name="maxTags"/> (and nothing changes); <c>ResourceNotFound</c> when there is no such activity.
    /// </summary>
    internal Option<ServiceError> Tag(string arn, IReadOnlyList<KeyValuePair<string, string>> added, int maxTags)
    {
        lock (gate)
        {
            if (!tagsByArn.TryGetValue(arn, out var tags))
            {
                return ServiceError.ResourceNotFound(arn);
            }

            var merged = new List<KeyValuePair<string, string>>(tags);
            foreach (var tag in added)
            {
                int index = merged.FindIndex(t => string.Equals(t.Key, tag.Key, StringComparison.Ordinal));
                if (index >= 0)
                {
                    merged[index] = tag;
                }
                else
                {
                    merged.Add(tag);
                }
            }

            if (merged.Count > maxTags)
            {
                return ServiceError.TooManyTags(arn, merged.Count);
            }

            tagsByArn[arn] = merged;
            return None;
        }
    }

    /// <summary>Removes the tags of these keys from an activity (a key it does not have is ignored); <c>ResourceNotFound</c> when there is no such activity.</summary>
    internal Option<ServiceError> Untag(string arn, IReadOnlyCollection<string> keys)
    {
        lock (gate)
        {
            if (!tagsByArn.TryGetValue(arn, out var tags))
            {
                return ServiceError.ResourceNotFound(arn);
            }

            tags.RemoveAll(t => keys.Contains(t.Key));
            return None;
        }
    }
}
