using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace ActivityCore.Tests.Shell.Worker;

/// <summary>Sums the measurements of one worker's meter by instrument name.</summary>
internal sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, double> sums = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public MeterRecorder(Meter meter)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => Add(i.Name, v));
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => Add(i.Name, v));
        listener.Start();
    }

    public long this[string name] => (long)sums.GetValueOrDefault(name);

    public long Count(string name) => counts.GetValueOrDefault(name);

    public void Dispose() => listener.Dispose();

    private void Add(string name, double value)
    {
        sums.AddOrUpdate(name, value, (_, s) => s + value);
        counts.AddOrUpdate(name, 1, (_, c) => c + 1);
    }
}
