namespace X;

/// <summary>Entry point.</summary>
public static class Program
{
    /// <summary>Main.</summary>
    public static int Main() => 0;
}
