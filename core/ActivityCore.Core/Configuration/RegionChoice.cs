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
    /// Chooses the region: the first set of <see cref="RegionSources.Explicit"/>, <see cref="RegionSources.AwsOptions"/>,
    /// <see cref="RegionSources.Environment"/> (<c>AWS_REGION</c>), <see cref="RegionSources.DefaultEnvironment"/>
    /// (<c>AWS_DEFAULT_REGION</c>), <see cref="RegionSources.Profile"/>, then the activity ARN's own region. A worker
    /// polls its activity in the ARN's region, so a configured region that differs from it is a
    /// <see cref="ValidationFailure.Conflict"/> naming both (and where the configured one came from). Pure and total.
    /// </summary>
    /// <param name="sources">What is configured.</param>
    /// <returns>The region and its source, or why there is none.</returns>
    public static Either<ValidationError, RegionChoice> Choose(RegionSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var configured = new[]
        {
            (sources.Explicit, RegionSource.Explicit),
            (sources.AwsOptions, RegionSource.AwsOptions),
            (sources.Environment, RegionSource.Environment),
            (sources.DefaultEnvironment, RegionSource.DefaultEnvironment),
            (sources.Profile, RegionSource.Profile),
        }.Select(static c => c.Item1.Map(static t => t.Trim()).Filter(static t => t.Length > 0).Map(t => new RegionChoice(t, c.Item2)))
         .Somes()
         .HeadOrNone();
        return configured.Match(
            Some: chosen => sources.ActivityArn.Match(
                Some: arn => string.Equals(chosen.Region, arn.Region, StringComparison.Ordinal)
                    ? Right<ValidationError, RegionChoice>(chosen)
                    : Left<ValidationError, RegionChoice>(Conflict(chosen, arn)),
                None: () => Right<ValidationError, RegionChoice>(chosen)),
            None: () => sources.ActivityArn.Match(
                Some: static arn => Right<ValidationError, RegionChoice>(new RegionChoice(arn.Region, RegionSource.ActivityArn)),
                None: static () => Left<ValidationError, RegionChoice>(new ValidationError(
                    "Region", ValidationFailure.Missing,
                    $"no region: set Region, the \"AWS\" section's Region, {RegionVariable}, {DefaultRegionVariable} or a profile's region"))));
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

    private static ValidationError Conflict(RegionChoice chosen, ActivityArn arn) =>
        new("Region", ValidationFailure.Conflict,
            $"{Describe(chosen.Source)} is {chosen.Region} but the activity ARN's region is {arn.Region}: a worker polls its activity in the ARN's region; set it to {arn.Region} or leave it out");
}
