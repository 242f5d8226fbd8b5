using Xunit;

namespace ActivityCore.Tests;

/// <summary>
/// Tests that start other processes (the CLI, the standalone server and Node.js): they run on their own, after the
/// parallel ones, so that their CPU bursts on a 2-core machine do not starve the real-time worker and client tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTestGroup
{
    public const string Name = "Processes";
}
