using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Linq;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>A finished span as an exporter would see it.</summary>
internal sealed record CapturedSpan(string Source, string OperationName, IReadOnlyDictionary<string, string> Tags, IReadOnlyList<string> Texts);

/// <summary>One measurement as an exporter would see it: the instrument, the value, the tags.</summary>
internal sealed record CapturedMeasurement(string Meter, string Instrument, string Value, IReadOnlyList<KeyValuePair<string, string>> Tags)
{
    public IEnumerable<string> Texts() =>
        new[] { Meter, Instrument, Value }.Concat(Tags.SelectMany(t => new[] { t.Key, t.Value }));
}

/// <summary>
/// Records every span of the sources named <c>ActivityCore*</c> (sampled with all data: tags, events, links,
/// status, baggage) and every measurement of every meter in the process, with its tags. Process-wide while alive.
/// </summary>
internal sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener spans;
    private readonly MeterListener meters = new();

    public TelemetryCapture()
    {
        spans = new ActivityListener
        {
            ShouldListenTo = static s => s.Name.StartsWith("ActivityCore", StringComparison.Ordinal),
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            SampleUsingParentId = static (ref ActivityCreationOptions<string> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => Spans.Enqueue(Capture(a)),
        };
        ActivitySource.AddActivityListener(spans);

        meters.InstrumentPublished = (instrument, l) =>
        {
            Instruments.Enqueue($"{instrument.Meter.Name} {instrument.Name} {instrument.Unit} {instrument.Description}");
            l.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<byte>((i, v, t, _) => Record(i, v, t));
        meters.SetMeasurementEventCallback<short>((i, v, t, _) => Record(i, v, t));
        meters.SetMeasurementEventCallback<int>((i, v, t, _) => Record(i, v, t));
        meters.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        meters.SetMeasurementEventCallback<float>((i, v, t, _) => Record(i, v, t));
        meters.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        meters.SetMeasurementEventCallback<decimal>((i, v, t, _) => Record(i, v, t));
        meters.Start();
    }

    public ConcurrentQueue<CapturedSpan> Spans { get; } = new();

    public ConcurrentQueue<CapturedMeasurement> Measurements { get; } = new();

    /// <summary>Name, unit and description of every instrument published.</summary>
    public ConcurrentQueue<string> Instruments { get; } = new();

    /// <summary>Reads the observable instruments once (none today; a future gauge would be covered).</summary>
    public void Collect() => meters.RecordObservableInstruments();

    public void Dispose()
    {
        spans.Dispose();
        meters.Dispose();
    }

    private static CapturedSpan Capture(Activity a)
    {
        var texts = new List<string> { a.Source.Name, a.OperationName, a.DisplayName, a.StatusDescription ?? string.Empty, a.TraceStateString ?? string.Empty };
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in a.TagObjects)
        {
            tags[key] = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            texts.Add(key);
            texts.Add(tags[key]);
        }

        foreach (var e in a.Events)
        {
            texts.Add(e.Name);
            foreach (var (key, value) in e.Tags)
            {
                texts.Add(key);
                texts.Add(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }

        foreach (var link in a.Links)
        {
            foreach (var (key, value) in link.Tags ?? [])
            {
                texts.Add(key);
                texts.Add(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }

        foreach (var (key, value) in a.Baggage)
        {
            texts.Add(key);
            texts.Add(value ?? string.Empty);
        }

        return new CapturedSpan(a.Source.Name, a.OperationName, tags, texts);
    }

    private void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct
    {
        var copied = new KeyValuePair<string, string>[tags.Length];
        for (int i = 0; i < tags.Length; i++)
        {
            copied[i] = new(tags[i].Key, Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? string.Empty);
        }

        Measurements.Enqueue(new CapturedMeasurement(instrument.Meter.Name, instrument.Name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty, copied));
    }
}
