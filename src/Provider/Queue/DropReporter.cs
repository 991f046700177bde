using System.Globalization;

namespace LoguStyle.Queue;

/// <summary>
/// Says that a queue dropped records: in the sink itself at most once a second, on stderr at most once a minute, each
/// with the number dropped since its own last report. Callers only count; the writer reports, between records.
/// Under sustained overload a report per record would be most of what the sink writes. At close (and at exit) the drops
/// the minute has not let onto stderr yet are reported in one last line with the total (<see cref="Pending"/>): a
/// process that lives seconds would otherwise show only its first line, which told 4,786 of 897,000 records lost.
/// </summary>
internal sealed class DropReporter
{
    private static readonly TimeSpan InBandInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan StderrInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private long _dropped;
    private long _firstDropTicks;

    // Of _dropped: the records a close that gave up found still queued (see CountGivenUp).
    private long _givenUp;

    // The writer's own state; the stderr half also the closing thread's, under the lock (see Pending).
    private readonly Lock _stderrLock = new();
    private long _inBandReported;
    private long _stderrReported;
    private DateTimeOffset _lastInBand = DateTimeOffset.MinValue;
    private DateTimeOffset _lastStderr = DateTimeOffset.MinValue;
    private DateTimeOffset _inBandSince;
    private DateTimeOffset _stderrSince;

    public DropReporter(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>
    /// What the full queue is, when it is one of a sink's several (a Syslog sink's connection: "connection 2 of 4: 2500
    /// of the sink's 10000 records"): the line names the sink, so the queue's own capacity alone read as the sink's.
    /// </summary>
    public string? Share { get; set; }

    /// <summary>A caller dropped a record.</summary>
    public void Count()
    {
        if (Interlocked.Increment(ref _dropped) == 1)
        {
            Interlocked.Exchange(ref _firstDropTicks, _time.GetUtcNow().UtcTicks);
        }
    }

    /// <summary>
    /// A close gave up and counted <paramref name="records"/> still queued as dropped: they join the drops the stderr
    /// lines add up, so the last line's total is the sink's whole count of dropped records (the meter's).
    /// </summary>
    public void CountGivenUp(long records)
    {
        if (records <= 0)
        {
            return;
        }

        Interlocked.Add(ref _givenUp, records);
        if (Interlocked.Add(ref _dropped, records) == records)
        {
            Interlocked.Exchange(ref _firstDropTicks, _time.GetUtcNow().UtcTicks);
        }
    }

    // Records the writer lets pass before it looks at the clock again, after a look that found no report due: under
    // sustained drops a look per record would read the clock per record.
    private int _skip;

    /// <summary>
    /// True when drops may wait for the in-band report (writer only, before each record: two plain reads, and a look at
    /// the clock at most once every 64 records while a report is not due).
    /// </summary>
    public bool HasNewsForSink => Volatile.Read(ref _dropped) > _inBandReported && --_skip < 0;

    /// <summary>True when drops wait for either report (writer only, once per batch).</summary>
    public bool HasNews => Volatile.Read(ref _dropped) > Math.Min(_inBandReported, _stderrReported);

    /// <summary>
    /// The reports due now (writer only): the line for the sink and the line for stderr, each null when not due.
    /// </summary>
    public (string? InBand, string? Stderr) Due(string sink, int capacity, QueueFullMode mode)
    {
        var dropped = Volatile.Read(ref _dropped);
        var now = _time.GetUtcNow();
        var first = new DateTimeOffset(Volatile.Read(ref _firstDropTicks), TimeSpan.Zero);
        if (_inBandReported == 0)
        {
            _inBandSince = first;
        }

        string? inBand = null;
        if (dropped > _inBandReported && now - _lastInBand >= InBandInterval)
        {
            inBand = Line(sink, dropped - _inBandReported, _inBandSince, capacity, mode);
            _inBandReported = dropped;
            _lastInBand = now;
            _inBandSince = now;
        }

        string? stderr = null;
        lock (_stderrLock)
        {
            if (dropped > _stderrReported && now - _lastStderr >= StderrInterval)
            {
                stderr = Line(sink, dropped - _stderrReported, StderrSince(first), capacity, mode);
                _stderrReported = dropped;
                _lastStderr = now;
                _stderrSince = now;
            }
        }

        _skip = inBand is null ? 63 : 0;
        return (inBand, stderr);
    }

    /// <summary>
    /// The queue closes (or the process exits): the drops not on stderr yet, in one line with the total so far, whatever
    /// the minute says; null when stderr has told them all. Any thread (the writer may still be in the sink). The
    /// "dropped N records" lines of a sink add up to its dropped records; this last one's "in all" is that total.
    /// </summary>
    public string? Pending(string sink, int capacity, QueueFullMode mode)
    {
        lock (_stderrLock)
        {
            var dropped = Volatile.Read(ref _dropped);
            if (dropped <= _stderrReported)
            {
                return null;
            }

            // The records the give-up counted are the last drops, all in this line: when they are all it tells, the
            // reason is the give-up, not a full queue (a queue holding 3 of 10,000 records said "queue full").
            var givenUp = Volatile.Read(ref _givenUp);
            var reason = dropped - _stderrReported <= givenUp ? "queue given up" : "queue full";
            var line = Line(sink, dropped - _stderrReported, StderrSince(new DateTimeOffset(Volatile.Read(ref _firstDropTicks), TimeSpan.Zero)), capacity, mode, reason);
            _stderrReported = dropped;
            _lastStderr = _time.GetUtcNow();
            _stderrSince = _lastStderr;
            return givenUp > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{line}; {dropped} dropped in all, {givenUp} of them still queued when the queue gave up")
                : string.Create(CultureInfo.InvariantCulture, $"{line}; {dropped} dropped in all");
        }
    }

    // Under _stderrLock: the first report counts from the first drop.
    // (A drop counted an instant ago may not have written its time yet: then now.)
    private DateTimeOffset StderrSince(DateTimeOffset first) =>
        _stderrReported != 0 ? _stderrSince : first.UtcTicks != 0 ? first : _time.GetUtcNow();

    private string Line(string sink, long dropped, DateTimeOffset since, int capacity, QueueFullMode mode, string reason = "queue full") => string.Create(
        CultureInfo.InvariantCulture,
        $"LoguStyle dropped {dropped} records from sink '{sink}' since {TimeZoneInfo.ConvertTime(since, _time.LocalTimeZone):yyyy-MM-dd HH:mm:ss.fff zzz} ({reason}, {Share ?? string.Create(CultureInfo.InvariantCulture, $"{capacity} records")}, {mode})");
}
