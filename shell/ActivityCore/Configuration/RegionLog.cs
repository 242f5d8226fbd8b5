using Microsoft.Extensions.Logging;

namespace ActivityCore.Configuration;

/// <summary>What the AWS conventions tell the user about the region they chose.</summary>
internal static partial class RegionLog
{
    /// <summary>Logs, at Information, that a default region gave way to the activity ARN's.</summary>
    public static void GaveWay(ILogger? logger, RegionChoice overridden, string arnRegion)
    {
        if (logger is not null)
        {
            string source = RegionChoice.Describe(overridden.Source);
            DefaultRegionGaveWay(logger, source, overridden.Region, arnRegion);
        }
    }

    [LoggerMessage(EventId = 160, Level = LogLevel.Information, Message = "{Source} is {Region} but the activity ARN's region is {ArnRegion}: the client uses {ArnRegion}, where the worker polls its activity (set the worker's Region to make a different one an error)")]
    private static partial void DefaultRegionGaveWay(ILogger logger, string source, string region, string arnRegion);
}
