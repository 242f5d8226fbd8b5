using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore;

/// <summary>Who owns the key that encrypts an activity's data (the service model's <c>EncryptionType</c>).</summary>
public enum EncryptionType
{
    /// <summary><c>AWS_OWNED_KEY</c>: a key Step Functions owns (the default).</summary>
    AwsOwnedKey,

    /// <summary><c>CUSTOMER_MANAGED_KMS_KEY</c>: a KMS key of the caller's.</summary>
    CustomerManagedKmsKey,
}

/// <summary>
/// How an activity's data is encrypted: an AWS-owned key, or a customer-managed KMS key with an optional data key reuse
/// period.
/// </summary>
/// <remarks>
/// From the service model's <c>EncryptionConfiguration</c> (botocore's stepfunctions/2016-11-23/service-2.json):
/// <c>type</c> is required; <c>kmsKeyId</c> (a key id, ARN, alias name or alias ARN) is 1..2048 characters;
/// <c>kmsDataKeyReusePeriodSeconds</c> is 60..900. <see cref="Create"/> also requires a key id with
/// <see cref="EncryptionType.CustomerManagedKmsKey"/> and refuses a key id or a reuse period with
/// <see cref="EncryptionType.AwsOwnedKey"/>, which the service refuses as <c>InvalidEncryptionConfiguration</c>.
/// Immutable and thread-safe; value equality.
/// </remarks>
public sealed record EncryptionConfiguration
{
    /// <summary>The longest key id (2048).</summary>
    public const int MaxKmsKeyIdLength = 2048;

    /// <summary>The shortest data key reuse period, in seconds (60).</summary>
    public const int MinReusePeriodSeconds = 60;

    /// <summary>The longest data key reuse period, in seconds (900).</summary>
    public const int MaxReusePeriodSeconds = 900;

    /// <summary>An AWS-owned key: what an activity created without a configuration has.</summary>
    public static readonly EncryptionConfiguration AwsOwnedKey = new(EncryptionType.AwsOwnedKey, None, None);

    private EncryptionConfiguration(EncryptionType type, Option<string> kmsKeyId, Option<int> kmsDataKeyReusePeriodSeconds)
    {
        Type = type;
        KmsKeyId = kmsKeyId;
        KmsDataKeyReusePeriodSeconds = kmsDataKeyReusePeriodSeconds;
    }

    /// <summary>Who owns the key.</summary>
    public EncryptionType Type { get; }

    /// <summary>The KMS key (id, ARN, alias name or alias ARN), with a customer-managed key.</summary>
    public Option<string> KmsKeyId { get; }

    /// <summary>How long, in seconds, Step Functions reuses a data key before asking KMS again, with a customer-managed key.</summary>
    public Option<int> KmsDataKeyReusePeriodSeconds { get; }

    /// <summary>Validates a configuration.</summary>
    /// <param name="type">Who owns the key.</param>
    /// <param name="kmsKeyId">The key (1..2048 characters): required with a customer-managed key, refused otherwise.</param>
    /// <param name="kmsDataKeyReusePeriodSeconds">60..900, only with a customer-managed key.</param>
    /// <returns>The configuration, or why it was refused.</returns>
    public static Either<ValidationError, EncryptionConfiguration> Create(EncryptionType type, Option<string> kmsKeyId, Option<int> kmsDataKeyReusePeriodSeconds)
    {
        const string FieldName = nameof(EncryptionConfiguration);
        if (!Enum.IsDefined(type))
        {
            return new ValidationError(FieldName + ".Type", ValidationFailure.OutOfRange, $"is not an encryption type: {(int)type}");
        }

        if (type == EncryptionType.AwsOwnedKey)
        {
            return kmsKeyId.IsSome || kmsDataKeyReusePeriodSeconds.IsSome
                ? new ValidationError(FieldName, ValidationFailure.InvalidFormat, "takes no KmsKeyId nor KmsDataKeyReusePeriodSeconds with an AWS-owned key")
                : AwsOwnedKey;
        }

        if (kmsKeyId.Case is not string keyId)
        {
            return new ValidationError(FieldName + ".KmsKeyId", ValidationFailure.Missing, "is required with a customer-managed KMS key");
        }

        if (TextRules.CheckLength(FieldName + ".KmsKeyId", keyId, 1, MaxKmsKeyIdLength) is { } error)
        {
            return error;
        }

        return kmsDataKeyReusePeriodSeconds.Exists(static s => s is < MinReusePeriodSeconds or > MaxReusePeriodSeconds)
            ? new ValidationError(FieldName + ".KmsDataKeyReusePeriodSeconds", ValidationFailure.OutOfRange,
                $"must be in {MinReusePeriodSeconds}..{MaxReusePeriodSeconds}, is {kmsDataKeyReusePeriodSeconds.IfNone(0)}")
            : new EncryptionConfiguration(type, kmsKeyId, kmsDataKeyReusePeriodSeconds);
    }

    /// <summary>A customer-managed KMS key.</summary>
    /// <param name="kmsKeyId">The key (1..2048 characters).</param>
    /// <param name="kmsDataKeyReusePeriodSeconds">60..900, or None for the service's default (300).</param>
    /// <returns>The configuration, or why it was refused.</returns>
    public static Either<ValidationError, EncryptionConfiguration> CustomerManaged(string kmsKeyId, Option<int> kmsDataKeyReusePeriodSeconds) =>
        Create(EncryptionType.CustomerManagedKmsKey, Optional(kmsKeyId), kmsDataKeyReusePeriodSeconds);

    /// <summary>A configuration as the service describes it: the type, and whatever key and period it returned, unchecked (the answer is the truth).</summary>
    internal static EncryptionConfiguration Described(EncryptionType type, Option<string> kmsKeyId, Option<int> kmsDataKeyReusePeriodSeconds) =>
        type == EncryptionType.AwsOwnedKey && kmsKeyId.IsNone && kmsDataKeyReusePeriodSeconds.IsNone
            ? AwsOwnedKey
            : new EncryptionConfiguration(type, kmsKeyId, kmsDataKeyReusePeriodSeconds);

    /// <summary>The wire name of a type: <c>AWS_OWNED_KEY</c> or <c>CUSTOMER_MANAGED_KMS_KEY</c>.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name the service uses.</returns>
    public static string WireName(EncryptionType type) => type switch
    {
        EncryptionType.AwsOwnedKey => "AWS_OWNED_KEY",
        EncryptionType.CustomerManagedKmsKey => "CUSTOMER_MANAGED_KMS_KEY",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an encryption type"),
    };

    /// <summary>The type a wire name names, or None for a name this version does not know.</summary>
    /// <param name="name">The wire name.</param>
    /// <returns>The type, or None.</returns>
    public static Option<EncryptionType> ParseType(string? name) => name switch
    {
        "AWS_OWNED_KEY" => Some(EncryptionType.AwsOwnedKey),
        "CUSTOMER_MANAGED_KMS_KEY" => Some(EncryptionType.CustomerManagedKmsKey),
        _ => None,
    };

    /// <summary>Returns the type, the key and the period (the key id is not secret).</summary>
    /// <returns>A description.</returns>
    public override string ToString() =>
        WireName(Type) + KmsKeyId.Map(static k => " " + k).IfNone(string.Empty)
        + KmsDataKeyReusePeriodSeconds.Map(static s => $" reuse {s} s").IfNone(string.Empty);
}
