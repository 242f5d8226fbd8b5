using System;

namespace ActivityCore.Configuration;

/// <summary>The process's environment: the one place of the library that reads it (exempt from the ban in .editorconfig).</summary>
public sealed partial class AwsEnvironment
{
    /// <summary>The process's environment variables, read on each call.</summary>
    public static AwsEnvironment Process { get; } = new(static name => Environment.GetEnvironmentVariable(name));
}
