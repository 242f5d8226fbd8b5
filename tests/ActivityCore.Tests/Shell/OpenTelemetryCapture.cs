using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using ActivityCore.Worker;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ActivityCore.Tests.Shell;

/// <summary>
/// The real OpenTelemetry SDK, as an application configures it: a tracer provider for the client's and the worker's
/// sources (and <see cref="TestSource"/>, to give a test's calls a trace of their own) and a meter provider for the
/// worker's meter, both exporting to memory. Process-wide while alive: filter what it saw by trace or by tag.
/// </summary>
internal sealed class OpenTelemetryCapture : IDisposable
{
    /// <summary>A source of the tests' own: a test opens a span on it so that the spans of its calls share a trace.</summary>
    public static readonly ActivitySource TestSource = new("ActivityCore.Tests.Telemetry");

    private readonly List<Activity> spans = [];
    private readonly List<MetricSnapshot> metrics = [];
    private readonly TracerProvider tracer;
    private readonly MeterProvider meter;

    public OpenTelemetryCapture()
    {
        tracer = Sdk.CreateTracerProviderBuilder()
            .AddSource(ClientTelemetry.ActivitySourceName, WorkerTelemetry.ActivitySourceName, TestSource.Name)
            .AddInMemoryExporter(spans)
            .Build();
        meter = Sdk.CreateMeterProviderBuilder()
            .AddMeter(WorkerTelemetry.MeterName)
            .AddInMemoryExporter(metrics)
            .Build();
    }

    /// <summary>The spans exported so far (a copy).</summary>
    public IReadOnlyList<Activity> Spans
    {
        get
        {
            tracer.ForceFlush();
            lock (spans)
            {
                return spans.ToArray();
            }
        }
    }

    /// <summary>The spans of one trace.</summary>
    public IReadOnlyList<Activity> SpansOf(ActivityTraceId trace) => Spans.Where(s => s.TraceId == trace).ToArray();

    /// <summary>Collects the metrics now (the asynchronous instruments are read) and answers this collection's snapshots.</summary>
    public IReadOnlyList<MetricSnapshot> CollectMetrics()
    {
        lock (metrics)
        {
            metrics.Clear();
        }

        meter.ForceFlush();
        lock (metrics)
        {
            return metrics.ToArray();
        }
    }

    /// <summary>The sum (or last value) of a metric's point whose tag <paramref name="tagKey"/> is <paramref name="tagValue"/>, if there is one.</summary>
    public static double? PointOf(IEnumerable<MetricSnapshot> snapshots, string name, string tagKey, string tagValue)
    {
        foreach (var snapshot in snapshots.Where(m => m.Name == name))
        {
            foreach (var point in snapshot.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == tagKey && Convert.ToString(tag.Value, CultureInfo.InvariantCulture) == tagValue)
                    {
                        return snapshot.MetricType switch
                        {
                            MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong(),
                            MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble(),
                            MetricType.LongGauge => point.GetGaugeLastValueLong(),
                            MetricType.DoubleGauge => point.GetGaugeLastValueDouble(),
                            _ => point.GetHistogramCount(),
                        };
                    }
                }
            }
        }

        return null;
    }

    public void Dispose()
    {
        tracer.Dispose();
        meter.Dispose();
    }
}
