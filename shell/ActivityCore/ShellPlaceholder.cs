namespace ActivityCore;

/// <summary>Temporary.</summary>
public static class ShellPlaceholder
{
}
