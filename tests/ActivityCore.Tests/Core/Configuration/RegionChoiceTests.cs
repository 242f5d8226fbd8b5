using System;
using System.Linq;
using ActivityCore.Configuration;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Core.Configuration;

public class RegionChoiceTests
{
    private const string Arn = "arn:aws:states:eu-west-1:123456789012:activity:work";

    /// <summary>
    /// explicit, AWSOptions, AWS_REGION, AWS_DEFAULT_REGION, profile, ARN (null: not set) -> region and source, or the failure.
    /// </summary>
    public static TheoryData<string?, string?, string?, string?, string?, string?, string> Table() => new()
    {
        // each source alone
        { "eu-west-1", null, null, null, null, null, "eu-west-1 Explicit" },
        { null, "eu-west-1", null, null, null, null, "eu-west-1 AwsOptions" },
        { null, null, "eu-west-1", null, null, null, "eu-west-1 Environment" },
        { null, null, null, "eu-west-1", null, null, "eu-west-1 DefaultEnvironment" },
        { null, null, null, null, "eu-west-1", null, "eu-west-1 Profile" },
        { null, null, null, null, null, Arn, "eu-west-1 ActivityArn" },
        // precedence, no ARN
        { "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-south-1", null, "us-east-1 Explicit" },
        { null, "us-east-2", "us-west-1", "us-west-2", "ap-south-1", null, "us-east-2 AwsOptions" },
        { null, null, "us-west-1", "us-west-2", "ap-south-1", null, "us-west-1 Environment" },
        { null, null, null, "us-west-2", "ap-south-1", null, "us-west-2 DefaultEnvironment" },
        // blank counts as not set, as an empty variable does for the SDKs; surrounding blanks are dropped
        { "", " ", "\t", "us-west-2", null, null, "us-west-2 DefaultEnvironment" },
        { " eu-west-1 ", null, null, null, null, Arn, "eu-west-1 Explicit" },
        // agreeing with the ARN
        { "eu-west-1", "eu-west-1", "us-east-1", null, null, Arn, "eu-west-1 Explicit" },
        { null, null, "eu-west-1", "us-east-1", null, Arn, "eu-west-1 Environment" },
        { null, null, null, null, "eu-west-1", Arn, "eu-west-1 Profile" },
        // with an ARN, only the explicit region is checked: one that differs is a conflict, whatever comes after it
        { "us-east-1", null, null, null, null, Arn, "Conflict" },
        { "us-east-1", "eu-west-1", "eu-west-1", null, null, Arn, "Conflict" },
        { "EU-WEST-1", null, null, null, null, Arn, "Conflict" },
        // the other sources are defaults: one that differs gives way to the ARN's region (Lambda and ECS set AWS_REGION)
        { null, "us-east-1", null, null, null, Arn, "eu-west-1 ActivityArn" },
        { null, null, "us-east-1", null, null, Arn, "eu-west-1 ActivityArn" },
        { null, null, null, "us-east-1", null, Arn, "eu-west-1 ActivityArn" },
        { null, null, null, null, "us-east-1", Arn, "eu-west-1 ActivityArn" },
        { null, "us-east-1", "eu-west-1", null, null, Arn, "eu-west-1 ActivityArn" },
        { null, null, null, "us-east-1", "eu-west-1", Arn, "eu-west-1 ActivityArn" },
        { null, "EU-WEST-1", null, null, null, Arn, "eu-west-1 ActivityArn" },
        { "eu-west-1", "us-east-1", "us-east-2", null, null, Arn, "eu-west-1 Explicit" },
        // nothing at all
        { null, null, null, null, null, null, "Missing" },
        { "", null, "  ", null, null, null, "Missing" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void The_region_follows_the_chain(string? explicitRegion, string? awsOptions, string? environment, string? defaultEnvironment, string? profile, string? arn, string expected)
    {
        var sources = new RegionSources
        {
            Explicit = Optional(explicitRegion),
            AwsOptions = Optional(awsOptions),
            Environment = Optional(environment),
            DefaultEnvironment = Optional(defaultEnvironment),
            Profile = Optional(profile),
            ActivityArn = Optional(arn).Bind(static a => ActivityArn.Parse(a).ToOption()),
        };
        string actual = RegionChoice.Choose(sources).Match(Right: c => $"{c.Region} {c.Source}", Left: e => e.Failure.ToString());
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void A_conflict_names_both_regions_and_the_explicit_option()
    {
        var error = RegionChoice.Choose(new RegionSources
        {
            Explicit = "us-east-1",
            Environment = "eu-west-1",
            ActivityArn = ActivityArn.Parse(Arn).ToOption(),
        }).Match(Right: c => throw new InvalidOperationException(c.ToString()), Left: e => e);
        Assert.Equal("Region", error.Field);
        Assert.Equal(ValidationFailure.Conflict, error.Failure);
        Assert.Contains("the Region option is us-east-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("the activity ARN's region is eu-west-1", error.Message, StringComparison.Ordinal);
    }

    /// <summary>explicit, AWSOptions, AWS_REGION, AWS_DEFAULT_REGION, profile, ARN -> the default set aside, or "none".</summary>
    [Theory]
    [InlineData(null, null, "us-east-1", "us-east-2", null, Arn, "us-east-1 Environment")]
    [InlineData(null, "us-east-2", "us-east-1", null, null, Arn, "us-east-2 AwsOptions")]
    [InlineData(null, null, null, null, "us-east-1", Arn, "us-east-1 Profile")]
    [InlineData(null, null, "eu-west-1", "us-east-1", null, Arn, "none")] // the first default agrees
    [InlineData("eu-west-1", "us-east-1", null, null, null, Arn, "none")] // the explicit region decides
    [InlineData("us-east-2", "us-east-1", null, null, null, Arn, "none")] // a conflict, not a default set aside
    [InlineData(null, "us-east-1", null, null, null, null, "none")] // no ARN: the chain as before
    [InlineData(null, null, null, null, null, Arn, "none")]
    public void Overridden_names_the_default_that_gave_way(string? explicitRegion, string? awsOptions, string? environment, string? defaultEnvironment, string? profile, string? arn, string expected)
    {
        var sources = new RegionSources
        {
            Explicit = Optional(explicitRegion),
            AwsOptions = Optional(awsOptions),
            Environment = Optional(environment),
            DefaultEnvironment = Optional(defaultEnvironment),
            Profile = Optional(profile),
            ActivityArn = Optional(arn).Bind(static a => ActivityArn.Parse(a).ToOption()),
        };
        Assert.Equal(expected, RegionChoice.Overridden(sources).Match(Some: static c => $"{c.Region} {c.Source}", None: static () => "none"));
    }

    [Property]
    public Property Without_an_ARN_the_first_set_source_wins(bool[] set)
    {
        string[] regions = ["r0", "r1", "r2", "r3", "r4"];
        var present = Enumerable.Range(0, 5).Select(i => set is not null && i < set.Length && set[i]).ToArray();
        var sources = new RegionSources
        {
            Explicit = present[0] ? Some(regions[0]) : None,
            AwsOptions = present[1] ? Some(regions[1]) : None,
            Environment = present[2] ? Some(regions[2]) : None,
            DefaultEnvironment = present[3] ? Some(regions[3]) : None,
            Profile = present[4] ? Some(regions[4]) : None,
        };
        int first = System.Array.IndexOf(present, true);
        string expected = first < 0 ? "Missing" : $"{regions[first]} {(RegionSource)first}";
        return (RegionChoice.Choose(sources).Match(Right: c => $"{c.Region} {c.Source}", Left: e => e.Failure.ToString()) == expected).ToProperty();
    }

    [Property]
    public Property With_an_ARN_the_answer_is_its_region_or_a_conflict_with_the_explicit_one(string? a, string? b, string? c)
    {
        var arn = ActivityArn.Parse(Arn).ToOption();
        var sources = new RegionSources { Explicit = Optional(a), Environment = Optional(b), Profile = Optional(c), ActivityArn = arn };
        bool explicitElsewhere = a is not null && a.Trim().Length > 0 && a.Trim() != "eu-west-1";
        return RegionChoice.Choose(sources).Match(
            Right: chosen => !explicitElsewhere && chosen.Region == "eu-west-1",
            Left: e => explicitElsewhere && e.Failure == ValidationFailure.Conflict && e.Message.Contains("eu-west-1", StringComparison.Ordinal)).ToProperty();
    }
}
