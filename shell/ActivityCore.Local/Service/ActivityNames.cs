using System;

namespace ActivityCore.Local.Service;

/// <summary>The service's rules for activity names and activity ARNs.</summary>
internal static class ActivityNames
{
    internal const int MaxNameLength = 80;
    internal const int MaxArnLength = 256;

    /// <summary>1..80 chars; no whitespace, brackets, wildcards, special or control characters.</summary>
    internal static bool IsValidName(string name)
    {
        if (name.Length is 0 or > MaxNameLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || "<>{}[]?*\"#%\\^|~`$&,;:/".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <c>arn:&lt;partition&gt;:states:&lt;region&gt;:&lt;account&gt;:activity:&lt;name&gt;</c>, 1..256 chars,
    /// any partition; returns the name, or null when the ARN is not of that shape.
    /// </summary>
    internal static string? NameOfArn(string arn)
    {
        if (arn.Length is 0 or > MaxArnLength)
        {
            return null;
        }

        var parts = arn.Split(':');
        if (parts.Length != 7 || parts[0] != "arn" || parts[1].Length == 0 || parts[2] != "states"
            || parts[3].Length == 0 || parts[4].Length == 0 || parts[5] != "activity" || !IsValidName(parts[6]))
        {
            return null;
        }

        return parts[6];
    }
}
