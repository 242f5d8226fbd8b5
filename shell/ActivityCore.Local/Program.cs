namespace ActivityCore.Local;

/// <summary>Placeholder until the standalone entry point lands.</summary>
internal static class Program
{
    public static int Main() => 0;
}
