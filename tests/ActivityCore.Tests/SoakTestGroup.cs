using Xunit;

namespace ActivityCore.Tests;

/// <summary>
/// Tests that measure the whole process (managed memory, file descriptors, TCP connections): they run on their own,
/// after the parallel ones, so that no other test's allocations, sockets or CPU bursts blur what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoakTestGroup
{
    public const string Name = "Soak";
}
