using System;
using System.Collections.Generic;
using ActivityCore.Local.Protocol;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Service;

/// <summary>One activity: its ARN, name, creation date, order of creation and encryption configuration.</summary>
internal sealed record ActivityRecord(string Arn, string Name, DateTimeOffset CreationDate, long Sequence, string Configuration);

/// <summary>The activities that exist. Thread-safe: every member locks the shared gate.</summary>
internal sealed class ActivityRegistry(object gate, string region, string accountId, TimeProvider time, int maxActivities)
{
    /// <summary>The encryption configuration of an activity created without one (an AWS-owned key).</summary>
    internal const string DefaultEncryption = "AWS_OWNED_KEY\u001f\u001f";

    private readonly Dictionary<string, ActivityRecord> byArn = new(StringComparer.Ordinal);
    private long sequence;

    internal string ArnOf(string name) => $"arn:aws:states:{region}:{accountId}:activity:{name}";

    /// <summary>
    /// Creates the activity, or returns the existing one when its encryption configuration is the same (tags are not
    /// compared, nor updated, as the service does); <c>ActivityAlreadyExists</c> when it differs.
    /// </summary>
    internal Either<ServiceError, ActivityRecord> Create(string name, string configuration)
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
                return string.Equals(existing.Configuration, configuration, StringComparison.Ordinal)
                    ? existing
                    : ServiceError.Client("ActivityAlreadyExists", "Activity already exists: '" + arn + "'");
            }

            if (byArn.Count >= maxActivities)
            {
                return ServiceError.Client("ActivityLimitExceeded", "Activity limit exceeded: " + maxActivities.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            sequence++;
            var record = new ActivityRecord(arn, name, time.GetUtcNow(), sequence, configuration);
            byArn.Add(arn, record);
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
}
