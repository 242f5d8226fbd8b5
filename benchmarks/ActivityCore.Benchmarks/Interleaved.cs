using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using ActivityCore.Operations;

namespace ActivityCore.Benchmarks;

/// <summary>
/// <c>--interleaved</c>: the same methods as the BenchmarkDotNet classes, on the same payloads, timed round-robin
/// (A, B, C, A, B, C, ...) in batches, keeping each method's fastest batch. On a machine shared with other work,
/// BenchmarkDotNet measures one method after another and a change of load between them moves the ratio; here every
/// method sees the same load, and the fastest batch is the one least disturbed. A cross-check for the Ratio columns
/// of a noisy run, not a replacement for them (allocations: see the Allocated columns of BenchmarkDotNet's
/// MemoryDiagnoser, which are exact). Prints a markdown table.
/// </summary>
internal static class Interleaved
{
    private const int Rounds = 60;
    private const int WarmupRounds = 5;

    public static void Run()
    {
        var output = new StringBuilder();
        output.AppendLine("| Comparison | Method | Min per op | vs baseline | vs floor |");
        output.AppendLine("|---|---|---:|---:|---:|");

        foreach (JsonErrorCase c in Enum.GetValues<JsonErrorCase>())
        {
            var b = new JsonErrorBenchmarks { Case = c };
            b.Setup();
            Compare(output, $"JSON error, {c}", 20_000, "Floor",
                ("AwsSdk", () => _ = b.AwsSdk()), ("Ours", () => _ = b.Ours()), ("OursReader", () => _ = b.OursReader()), ("JsonSerializerDto", () => _ = b.JsonSerializerDto()),
                ("Floor", () => _ = b.Floor()), ("FloorWithMessage", () => _ = b.FloorWithMessage()));
        }

        foreach (XmlErrorCase c in Enum.GetValues<XmlErrorCase>())
        {
            var b = new XmlErrorBenchmarks { Case = c };
            b.Setup();
            Compare(output, $"XML error, {c}", 2_000, null,
                ("AwsSdk", () => _ = b.AwsSdk()), ("Ours", () => _ = b.Ours()), ("OursBefore", () => _ = b.OursBefore()), ("XDocumentParse", () => _ = b.XDocumentParse()),
                ("ReaderOnly", () => _ = b.ReaderOnly()), ("StringsOnly", () => _ = b.StringsOnly()));
        }

        foreach (int size in new[] { 1024, 64 * 1024, 256 * 1024 })
        {
            var b = new GetActivityTaskResponseBenchmarks { InputSize = size, Layout = JsonLayout.Compact };
            b.Setup();
            Compare(output, $"GetActivityTask response, {size} B input", Math.Max(5, 2_000_000 / size), "Floor",
                ("JsonSerializerDto", () => _ = b.JsonSerializerDto()), ("Ours", () => _ = b.Ours()), ("Floor", () => _ = b.Floor()));
        }

        using (var b = new GetActivityTaskRequestBenchmarks())
        {
            b.Setup();
            Compare(output, "GetActivityTask request", 20_000, "Floor",
                ("JsonSerializerDto", () => _ = b.JsonSerializerDto()), ("Ours", () => _ = b.Ours()), ("Floor", () => _ = b.Floor()));
        }

        using (var b = new SendTaskSuccessRequestBenchmarks())
        {
            b.Setup();
            Compare(output, "SendTaskSuccess request, 64 KiB output", 50, "Floor",
                ("JsonSerializerDto", () => _ = b.JsonSerializerDto()), ("Ours", () => _ = b.Ours()), ("Floor", () => _ = b.Floor()));
        }

        Console.WriteLine(output.ToString());
    }

    private static void Compare(StringBuilder output, string comparison, int batch, string? floor, params (string Name, Action Call)[] methods)
    {
        var best = new double[methods.Length];
        Array.Fill(best, double.MaxValue);
        for (int round = 0; round < Rounds; round++)
        {
            for (int m = 0; m < methods.Length; m++)
            {
                Action call = methods[m].Call;
                long start = Stopwatch.GetTimestamp();
                for (int i = 0; i < batch; i++)
                {
                    call();
                }

                double perOp = Stopwatch.GetElapsedTime(start).TotalNanoseconds / batch;
                if (round >= WarmupRounds)
                {
                    best[m] = Math.Min(best[m], perOp);
                }
            }
        }

        int floorIndex = floor is null ? -1 : Array.FindIndex(methods, m => m.Name == floor);
        for (int m = 0; m < methods.Length; m++)
        {
            string vsFloor = floorIndex < 0 ? "" : (best[m] / best[floorIndex]).ToString("F2", CultureInfo.InvariantCulture);
            output.AppendLine(CultureInfo.InvariantCulture,
                $"| {comparison} | {methods[m].Name} | {Format(best[m])} | {best[m] / best[0]:F2} | {vsFloor} |");
        }
    }

    private static string Format(double ns) => ns >= 10_000
        ? (ns / 1000).ToString("N1", CultureInfo.InvariantCulture) + " us"
        : ns.ToString("N0", CultureInfo.InvariantCulture) + " ns";
}
