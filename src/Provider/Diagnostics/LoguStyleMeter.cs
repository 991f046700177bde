using System.Diagnostics.Metrics;

namespace LoguStyle.Diagnostics;

/// <summary>
/// The <c>LoguStyle</c> meter (System.Diagnostics.Metrics), visible to <c>dotnet-counters monitor --counters LoguStyle</c>
/// and OpenTelemetry: per sink (tag <c>sink</c>, and <c>logustyle.provider</c>: which provider of the process, numbered
/// from 1 in the order they published), records written, dropped and failed, bytes written, and queue length.
/// Instruments are observable: the logging path only bumps the sink's own counters. The counters are monotonic for
/// the life of the provider: a sink a reload replaces hands its counts on to its successor of the same name
/// (<see cref="SinkSeries"/>). A disposed provider's series are still published, with their final counts, for
/// <see cref="Linger"/>, then end.
/// </summary>
internal static class LoguStyleMeter
{
    public const string Name = "LoguStyle";

    /// <summary>
    /// The tag that tells the providers of one process apart: two providers with a sink of the same name (an audit
    /// logger beside the host's, a test suite's) published two series under one <c>sink</c> tag, and a listener kept
    /// whichever it read last.
    /// </summary>
    public const string ProviderTag = "logustyle.provider";

    /// <summary>
    /// How long a disposed provider's series are still published. Listeners poll (dotnet-counters every second,
    /// OpenTelemetry's periodic reader every minute by default): a series that ended at dispose was gone before any poll
    /// could see the counts dispose itself added (what a dispose that gives up drops, issue 15), so the last value a
    /// listener saw was short of the loss reported on stderr. Kept a while, each listener's next poll reads the final counts.
    /// </summary>
    internal static readonly TimeSpan Linger = TimeSpan.FromMinutes(2);

    // Ended series kept at most, the oldest ended let go first: a process that builds and disposes providers in a loop
    // does not grow the list (a series is a few hundred bytes). Large enough that providers disposed side by side (a
    // test suite's, a server's per-tenant ones) do not push out a series its listener has yet to read after a dispose.
    private const int MaxEnded = 4096;

    private static readonly Lock Gate = new();
    private static readonly List<SinkSeries> Series = [];

    private static readonly Meter Meter = CreateMeter();

    // Each provider's number (ProviderTag), given when it first publishes; the last one given (under Gate).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, string> ProviderNumbers = [];
    private static long _lastProviderNumber;

    /// <summary>The <see cref="ProviderTag"/> value of <paramref name="owner"/>'s series; null before it published any.</summary>
    public static string? ProviderNumber(object owner)
    {
        lock (Gate)
        {
            return ProviderNumbers.TryGetValue(owner, out var number) ? number : null;
        }
    }

    public static void Register(object owner, string sink, SinkStats stats, SinkErrorReporter errors)
    {
        lock (Gate)
        {
            var series = Series.Find(s => ReferenceEquals(s.Owner, owner) && s.Name.Equals(sink, StringComparison.Ordinal));
            if (series is null)
            {
                var number = ProviderNumbers.GetValue(owner, _ => (++_lastProviderNumber).ToString(System.Globalization.CultureInfo.InvariantCulture));
                series = new SinkSeries(owner, number, sink);
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

    /// <summary>A disposed provider: its series keep their final counts and end after <see cref="Linger"/> on <paramref name="time"/>.</summary>
    public static void Forget(object owner, TimeProvider time)
    {
        lock (Gate)
        {
            foreach (var series in Series.Where(series => ReferenceEquals(series.Owner, owner)))
            {
                series.End(time);
            }

            var ended = Series.Count(series => series.HasEnded);
            Series.RemoveAll(series => series.HasEnded && ended-- > MaxEnded);
        }
    }

    private static Meter CreateMeter()
    {
        var meter = new Meter(Name, typeof(LoguStyleMeter).Assembly.GetName().Version?.ToString());
        meter.CreateObservableCounter("logustyle.records.written", () => Measure(s => s.Written), "{record}", "Records written by each sink.");
        meter.CreateObservableCounter("logustyle.records.dropped", () => Measure(s => s.Dropped), "{record}", "Records an enqueued sink dropped because its queue was full.");
        meter.CreateObservableCounter("logustyle.sink.errors", () => Measure(s => s.Failed), "{record}", "Records a sink could not write.");
        meter.CreateObservableCounter("logustyle.bytes.written", () => Measure(s => s.Bytes), "By", "Bytes written by each sink.");
        meter.CreateObservableGauge("logustyle.queue.length", () => Measure(s => s.QueueLength), "{record}", "Records waiting in each enqueued sink's queue.");
        return meter;
    }

    // Every series still published, the queue length too: an ended series reads 0 there (its queue is gone and what
    // was left is counted as dropped); left out, a listener kept the last value it saw (4 after a give-up).
    private static List<Measurement<long>> Measure(Func<SinkSeries, long> read)
    {
        lock (Gate)
        {
            Series.RemoveAll(series => series.HasEndedFor(Linger));
            foreach (var series in Series)
            {
                series.Settle();
            }

            return [.. Series.Select(series => new Measurement<long>(
                read(series),
                new KeyValuePair<string, object?>("sink", series.Name),
                new KeyValuePair<string, object?>(ProviderTag, series.Provider)))];
        }
    }
}
