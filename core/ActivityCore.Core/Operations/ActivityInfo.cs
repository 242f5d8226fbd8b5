using System;
using LanguageExt;

namespace ActivityCore.Operations;

/// <summary>An activity as DescribeActivity and ListActivities describe it. Immutable and thread-safe.</summary>
/// <param name="ActivityArn">The activity's ARN.</param>
/// <param name="Name">The activity's name.</param>
/// <param name="CreationDate">When the activity was created (the service sends epoch seconds; kept to the millisecond).</param>
public sealed record ActivityInfo(ActivityArn ActivityArn, string Name, DateTimeOffset CreationDate)
{
    /// <summary>
    /// How the activity's data is encrypted, as DescribeActivity answers it (ListActivities does not say: None there);
    /// None also when the answer's type is one this version does not know.
    /// </summary>
    public Option<EncryptionConfiguration> EncryptionConfiguration { get; init; }
}

/// <summary>What CreateActivity answers. Immutable and thread-safe.</summary>
/// <param name="ActivityArn">The activity's ARN (the same ARN again when the activity existed: CreateActivity is idempotent by name).</param>
/// <param name="CreationDate">When the activity was created.</param>
public sealed record CreatedActivity(ActivityArn ActivityArn, DateTimeOffset CreationDate);
