using System;
using LanguageExt;

namespace ActivityCore.Operations;

/// <summary>
/// A CreateActivity request: the name, the tags to give a new activity, and how its data is encrypted. Each part is
/// validated by its own type. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// CreateActivity is idempotent by name: for an existing activity the service answers its ARN and does not update
/// its tags; it answers <c>ActivityAlreadyExists</c> when <see cref="EncryptionConfiguration"/> differs from the
/// existing one's (None is an AWS-owned key).
/// </remarks>
/// <param name="Name">The activity's name.</param>
public sealed record CreateActivityRequest(ActivityName Name)
{
    /// <summary>The activity's name.</summary>
    public ActivityName Name { get; init; } = Name ?? throw new ArgumentNullException(nameof(Name));

    /// <summary>The tags of a new activity (none by default; at most 50).</summary>
    public Tags Tags { get; init; } = Tags.Empty;

    /// <summary>How the activity's data is encrypted; None writes no configuration (an AWS-owned key).</summary>
    public Option<EncryptionConfiguration> EncryptionConfiguration { get; init; }
}
