using System.Text.RegularExpressions;

namespace ActivityCore.Local;

/// <summary>The region and account id the endpoint writes into its ARNs: shapes a client accepts in an ARN.</summary>
internal static partial class ArnParts
{
    /// <summary>Whether <paramref name="region"/> looks like an AWS region (<c>us-east-1</c>, <c>eu-central-2</c>, <c>us-gov-west-1</c>).</summary>
    internal static bool IsRegion(string? region) => region is not null && RegionShape().IsMatch(region);

    /// <summary>Whether <paramref name="accountId"/> is 12 ASCII digits.</summary>
    internal static bool IsAccountId(string? accountId) => accountId is not null && AccountShape().IsMatch(accountId);

    [GeneratedRegex(@"\A[a-z]{2}(-[a-z]+)+-[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex RegionShape();

    [GeneratedRegex(@"\A[0-9]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountShape();
}
