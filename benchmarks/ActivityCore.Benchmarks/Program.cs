using System;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

namespace ActivityCore.Benchmarks;

/// <summary>
/// Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/ActivityCore.Benchmarks -- --filter '*'</c>.
/// Any BenchmarkDotNet argument is accepted (<c>--job short</c>, <c>--filter '*Json*'</c>, ...); <c>--quick</c> is ours:
/// BenchmarkDotNet's short job (3 warm-up and 3 measured iterations) with 100 ms iterations, for a run of a few minutes;
/// <c>--interleaved</c> is the cross-check for noisy machines described in <see cref="Interleaved"/>;
/// <c>--polls-at-scale [N ...]</c> measures N open polls (<see cref="PollsAtScale"/>); <c>--bursty</c> the latency from
/// enqueue to handler start under bursts, fixed pollers against autoscaling (<see cref="BurstyLoad"/>).
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">BenchmarkDotNet's command line, plus <c>--quick</c>.</param>
    public static void Main(string[] args)
    {
        // The default columns, plus Min: on a shared machine the fastest iteration is the one least disturbed by
        // other processes, so ratios of Min are the steadiest comparison a noisy run offers.
        if (args.Contains("--interleaved", StringComparer.Ordinal))
        {
            Interleaved.Run();
            return;
        }

        if (args.Contains("--polls-at-scale", StringComparer.Ordinal))
        {
            int[] counts = [.. args.Where(a => int.TryParse(a, out _)).Select(int.Parse)];
            PollsAtScale.RunAsync(counts.Length > 0 ? counts : [100, 1000]).GetAwaiter().GetResult();
            return;
        }

        if (args.Contains("--bursty", StringComparer.Ordinal))
        {
            BurstyLoad.RunAsync().GetAwaiter().GetResult();
            return;
        }

        // The generated project builds the library too: on a busy 2-core machine that takes longer than the 2-minute default.
        IConfig config = DefaultConfig.Instance.AddColumn(StatisticColumn.Min).WithBuildTimeout(TimeSpan.FromMinutes(10));
        if (args.Contains("--quick", StringComparer.Ordinal))
        {
            args = [.. args.Where(a => a != "--quick")];
            config = config.AddJob(Job.ShortRun.WithIterationTime(TimeInterval.FromMilliseconds(100)).WithId("Quick"));
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
