using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace ActivityCore.Local.Http;

/// <summary>
/// Typed, range-checked reads of an admin request's members. Each returns null when the member is valid (or absent and
/// optional) and otherwise the message of a 400 that names the member. <see cref="Unambiguous"/> refuses, before them,
/// a member given twice or given as null (leave a member out for its default).
/// </summary>
internal static class AdminFields
{
    /// <summary>The longest timeout or delay, in seconds: the service's largest <c>TimeoutSeconds</c>/<c>HeartbeatSeconds</c>.</summary>
    internal const double MaxSeconds = 99_999_999;

    /// <summary>A member the route does not know (a typo would otherwise be ignored silently).</summary>
    internal static string? OnlyKnown(JsonElement root, params string[] known) =>
        root.EnumerateObject().Select(static m => m.Name).FirstOrDefault(name => !known.Contains(name, StringComparer.Ordinal)) is { } unknown
            ? $"'{unknown}' is not a member of this request (expected {string.Join(", ", known)})."
            : null;

    /// <summary>A member that appears twice in an object (at any depth) or a top-level member that is null; null when there is none.</summary>
    internal static string? Unambiguous(JsonElement root)
    {
        var nullName = root.EnumerateObject().Where(static m => m.Value.ValueKind == JsonValueKind.Null).Select(static m => m.Name).FirstOrDefault();
        if (nullName is not null)
        {
            return $"'{nullName}' must not be null (leave it out for its default).";
        }

        return Duplicate(root) is { } name ? $"'{name}' appears more than once in the body." : null;
    }

    private static string? Duplicate(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            return element.EnumerateArray().Select(Duplicate).FirstOrDefault(static d => d is not null);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            if (!seen.Add(member.Name))
            {
                return member.Name;
            }

            if (Duplicate(member.Value) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    internal static string? Text(JsonElement root, string name, bool required, out string? value)
    {
        value = null;
        if (!Present(root, name, out var element))
        {
            return required ? $"'{name}' is required." : null;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return $"'{name}' must be a string, not {Kind(element)}.";
        }

        value = element.GetString();
        return null;
    }

    /// <summary>The shortest timeout, in seconds: 1 ms (a shorter one would expire before any poll could take the task).</summary>
    internal const double MinSeconds = 0.001;

    /// <summary>A number of seconds from <see cref="MinSeconds"/> to <see cref="MaxSeconds"/> (fractions allowed).</summary>
    internal static string? Seconds(JsonElement root, string name, out TimeSpan? value)
    {
        value = null;
        var error = Number(root, name, MinSeconds, MaxSeconds, exclusiveMin: false, out var seconds);
        if (error is null && seconds is { } s)
        {
            value = TimeSpan.FromSeconds(s);
        }

        return error;
    }

    /// <summary>A number of milliseconds, 0 to <see cref="MaxSeconds"/> seconds' worth.</summary>
    internal static string? Milliseconds(JsonElement root, string name, out TimeSpan? value)
    {
        value = null;
        var error = Number(root, name, 0, MaxSeconds * 1000, exclusiveMin: false, out var ms);
        if (error is null && ms is { } m)
        {
            value = TimeSpan.FromMilliseconds(m);
        }

        return error;
    }

    /// <summary>An integer from <paramref name="min"/> to <paramref name="max"/>; <paramref name="fallback"/> when absent.</summary>
    internal static string? Integer(JsonElement root, string name, int min, int max, int fallback, out int value)
    {
        value = fallback;
        if (!Present(root, name, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out var number) || number < min || number > max)
        {
            return $"'{name}' must be an integer from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not {Raw(element)}.";
        }

        value = number;
        return null;
    }

    /// <summary>A JSON <c>true</c> or <c>false</c>; false when absent.</summary>
    internal static string? Boolean(JsonElement root, string name, out bool value)
    {
        value = false;
        if (!Present(root, name, out var element))
        {
            return null;
        }

        if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return $"'{name}' must be true or false, not {Raw(element)}.";
        }

        value = element.GetBoolean();
        return null;
    }

    private static string? Number(JsonElement root, string name, double min, double max, bool exclusiveMin, out double? value)
    {
        value = null;
        if (!Present(root, name, out var element))
        {
            return null;
        }

        var inRange = element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out var number) && double.IsFinite(number)
            && (exclusiveMin ? number > min : number >= min) && number <= max;
        if (!inRange)
        {
            var range = exclusiveMin
                ? $"more than {min.ToString(CultureInfo.InvariantCulture)} and at most {max.ToString(CultureInfo.InvariantCulture)}"
                : $"from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";
            return $"'{name}' must be a number {range}, not {Raw(element)}.";
        }

        value = element.GetDouble();
        return null;
    }

    private static bool Present(JsonElement root, string name, out JsonElement element) =>
        root.TryGetProperty(name, out element) && element.ValueKind != JsonValueKind.Null;

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "a string",
    };

    /// <summary>The value as sent, clipped (a 1e300 stays 1e300).</summary>
    private static string Raw(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 40 ? text : text[..40] + "...";
    }
}
