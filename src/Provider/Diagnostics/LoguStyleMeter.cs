using System.Diagnostics.Metrics;

namespace LoguStyle.Diagnostics;

/// <summary>
/// The <c>LoguStyle</c> meter (System.Diagnostics.Metrics), visible to <c>dotnet-counters monitor --counters LoguStyle</c>
/// and OpenTelemetry: per sink (tag <c>sink</c>), records written, dropped and failed, bytes written, and queue length.
/// Instruments are observable: the logging path only bumps the sink's own counters. The counters are monotonic for
/// the life of the provider: a sink a reload replaces hands its counts on to its successor of the same name
/// (<see cref="SinkSeries"/>); a provider's series end when it is disposed.
/// </summary>
internal static class LoguStyleMeter
{
    public const string Name = "LoguStyle";

    private static readonly Lock Gate = new();
    private static readonly List<SinkSeries> Series = [];

    private static readonly Meter Meter = CreateMeter();

    public static void Register(object owner, string sink, SinkStats stats, SinkErrorReporter errors)
    {
        lock (Gate)
        {
            var series = Series.Find(s => ReferenceEquals(s.Owner, owner) && s.Name.Equals(sink, StringComparison.Ordinal));
            if (series is null)
            {
                series = new SinkSeries(owner, sink);
                Series.Add(series);
            }

            series.Add(stats, errors);
        }
    }

    /// <summary>A disposed sink: its final counts stay in its series.</summary>
    public static void Unregister(SinkStats stats)
    {
        lock (Gate)
        {
            foreach (var series in Series)
            {
                if (series.Retire(stats))
                {
                    return;
                }
            }
        }
    }

    /// <summary>A disposed provider: its series are no longer published.</summary>
    public static void Forget(object owner)
    {
        lock (Gate)
        {
            Series.RemoveAll(series => ReferenceEquals(series.Owner, owner));
        }
    }

    private static Meter CreateMeter()
    {
        var meter = new Meter(Name, typeof(LoguStyleMeter).Assembly.GetName().Version?.ToString());
        meter.CreateObservableCounter("logustyle.records.written", () => Measure(s => s.Written), "{record}", "Records written by each sink.");
        meter.CreateObservableCounter("logustyle.records.dropped", () => Measure(s => s.Dropped), "{record}", "Records an enqueued sink dropped because its queue was full.");
        meter.CreateObservableCounter("logustyle.sink.errors", () => Measure(s => s.Failed), "{record}", "Records a sink could not write.");
        meter.CreateObservableCounter("logustyle.bytes.written", () => Measure(s => s.Bytes), "By", "Bytes written by each sink.");
        meter.CreateObservableGauge("logustyle.queue.length", () => Measure(s => s.QueueLength, liveOnly: true), "{record}", "Records waiting in each enqueued sink's queue.");
        return meter;
    }

    private static List<Measurement<long>> Measure(Func<SinkSeries, long> read, bool liveOnly = false)
    {
        lock (Gate)
        {
            return [.. Series
                .Where(series => !liveOnly || series.HasLive)
                .Select(series => new Measurement<long>(read(series), new KeyValuePair<string, object?>("sink", series.Name)))];
        }
    }
}
