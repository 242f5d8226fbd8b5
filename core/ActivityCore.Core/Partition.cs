using System;

namespace ActivityCore;

/// <summary>An AWS partition: a name and the DNS suffixes of its endpoints.</summary>
/// <param name="Name">e.g. <c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c>, <c>aws-eusc</c>.</param>
/// <param name="DnsSuffix">e.g. <c>amazonaws.com</c>.</param>
/// <param name="DualStackDnsSuffix">e.g. <c>api.aws</c>.</param>
public sealed record Partition(string Name, string DnsSuffix, string DualStackDnsSuffix)
{
    /// <summary>The commercial partition: <c>amazonaws.com</c>, dual-stack <c>api.aws</c>.</summary>
    public static readonly Partition Aws = new("aws", "amazonaws.com", "api.aws");

    /// <summary>China (<c>cn-*</c>): <c>amazonaws.com.cn</c>, dual-stack <c>api.amazonwebservices.com.cn</c>.</summary>
    public static readonly Partition AwsCn = new("aws-cn", "amazonaws.com.cn", "api.amazonwebservices.com.cn");

    /// <summary>GovCloud (<c>us-gov-*</c>): <c>amazonaws.com</c>, dual-stack <c>api.aws</c>.</summary>
    public static readonly Partition AwsUsGov = new("aws-us-gov", "amazonaws.com", "api.aws");

    /// <summary>European Sovereign Cloud (<c>eusc-*</c>): <c>amazonaws.eu</c>, dual-stack <c>api.amazonwebservices.eu</c>.</summary>
    public static readonly Partition AwsEusc = new("aws-eusc", "amazonaws.eu", "api.amazonwebservices.eu");

    /// <summary>The partition of a region, by its prefix; a region no other partition claims is in <see cref="Aws"/>.</summary>
    /// <param name="region">A region name, e.g. <c>cn-north-1</c>.</param>
    /// <returns>The partition.</returns>
    public static Partition Of(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region.StartsWith("cn-", StringComparison.Ordinal) ? AwsCn
            : region.StartsWith("us-gov-", StringComparison.Ordinal) ? AwsUsGov
            : region.StartsWith("eusc-", StringComparison.Ordinal) ? AwsEusc
            : Aws;
    }
}
