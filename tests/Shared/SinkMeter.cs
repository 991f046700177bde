using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace LoguStyle.Testing;

/// <summary>(Shared by the test projects.) Listens to the <c>LoguStyle</c> meter and reads one instrument's last value for one sink.</summary>
internal sealed class SinkMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Sink), long> _values = new();

    public SinkMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "LoguStyle")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "sink" && tag.Value is string sink)
                {
                    _values[(instrument.Name, sink)] = value;
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Observes the instruments now and returns <paramref name="instrument"/>'s value for <paramref name="sink"/>.</summary>
    public long Read(string instrument, string sink)
    {
        _listener.RecordObservableInstruments();
        return _values.TryGetValue((instrument, sink), out var value) ? value : 0;
    }

    public void Dispose() => _listener.Dispose();
}
