using BenchmarkDotNet.Running;

namespace ActivityCore.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/ActivityCore.Benchmarks -- --filter '*'</c>
/// (add <c>--job short</c> for the quick run). Any BenchmarkDotNet argument is accepted.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">BenchmarkDotNet's command line.</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
