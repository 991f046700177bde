namespace LoguStyle.Diagnostics;

/// <summary>
/// The counts the meter publishes for one sink name of one provider. A reload replaces a sink with a new one of the
/// same name: the old one's final counts are kept here and added to the live ones, so the counters never go back.
/// </summary>
/// <remarks>Guarded by the meter's lock.</remarks>
internal sealed class SinkSeries
{
    private readonly List<(SinkStats Stats, SinkErrorReporter Errors)> _live = [];

    // Disposed sinks that may still count (see SinkStats.Settled): read live until they settle, then folded in. Without
    // this the record a stuck sink wrote after a give-up never reached the meter (written 0 + dropped 12 of 13 logged).
    private readonly List<(SinkStats Stats, SinkErrorReporter Errors)> _settling = [];
    private long _written;
    private long _dropped;
    private long _failed;
    private long _bytes;
    private TimeProvider? _endClock;
    private long _endedAt;

    public SinkSeries(object owner, string provider, string name)
    {
        Owner = owner;
        Provider = provider;
        Name = name;
    }

    /// <summary>The provider whose sink this is.</summary>
    public object Owner { get; }

    /// <summary>That provider's number in the process (<see cref="LoguStyleMeter.ProviderTag"/>).</summary>
    public string Provider { get; }

    public string Name { get; }

    /// <summary>True once the provider was disposed: the counts are final.</summary>
    public bool HasEnded => _endClock is not null;

    /// <summary>The provider was disposed (see <see cref="LoguStyleMeter.Linger"/>).</summary>
    public void End(TimeProvider time)
    {
        _endClock = time;
        _endedAt = time.GetTimestamp();
    }

    /// <summary>True when the provider was disposed at least <paramref name="linger"/> ago.</summary>
    public bool HasEndedFor(TimeSpan linger) => _endClock is { } clock && clock.GetElapsedTime(_endedAt) >= linger;

    public long Written => _written + Open.Sum(sink => sink.Stats.Written);

    public long Dropped => _dropped + Open.Sum(sink => sink.Stats.Dropped);

    public long Failed => _failed + Open.Sum(sink => sink.Errors.FailedRecords);

    public long Bytes => _bytes + Open.Sum(sink => sink.Stats.Bytes);

    /// <summary>The records queued in the live sinks; 0 once the provider was disposed (what was left is counted as dropped).</summary>
    public long QueueLength => HasEnded ? 0 : _live.Sum(sink => (long)(sink.Stats.QueueLength?.Invoke() ?? 0));

    // The sinks whose counts are still read live: those in use, and disposed ones not yet settled.
    private IEnumerable<(SinkStats Stats, SinkErrorReporter Errors)> Open => _live.Concat(_settling);

    public void Add(SinkStats stats, SinkErrorReporter errors) => _live.Add((stats, errors));

    /// <summary>Keeps the final counts of a sink that is disposed; false when it is not one of this series.</summary>
    public bool Retire(SinkStats stats)
    {
        var index = _live.FindIndex(sink => ReferenceEquals(sink.Stats, stats));
        if (index < 0)
        {
            return false;
        }

        var entry = _live[index];
        _live.RemoveAt(index);
        _settling.Add(entry);
        Settle();
        return true;
    }

    /// <summary>Folds the final counts of disposed sinks that can no longer count into this series' own.</summary>
    public void Settle()
    {
        for (var i = _settling.Count - 1; i >= 0; i--)
        {
            var (stats, errors) = _settling[i];
            if (stats.Settled is { } settled && !settled())
            {
                continue;
            }

            _written += stats.Written;
            _dropped += stats.Dropped;
            _failed += errors.FailedRecords;
            _bytes += stats.Bytes;
            _settling.RemoveAt(i);
        }
    }
}
