using System;
using System.Globalization;

namespace ActivityCore.Local;

/// <summary>
/// The ranges and defaults of <see cref="LocalStepFunctionsOptions"/>, in one place: the options' initial values,
/// <see cref="LocalStepFunctions.StartAsync"/>'s checks and the standalone server's usage and messages use them.
/// </summary>
internal static class LocalOptionLimits
{
    public const string DefaultHost = "127.0.0.1";

    public const int MaxPort = 65_535;

    public static readonly TimeSpan DefaultPollHoldTime = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan MaxPollHoldTime = TimeSpan.FromDays(1);

    public const string DefaultRegion = "us-east-1";

    public const string DefaultAccountId = "123456789012";

    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromMinutes(5);

    public const int MinMaxPollersPerActivity = 1;

    public const int DefaultMaxPollersPerActivity = 1000;

    public const int MinMaxActivities = 1;

    public const int DefaultMaxActivities = 10_000;

    public const int DefaultRetainedEndedTasks = 10_000;

    /// <summary>Seconds as the usage and the messages write them (invariant, no trailing zeros).</summary>
    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture);
}
