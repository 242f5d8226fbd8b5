using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LanguageExt;
using Xunit;
using static LanguageExt.Prelude;

namespace ActivityCore.Tests.Core;

/// <summary>
/// EncryptionConfiguration (service model EncryptionConfiguration): type AWS_OWNED_KEY | CUSTOMER_MANAGED_KMS_KEY,
/// kmsKeyId 1..2048, kmsDataKeyReusePeriodSeconds 60..900 with a customer-managed key only.
/// </summary>
public class EncryptionConfigurationTests
{
    [Property(MaxTest = 300)]
    public Property The_reuse_period_is_accepted_exactly_in_60_to_900_seconds_with_a_customer_key() =>
        Prop.ForAll(Arb.From(Gen.Choose(-10, 1000)), seconds =>
            EncryptionConfiguration.CustomerManaged("alias/k", Some(seconds)).IsRight == seconds is >= 60 and <= 900);

    [Property(MaxTest = 200)]
    public Property The_key_id_is_accepted_exactly_with_1_to_2048_characters() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 2100)), length =>
            EncryptionConfiguration.CustomerManaged(new string('k', length), None).IsRight == length is >= 1 and <= 2048);

    [Property(MaxTest = 200)]
    public Property An_AWS_owned_key_takes_neither_a_key_nor_a_period() =>
        Prop.ForAll(Arb.From(Gen.Elements(true, false)), Arb.From(Gen.Elements(true, false)), (withKey, withPeriod) =>
        {
            var created = EncryptionConfiguration.Create(
                EncryptionType.AwsOwnedKey, withKey ? Some("alias/k") : None, withPeriod ? Some(300) : None);
            return created.IsRight == (!withKey && !withPeriod);
        });

    [Fact]
    public void A_customer_key_needs_a_key_id_and_an_unknown_type_is_refused()
    {
        var missing = EncryptionConfiguration.Create(EncryptionType.CustomerManagedKmsKey, None, Some(300));
        Assert.Equal(ValidationFailure.Missing, missing.Match(Right: _ => default, Left: static e => e.Failure));
        var unknown = EncryptionConfiguration.Create((EncryptionType)7, None, None);
        Assert.Equal(ValidationFailure.OutOfRange, unknown.Match(Right: _ => default, Left: static e => e.Failure));
        Assert.Same(EncryptionConfiguration.AwsOwnedKey, EncryptionConfiguration.Create(EncryptionType.AwsOwnedKey, None, None).Match(Right: static c => c, Left: _ => null));
    }

    [Theory]
    [InlineData(EncryptionType.AwsOwnedKey, "AWS_OWNED_KEY")]
    [InlineData(EncryptionType.CustomerManagedKmsKey, "CUSTOMER_MANAGED_KMS_KEY")]
    public void Wire_names_round_trip(EncryptionType type, string name)
    {
        Assert.Equal(name, EncryptionConfiguration.WireName(type));
        Assert.Equal(Some(type), EncryptionConfiguration.ParseType(name));
        Assert.True(EncryptionConfiguration.ParseType(name.ToLowerInvariant()).IsNone);
    }
}
