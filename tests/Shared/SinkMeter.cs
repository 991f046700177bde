using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace LoguStyle.Testing;

/// <summary>
/// (Shared by the test projects.) Listens to the <c>LoguStyle</c> meter and reads one instrument's last value for one sink
/// (of any provider: name the sink apart from other tests'), or its value for each provider that has a sink of that name.
/// </summary>
internal sealed class SinkMeter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(string Instrument, string Sink), long> _values = new();
    private readonly ConcurrentDictionary<(string Instrument, string Sink, string Provider), long> _byProvider = new();

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
            string? sink = null;
            string? provider = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "sink" && tag.Value is string name)
                {
                    sink = name;
                }
                else if (tag.Key == "logustyle.provider" && tag.Value is string number)
                {
                    provider = number;
                }
            }

            if (sink is not null)
            {
                _values[(instrument.Name, sink)] = value;
                _byProvider[(instrument.Name, sink, provider ?? string.Empty)] = value;
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

    /// <summary>Observes the instruments now and returns <paramref name="instrument"/>'s value for <paramref name="sink"/> by provider tag.</summary>
    public IReadOnlyDictionary<string, long> ReadByProvider(string instrument, string sink)
    {
        _listener.RecordObservableInstruments();
        return _byProvider.Where(pair => pair.Key.Instrument == instrument && pair.Key.Sink == sink).ToDictionary(pair => pair.Key.Provider, pair => pair.Value);
    }

    public void Dispose() => _listener.Dispose();
}
