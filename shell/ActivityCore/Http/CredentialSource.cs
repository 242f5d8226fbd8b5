using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace ActivityCore.Http;

/// <summary>
/// The credentials of a client: the explicit ones, or AWSSDK.Core's default chain
/// (<see cref="DefaultAWSCredentialsIdentityResolver"/>: environment, profiles, SSO, web identity, container,
/// instance metadata), resolved once on first use. Refreshing credentials (SSO, web identity, container, instance
/// metadata, assumed roles) refresh themselves before they expire (<see cref="RefreshingAWSCredentials.PreemptExpiryTime"/>);
/// <see cref="Invalidate"/> forces a refresh after the service said they expired. Thread-safe.
/// </summary>
internal sealed class CredentialSource
{
    private readonly AWSCredentials? explicitCredentials;
    private readonly Lazy<Task<AWSCredentials>> chain;

    public CredentialSource(AWSCredentials? explicitCredentials)
    {
        this.explicitCredentials = explicitCredentials;
        chain = new Lazy<Task<AWSCredentials>>(static () => DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null!), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The current immutable credentials (throws what AWSSDK.Core throws when there are none).</summary>
    public async Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken)
    {
        AWSCredentials source = explicitCredentials ?? await chain.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return await source.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks refreshing credentials to fetch new ones on next use.</summary>
    public void Invalidate()
    {
        AWSCredentials? current = explicitCredentials ?? (chain.IsValueCreated && chain.Value.IsCompletedSuccessfully ? chain.Value.Result : null);
        (current as RefreshingAWSCredentials)?.ClearCredentials();
    }
}
