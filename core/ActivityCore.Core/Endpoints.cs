using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>
/// Where the Step Functions API of a region lives: the rules of the service's endpoint rule set (public SDK
/// models) for the <c>aws</c>, <c>aws-cn</c>, <c>aws-us-gov</c> and <c>aws-eusc</c> partitions. Pure and total.
/// </summary>
public static class Endpoints
{
    /// <summary>The SigV4 signing name of Step Functions.</summary>
    public const string SigningName = "states";

    /// <summary>
    /// Resolves the endpoint:
    /// <list type="bullet">
    /// <item>a service URL (a local endpoint, a VPC endpoint) overrides everything; with FIPS or dual-stack it is a configuration error;</item>
    /// <item>else <c>https://states.{region}.{dnsSuffix}</c>; FIPS <c>states-fips.{region}.{dnsSuffix}</c>; dual-stack
    /// <c>states.{region}.{dualStackDnsSuffix}</c>; both <c>states-fips.{region}.{dualStackDnsSuffix}</c>;</item>
    /// <item>the exception: <c>us-gov-west-1</c> with FIPS alone is <c>https://states.us-gov-west-1.amazonaws.com</c> (that endpoint is FIPS already).</item>
    /// </list>
    /// The region is needed in every case (it is the signing region): a valid DNS label, 1..63 of <c>a-z 0-9 -</c>,
    /// not starting or ending with <c>-</c>.
    /// </summary>
    /// <param name="region">The region, e.g. <c>eu-west-1</c>.</param>
    /// <param name="useFips">Use the FIPS endpoint.</param>
    /// <param name="useDualStack">Use the dual-stack (IPv4 and IPv6) endpoint.</param>
    /// <param name="serviceUrl">A URL that overrides the resolution (absolute, <c>http</c> or <c>https</c>).</param>
    /// <returns>The endpoint, or what is wrong with the configuration.</returns>
    public static Either<ValidationError, Uri> Resolve(string? region, bool useFips, bool useDualStack, Option<Uri> serviceUrl)
    {
        var regionError = CheckRegion(region);
        if (regionError.IsSome)
        {
            return Left((ValidationError)regionError);
        }

        return serviceUrl.Match(
            Some: url => OverrideUrl(url, useFips, useDualStack),
            None: () => Right<ValidationError, Uri>(new Uri(HostUrl(region!, useFips, useDualStack))));
    }

    /// <summary>Checks a region name: a DNS label of <c>a-z 0-9 -</c>, 1..63 characters.</summary>
    /// <param name="region">The region.</param>
    /// <returns>The problem, or none.</returns>
    public static Option<ValidationError> CheckRegion(string? region)
    {
        const string FieldName = "Region";
        if (string.IsNullOrEmpty(region))
        {
            return Some(new ValidationError(FieldName, ValidationFailure.Missing, "a region is required (it is also the signing region)"));
        }

        if (region.Length > 63)
        {
            return Some(new ValidationError(FieldName, ValidationFailure.TooLong, $"must be at most 63 characters, is {region.Length}"));
        }

        foreach (char c in region)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return Some(new ValidationError(FieldName, ValidationFailure.InvalidCharacter, "must be lower-case letters, digits and '-'"));
            }
        }

        return region[0] == '-' || region[^1] == '-'
            ? Some(new ValidationError(FieldName, ValidationFailure.InvalidFormat, "must not start or end with '-'"))
            : None;
    }

    private static string HostUrl(string region, bool useFips, bool useDualStack)
    {
        var partition = Partition.Of(region);
        if (useFips && !useDualStack && region == "us-gov-west-1")
        {
            return "https://states.us-gov-west-1.amazonaws.com";
        }

        string prefix = useFips ? "states-fips" : "states";
        string suffix = useDualStack ? partition.DualStackDnsSuffix : partition.DnsSuffix;
        return $"https://{prefix}.{region}.{suffix}";
    }

    private static Either<ValidationError, Uri> OverrideUrl(Uri url, bool useFips, bool useDualStack)
    {
        const string FieldName = "ServiceUrl";
        if (useFips || useDualStack)
        {
            return Left(new ValidationError(FieldName, ValidationFailure.InvalidFormat,
                "a service URL cannot be combined with FIPS or dual-stack: choose the endpoint in the URL itself"));
        }

        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return Left(new ValidationError(FieldName, ValidationFailure.InvalidFormat, "must be an absolute http or https URL"));
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            return Left(new ValidationError(FieldName, ValidationFailure.InvalidFormat, "must have no query and no fragment"));
        }

        return Right(url);
    }
}
