using System;

namespace ActivityCore.Fuzz;

/// <summary>A named fuzz target.</summary>
/// <param name="Name">The name used on the command line and for the corpus folder.</param>
/// <param name="Description">What the target calls.</param>
/// <param name="Run">Runs the target once over one input.</param>
public sealed record FuzzTarget(string Name, string Description, FuzzAction Run);

/// <summary>One execution of a fuzz target over one input.</summary>
/// <param name="input">The input bytes.</param>
public delegate void FuzzAction(ReadOnlySpan<byte> input);

/// <summary>An invariant a fuzz target checks did not hold: a bug, reported to the fuzzer as a crash.</summary>
public sealed class FuzzInvariantException : Exception
{
    /// <summary>Creates the exception for a broken invariant.</summary>
    public FuzzInvariantException()
    {
    }

    /// <summary>Creates the exception for a broken invariant.</summary>
    /// <param name="message">The invariant that did not hold.</param>
    public FuzzInvariantException(string message)
        : base("invariant broken: " + message)
    {
    }

    /// <summary>Creates the exception for a broken invariant.</summary>
    /// <param name="message">The invariant that did not hold.</param>
    /// <param name="innerException">The cause.</param>
    public FuzzInvariantException(string message, Exception innerException)
        : base("invariant broken: " + message, innerException)
    {
    }
}
