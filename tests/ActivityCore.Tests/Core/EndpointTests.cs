using System;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Core;

public class EndpointTests
{
    public static TheoryData<string, bool, bool, string> Table() => new()
    {
        // aws
        { "us-east-1", false, false, "https://states.us-east-1.amazonaws.com/" },
        { "eu-west-1", true, false, "https://states-fips.eu-west-1.amazonaws.com/" },
        { "eu-west-1", false, true, "https://states.eu-west-1.api.aws/" },
        { "us-west-2", true, true, "https://states-fips.us-west-2.api.aws/" },
        // aws-cn
        { "cn-north-1", false, false, "https://states.cn-north-1.amazonaws.com.cn/" },
        { "cn-northwest-1", true, false, "https://states-fips.cn-northwest-1.amazonaws.com.cn/" },
        { "cn-north-1", false, true, "https://states.cn-north-1.api.amazonwebservices.com.cn/" },
        { "cn-north-1", true, true, "https://states-fips.cn-north-1.api.amazonwebservices.com.cn/" },
        // aws-us-gov, with the us-gov-west-1 FIPS special case
        { "us-gov-east-1", false, false, "https://states.us-gov-east-1.amazonaws.com/" },
        { "us-gov-east-1", true, false, "https://states-fips.us-gov-east-1.amazonaws.com/" },
        { "us-gov-west-1", true, false, "https://states.us-gov-west-1.amazonaws.com/" },
        { "us-gov-west-1", false, true, "https://states.us-gov-west-1.api.aws/" },
        { "us-gov-west-1", true, true, "https://states-fips.us-gov-west-1.api.aws/" },
        // aws-eusc
        { "eusc-de-east-1", false, false, "https://states.eusc-de-east-1.amazonaws.eu/" },
        { "eusc-de-east-1", true, true, "https://states-fips.eusc-de-east-1.api.amazonwebservices.eu/" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Region_resolves_to_its_partitions_url(string region, bool fips, bool dualStack, string expected)
    {
        var resolved = Endpoints.Resolve(region, fips, dualStack, None);
        Assert.Equal(new Uri(expected), resolved.IfLeft(e => throw new InvalidOperationException(e.ToString())));
    }

    [Theory]
    [InlineData("cn-north-1", "aws-cn")]
    [InlineData("us-gov-west-1", "aws-us-gov")]
    [InlineData("eusc-de-east-1", "aws-eusc")]
    [InlineData("ap-south-2", "aws")]
    [InlineData("mx-central-1", "aws")]
    public void Partition_of_a_region(string region, string partition) => Assert.Equal(partition, Partition.Of(region).Name);

    [Fact]
    public void Service_url_overrides_the_region()
    {
        var url = new Uri("http://127.0.0.1:8083/");
        Assert.Equal(url, Endpoints.Resolve("us-east-1", false, false, Some(url)).IfLeft(_ => null!));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Service_url_with_fips_or_dual_stack_is_a_configuration_error(bool fips, bool dualStack)
    {
        var resolved = Endpoints.Resolve("us-east-1", fips, dualStack, Some(new Uri("https://vpce-1.states.us-east-1.vpce.amazonaws.com")));
        Assert.True(resolved.IsLeft);
        Assert.Equal("ServiceUrl", resolved.Match(Right: _ => "", Left: e => e.Field));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("http://127.0.0.1/?a=b")]
    public void Service_url_must_be_plain_http_or_https(string url) =>
        Assert.True(Endpoints.Resolve("us-east-1", false, false, Some(new Uri(url))).IsLeft);

    [Theory]
    [InlineData(null, ValidationFailure.Missing)]
    [InlineData("", ValidationFailure.Missing)]
    [InlineData("US-EAST-1", ValidationFailure.InvalidCharacter)]
    [InlineData("us-east-1.evil.com", ValidationFailure.InvalidCharacter)]
    [InlineData("-us-east-1", ValidationFailure.InvalidFormat)]
    public void Bad_regions_are_refused(string? region, ValidationFailure failure)
    {
        var resolved = Endpoints.Resolve(region, false, false, None);
        Assert.Equal(failure, resolved.Match(Right: _ => (ValidationFailure)(-1), Left: e => e.Failure));
    }
}
