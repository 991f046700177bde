namespace LoguStyle.Diagnostics;

/// <summary>
/// The counts the meter publishes for one sink name of one provider. A reload replaces a sink with a new one of the
/// same name: the old one's final counts are kept here and added to the live ones, so the counters never go back.
/// </summary>
/// <remarks>Guarded by the meter's lock.</remarks>
internal sealed class SinkSeries
{
    private readonly List<(SinkStats Stats, SinkErrorReporter Errors)> _live = [];
    private long _written;
    private long _dropped;
    private long _failed;
    private long _bytes;
    private TimeProvider? _endClock;
    private long _endedAt;

    public SinkSeries(object owner, string name)
    {
        Owner = owner;
        Name = name;
    }

    /// <summary>The provider whose sink this is.</summary>
    public object Owner { get; }

    public string Name { get; }

    public bool HasLive => _live.Count > 0;

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

    public long Written => _written + _live.Sum(sink => sink.Stats.Written);

    public long Dropped => _dropped + _live.Sum(sink => sink.Stats.Dropped);

    public long Failed => _failed + _live.Sum(sink => sink.Errors.FailedRecords);

    public long Bytes => _bytes + _live.Sum(sink => sink.Stats.Bytes);

    public long QueueLength => _live.Sum(sink => (long)(sink.Stats.QueueLength?.Invoke() ?? 0));

    public void Add(SinkStats stats, SinkErrorReporter errors) => _live.Add((stats, errors));

    /// <summary>Keeps the final counts of a sink that is disposed; false when it is not one of this series.</summary>
    public bool Retire(SinkStats stats)
    {
        var index = _live.FindIndex(sink => ReferenceEquals(sink.Stats, stats));
        if (index < 0)
        {
            return false;
        }

        var (_, errors) = _live[index];
        _written += stats.Written;
        _dropped += stats.Dropped;
        _failed += errors.FailedRecords;
        _bytes += stats.Bytes;
        _live.RemoveAt(index);
        return true;
    }
}
