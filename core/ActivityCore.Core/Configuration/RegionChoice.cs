using System;
using System.Linq;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Configuration;

/// <summary>The region a client uses, and where it came from.</summary>
/// <param name="Region">The region, e.g. <c>eu-west-1</c> (checked later with the rest of the client's options).</param>
/// <param name="Source">Where it came from.</param>
public sealed record RegionChoice(string Region, RegionSource Source)
{
    /// <summary>The environment variable the AWS SDKs read the region from first: <c>AWS_REGION</c>.</summary>
    public const string RegionVariable = "AWS_REGION";

    /// <summary>The environment variable read next: <c>AWS_DEFAULT_REGION</c> (the AWS CLI's).</summary>
    public const string DefaultRegionVariable = "AWS_DEFAULT_REGION";

    /// <summary>
    /// Chooses the region. Without an activity ARN: the first set of <see cref="RegionSources.Explicit"/>,
    /// <see cref="RegionSources.AwsOptions"/>, <see cref="RegionSources.Environment"/> (<c>AWS_REGION</c>),
    /// <see cref="RegionSources.DefaultEnvironment"/> (<c>AWS_DEFAULT_REGION</c>) and <see cref="RegionSources.Profile"/>.
    /// With one, the worker can only poll in the ARN's region: an explicit region that differs from it is a
    /// <see cref="ValidationFailure.Conflict"/> naming both; the other sources are defaults, as for the AWS SDKs, and
    /// give way to the ARN's region (<see cref="Overridden"/> names the one that did). Pure and total.
    /// </summary>
    /// <param name="sources">What is configured.</param>
    /// <returns>The region and its source, or why there is none.</returns>
    public static Either<ValidationError, RegionChoice> Choose(RegionSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var explicitChoice = Set(sources.Explicit, RegionSource.Explicit);
        var defaultChoice = Default(sources);
        return sources.ActivityArn.Match(
            Some: arn => explicitChoice.Match(
                Some: chosen => InRegionOf(chosen, arn)
                    ? Right<ValidationError, RegionChoice>(chosen)
                    : Left<ValidationError, RegionChoice>(Conflict(chosen, arn)),
                None: () => Right<ValidationError, RegionChoice>(
                    defaultChoice.Filter(d => InRegionOf(d, arn)).IfNone(() => new RegionChoice(arn.Region, RegionSource.ActivityArn)))),
            None: () => (explicitChoice || defaultChoice).Match(
                Some: static chosen => Right<ValidationError, RegionChoice>(chosen),
                None: static () => Left<ValidationError, RegionChoice>(new ValidationError(
                    "Region", ValidationFailure.Missing,
                    $"no region: set Region, the \"AWS\" section's Region, {RegionVariable}, {DefaultRegionVariable} or a profile's region"))));
    }

    /// <summary>
    /// The default (<see cref="RegionSources.AwsOptions"/>, <c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c> or the profile's,
    /// the first set) that <see cref="Choose"/> set aside for the activity ARN's region, when it did: no explicit region,
    /// an ARN, and a default that differs from it. A host may tell the user so. Pure and total.
    /// </summary>
    /// <param name="sources">What is configured.</param>
    /// <returns>The default set aside, or none.</returns>
    public static Option<RegionChoice> Overridden(RegionSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return Set(sources.Explicit, RegionSource.Explicit).IsSome
            ? None
            : sources.ActivityArn.Bind(arn => Default(sources).Filter(d => !InRegionOf(d, arn)));
    }

    /// <summary>How a source is named in messages: the option, the variable or the file setting.</summary>
    /// <param name="source">The source.</param>
    /// <returns>Its name, e.g. <c>AWS_REGION</c>.</returns>
    public static string Describe(RegionSource source) => source switch
    {
        RegionSource.Explicit => "the Region option",
        RegionSource.AwsOptions => "AWSOptions.Region (the \"AWS\" section)",
        RegionSource.Environment => RegionVariable,
        RegionSource.DefaultEnvironment => DefaultRegionVariable,
        RegionSource.Profile => "the profile's region",
        RegionSource.ActivityArn => "the activity ARN",
        _ => source.ToString(),
    };

    /// <summary>The first set of the defaults: the sources after the explicit option and before the ARN.</summary>
    private static Option<RegionChoice> Default(RegionSources sources) =>
        new[]
        {
            Set(sources.AwsOptions, RegionSource.AwsOptions),
            Set(sources.Environment, RegionSource.Environment),
            Set(sources.DefaultEnvironment, RegionSource.DefaultEnvironment),
            Set(sources.Profile, RegionSource.Profile),
        }.Somes().HeadOrNone();

    /// <summary>A source's value, trimmed; none when blank.</summary>
    private static Option<RegionChoice> Set(Option<string> value, RegionSource source) =>
        value.Map(static t => t.Trim()).Filter(static t => t.Length > 0).Map(t => new RegionChoice(t, source));

    private static bool InRegionOf(RegionChoice chosen, ActivityArn arn) =>
        string.Equals(chosen.Region, arn.Region, StringComparison.Ordinal);

    private static ValidationError Conflict(RegionChoice chosen, ActivityArn arn) =>
        new("Region", ValidationFailure.Conflict,
            $"{Describe(chosen.Source)} is {chosen.Region} but the activity ARN's region is {arn.Region}: a worker polls its activity in the ARN's region; set it to {arn.Region} or leave it out");
}
