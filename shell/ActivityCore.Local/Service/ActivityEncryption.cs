using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Local.Service;

/// <summary>
/// An activity's encryption configuration as it was created: compared whole when CreateActivity is called again with the
/// same name, and returned by DescribeActivity.
/// </summary>
/// <param name="Type"><c>AWS_OWNED_KEY</c> or <c>CUSTOMER_MANAGED_KMS_KEY</c>.</param>
/// <param name="KmsKeyId">The KMS key, with a customer-managed key.</param>
/// <param name="KmsDataKeyReusePeriodSeconds">The data key reuse period, when given.</param>
internal sealed record ActivityEncryption(string Type, Option<string> KmsKeyId, Option<int> KmsDataKeyReusePeriodSeconds)
{
    /// <summary>An activity created without a configuration: an AWS-owned key.</summary>
    internal static readonly ActivityEncryption Default = new("AWS_OWNED_KEY", None, None);
}
