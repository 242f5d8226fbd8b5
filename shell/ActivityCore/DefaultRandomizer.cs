using System;

namespace ActivityCore;

/// <summary>
/// The one source of randomness of the shell, used when an options type's <c>Randomizer</c> is not set: a number in
/// [0, 1) from the thread-safe shared generator. The core's decisions take the number as a parameter.
/// </summary>
internal static class DefaultRandomizer
{
    /// <summary>The default randomizer.</summary>
    public static readonly Func<double> NextDouble = static () => Random.Shared.NextDouble();
}
