using System;
using LanguageExt;
using static LanguageExt.Prelude;

namespace ActivityCore.Errors;

/// <summary>The states of a KMS key the Step Functions service model names in <c>KmsInvalidStateException.kmsKeyState</c>.</summary>
public enum KnownKmsKeyState
{
    /// <summary><c>DISABLED</c>: the key is disabled.</summary>
    Disabled,

    /// <summary><c>PENDING_DELETION</c>: the key is scheduled for deletion.</summary>
    PendingDeletion,

    /// <summary><c>PENDING_IMPORT</c>: the key awaits its imported key material.</summary>
    PendingImport,

    /// <summary><c>UNAVAILABLE</c>: the key's custom key store is disconnected.</summary>
    Unavailable,

    /// <summary><c>CREATING</c>: the key is being created.</summary>
    Creating,
}

/// <summary>
/// The <c>kmsKeyState</c> of a <c>KmsInvalidStateException</c>: one of the states the service model names
/// (<see cref="Known"/>), or any other text kept as the service sent it.
/// </summary>
/// <remarks>
/// The service model (<c>KmsKeyState</c> in botocore's <c>stepfunctions/2016-11-23/service-2.json</c>) names
/// <c>DISABLED</c>, <c>PENDING_DELETION</c>, <c>PENDING_IMPORT</c>, <c>UNAVAILABLE</c> and <c>CREATING</c>; the KMS API
/// spells the same states <c>Disabled</c>, <c>PendingDeletion</c>, <c>PendingImport</c>, <c>Unavailable</c>,
/// <c>Creating</c>, and both spellings are recognised. <see cref="Value"/> is always the text as received, so
/// <c>Parse(s).Value == s</c>. Immutable and thread-safe; equality is ordinal on <see cref="Value"/>.
/// </remarks>
public sealed class KmsKeyState : IEquatable<KmsKeyState>
{
    /// <summary><c>DISABLED</c>.</summary>
    public static readonly KmsKeyState Disabled = new("DISABLED", KnownKmsKeyState.Disabled);

    /// <summary><c>PENDING_DELETION</c>.</summary>
    public static readonly KmsKeyState PendingDeletion = new("PENDING_DELETION", KnownKmsKeyState.PendingDeletion);

    /// <summary><c>PENDING_IMPORT</c>.</summary>
    public static readonly KmsKeyState PendingImport = new("PENDING_IMPORT", KnownKmsKeyState.PendingImport);

    /// <summary><c>UNAVAILABLE</c>.</summary>
    public static readonly KmsKeyState Unavailable = new("UNAVAILABLE", KnownKmsKeyState.Unavailable);

    /// <summary><c>CREATING</c>.</summary>
    public static readonly KmsKeyState Creating = new("CREATING", KnownKmsKeyState.Creating);

    private KmsKeyState(string value, Option<KnownKmsKeyState> known)
    {
        Value = value;
        Known = known;
    }

    /// <summary>The state's text, as the service sent it.</summary>
    public string Value { get; }

    /// <summary>The state, when it is one the service model names; None for any other text.</summary>
    public Option<KnownKmsKeyState> Known { get; }

    /// <summary>Reads a state's text. Total: any text is a state, known or not.</summary>
    /// <param name="value">The text of <c>kmsKeyState</c>.</param>
    /// <returns>The state; a known one keeps <paramref name="value"/> as its <see cref="Value"/>.</returns>
    public static KmsKeyState Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return KnownOf(value).Match(
            Some: known => FromKnown(known) is { } constant && string.Equals(constant.Value, value, StringComparison.Ordinal)
                ? constant
                : new KmsKeyState(value, known),
            None: () => new KmsKeyState(value, None));
    }

    /// <summary>The constant of a known state, spelled as the service model spells it.</summary>
    /// <param name="state">A known state.</param>
    /// <returns>The constant.</returns>
    public static KmsKeyState FromKnown(KnownKmsKeyState state) => state switch
    {
        KnownKmsKeyState.Disabled => Disabled,
        KnownKmsKeyState.PendingDeletion => PendingDeletion,
        KnownKmsKeyState.PendingImport => PendingImport,
        KnownKmsKeyState.Unavailable => Unavailable,
        KnownKmsKeyState.Creating => Creating,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a known KMS key state"),
    };

    private static Option<KnownKmsKeyState> KnownOf(string value) => value switch
    {
        "DISABLED" or "Disabled" => Some(KnownKmsKeyState.Disabled),
        "PENDING_DELETION" or "PendingDeletion" => Some(KnownKmsKeyState.PendingDeletion),
        "PENDING_IMPORT" or "PendingImport" => Some(KnownKmsKeyState.PendingImport),
        "UNAVAILABLE" or "Unavailable" => Some(KnownKmsKeyState.Unavailable),
        "CREATING" or "Creating" => Some(KnownKmsKeyState.Creating),
        _ => None,
    };

    /// <summary>Returns <see cref="Value"/>.</summary>
    /// <returns>The state's text.</returns>
    public override string ToString() => Value;

    /// <inheritdoc/>
    public bool Equals(KmsKeyState? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as KmsKeyState);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Value equality (ordinal on <see cref="Value"/>).</summary>
    /// <param name="left">A state.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(KmsKeyState? left, KmsKeyState? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    /// <param name="left">A state.</param>
    /// <param name="right">Another.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(KmsKeyState? left, KmsKeyState? right) => !(left == right);
}
