namespace ActivityCore.Local;

/// <summary>
/// The one set of credentials a <see cref="LocalStepFunctions"/> endpoint accepts when it verifies
/// SigV4 signatures. Immutable and thread-safe.
/// </summary>
/// <param name="AccessKeyId">The access key id a request's credential scope must name.</param>
/// <param name="SecretAccessKey">The secret the signing key is derived from.</param>
/// <param name="SessionToken">
/// When not null, every request must carry this value in <c>X-Amz-Security-Token</c>;
/// when null, a request carrying a session token is refused.
/// </param>
public sealed record LocalCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Never prints the secret or the session token.</summary>
    /// <returns>The access key id only.</returns>
    public override string ToString() => $"LocalCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
