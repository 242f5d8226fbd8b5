using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using LanguageExt;
using static LanguageExt.Prelude;

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
    private readonly Option<AWSCredentials> explicitCredentials;

    /// <summary>The default chain's lookup once started (a lazily filled cache slot, swapped atomically).</summary>
    private Task<AWSCredentials>? chain;

    /// <summary>Whether the explicit credentials are static keys (exactly <see cref="BasicAWSCredentials"/> or <see cref="SessionAWSCredentials"/>) or anonymous: read once, they never change, so each attempt reads them without a task.</summary>
    private readonly bool isFixed;

    /// <summary>Those fixed credentials (none for anonymous).</summary>
    private readonly Option<ImmutableCredentials> fixedCredentials;

    public CredentialSource(Option<AWSCredentials> explicitCredentials)
    {
        this.explicitCredentials = explicitCredentials;
        (isFixed, fixedCredentials) = explicitCredentials.Match(
            Some: static given => Fixed(given),
            None: static () => (false, Option<ImmutableCredentials>.None));
    }

    /// <summary>Whether explicit credentials are fixed (anonymous, or exactly static keys), and their keys (none for anonymous).</summary>
    private static (bool IsFixed, Option<ImmutableCredentials> Keys) Fixed(AWSCredentials given)
    {
        if (given is AnonymousAWSCredentials)
        {
            return (true, Option<ImmutableCredentials>.None);
        }

        return (given.GetType() == typeof(BasicAWSCredentials) || given.GetType() == typeof(SessionAWSCredentials)) && given.GetCredentials() is { } immutable
            ? (true, Some(immutable))
            : (false, Option<ImmutableCredentials>.None);
    }

    /// <summary>
    /// The current immutable credentials; none for <see cref="AnonymousAWSCredentials"/>, whose requests go unsigned as
    /// the AWS SDKs send them. Throws what AWSSDK.Core throws when there are none, and
    /// <see cref="InvalidOperationException"/> when a credentials object answers null.
    /// </summary>
    public ValueTask<Option<ImmutableCredentials>> GetAsync(CancellationToken cancellationToken) =>
        isFixed
            ? ValueTask.FromResult(fixedCredentials)
            : new ValueTask<Option<ImmutableCredentials>>(LookUpAsync(cancellationToken));

    private async Task<Option<ImmutableCredentials>> LookUpAsync(CancellationToken cancellationToken)
    {
        AWSCredentials source = await explicitCredentials.Match(
            Some: static given => Task.FromResult(given),
            None: () => Chain().WaitAsync(cancellationToken)).ConfigureAwait(false);
        if (source is AnonymousAWSCredentials)
        {
            return Option<ImmutableCredentials>.None;
        }

        ImmutableCredentials? current = await source.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        return current ?? throw new InvalidOperationException($"{source.GetType().Name} answered no credentials");
    }

    /// <summary>
    /// Asks refreshing credentials to fetch new ones on next use. False when they cannot change (static keys,
    /// anonymous, or a chain not resolved yet): an expired token then stays expired, and retrying is useless.
    /// </summary>
    public bool Invalidate() =>
        (explicitCredentials.IsSome ? explicitCredentials : Resolved())
            .Bind(static current => current is RefreshingAWSCredentials refreshing ? Some(refreshing) : None)
            .Match(
                Some: static refreshing =>
                {
                    refreshing.ClearCredentials();
                    return true;
                },
                None: static () => false);

    /// <summary>The default chain's credentials, once its lookup succeeded.</summary>
    private Option<AWSCredentials> Resolved() =>
        Volatile.Read(ref chain) is { IsCompletedSuccessfully: true } found ? Some(found.Result) : None;

    /// <summary>
    /// The default chain's lookup, started once and shared; a lookup that failed (instance metadata not ready yet, say)
    /// is started again by the next call instead of failing the client for good.
    /// </summary>
    private Task<AWSCredentials> Chain()
    {
        Task<AWSCredentials>? current = Volatile.Read(ref chain);
        if (current is not null && !current.IsFaulted && !current.IsCanceled)
        {
            return current;
        }

        Task<AWSCredentials> started = DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(null!);
        return Interlocked.CompareExchange(ref chain, started, current) == current ? started : Volatile.Read(ref chain)!;
    }
}
