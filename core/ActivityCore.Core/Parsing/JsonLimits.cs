namespace ActivityCore.Parsing;

/// <summary>
/// Bounds of the JSON the core reads and writes. It sits with the JSON reader (<see cref="Parsing.JsonBody"/>), which
/// the validated values use, so the values depend on the parsing and not the other way round.
/// </summary>
public static class JsonLimits
{
    /// <summary>The deepest nesting the core's JSON readers accept (64, System.Text.Json's default). Deeper documents are malformed.</summary>
    public const int MaxDepth = 64;
}
