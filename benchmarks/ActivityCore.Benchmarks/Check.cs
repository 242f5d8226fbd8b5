using System;

namespace ActivityCore.Benchmarks;

/// <summary>
/// The equivalence checks every benchmark class runs once in its <c>[GlobalSetup]</c>: a method that does not
/// produce the same answer as ours measures something else, so the run stops instead.
/// </summary>
internal static class Check
{
    public static void Equal(string? expected, string? actual, string what)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{what}: expected <{Shorten(expected)}>, got <{Shorten(actual)}>");
        }
    }

    public static void True(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException(what);
        }
    }

    private static string Shorten(string? text) =>
        text is null ? "null" : text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 120), $"... ({text.Length} chars)");
}
