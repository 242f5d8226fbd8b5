using FsCheck.Xunit;
using Xunit;

namespace ActivityCore.Tests;

public class SmokeTests
{
    [Fact]
    public void Works() => Assert.True(true);

    [Property]
    public bool Prop(int x) => x + 0 == x;
}
