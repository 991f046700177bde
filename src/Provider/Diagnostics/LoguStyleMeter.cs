using System.Diagnostics.Metrics;

namespace LoguStyle.Diagnostics;

/// <summary>
/// The <c>LoguStyle</c> meter (System.Diagnostics.Metrics), visible to <c>dotnet-counters monitor --counters LoguStyle</c>
/// and OpenTelemetry: per sink (tag <c>sink</c>), records written, dropped and failed, bytes written, and queue length.
/// Instruments are observable: the logging path only bumps the sink's own counters.
/// </summary>
internal static class LoguStyleMeter
{
    public const string Name = "LoguStyle";

    private static readonly Lock Gate = new();
    private static readonly List<(string Sink, SinkStats Stats, SinkErrorReporter Errors)> Sinks = [];

    private static readonly Meter Meter = CreateMeter();

    public static void Register(string sink, SinkStats stats, SinkErrorReporter errors)
    {
        lock (Gate)
        {
            Sinks.Add((sink, stats, errors));
        }
    }

    public static void Unregister(SinkStats stats)
    {
        lock (Gate)
        {
            Sinks.RemoveAll(entry => ReferenceEquals(entry.Stats, stats));
        }
    }

    private static Meter CreateMeter()
    {
        var meter = new Meter(Name, typeof(LoguStyleMeter).Assembly.GetName().Version?.ToString());
        meter.CreateObservableCounter("logustyle.records.written", () => Measure(e => e.Stats.Written), "{record}", "Records written by each sink.");
        meter.CreateObservableCounter("logustyle.records.dropped", () => Measure(e => e.Stats.Dropped), "{record}", "Records an enqueued sink dropped because its queue was full.");
        meter.CreateObservableCounter("logustyle.sink.errors", () => Measure(e => e.Errors.FailedRecords), "{record}", "Records a sink could not write.");
        meter.CreateObservableCounter("logustyle.bytes.written", () => Measure(e => e.Stats.Bytes), "By", "Bytes written by each sink.");
        meter.CreateObservableGauge("logustyle.queue.length", () => Measure(e => e.Stats.QueueLength?.Invoke() ?? 0), "{record}", "Records waiting in each enqueued sink's queue.");
        return meter;
    }

    private static List<Measurement<long>> Measure(Func<(string Sink, SinkStats Stats, SinkErrorReporter Errors), long> read)
    {
        lock (Gate)
        {
            return [.. Sinks.Select(entry => new Measurement<long>(read(entry), new KeyValuePair<string, object?>("sink", entry.Sink)))];
        }
    }
}
