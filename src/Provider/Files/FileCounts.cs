using LoguStyle.Diagnostics;

namespace LoguStyle.Files;

/// <summary>
/// Where a file's records are counted written and its losses not written: the newest sink generation that holds the
/// file. A reload builds a sink's new generation before it retires the old one, and both share one file
/// (<see cref="LogFileRegistry"/>): records the old one buffered, or put into a shared file's batch, reach the operating
/// system (or fail) after it was retired and the meter had folded its counts. Counted to it, they never reached the
/// meter (an outside test: after reloads, written short of the file by up to 54 records, errors short of stderr by up to
/// 7,473). The meter adds up the generations of a sink's name (<see cref="SinkSeries"/>), so counting them to the newest
/// keeps the sum right. (A reload that renames a sink and keeps its path counts the old name's last records to the new.)
/// </summary>
/// <remarks>
/// Each count is made under a lock of this object's own, which a generation's release takes too (in the registry's
/// order of the leases, <see cref="LogFileRegistry.Release"/>): once <see cref="Leave"/> returns no count goes to that
/// generation, and the meter retires it only after (its sink's dispose releases the lease first). Counts come once a
/// buffer (64 KiB) or batch, once a record only where each record is written on its own (AutoFlush, the exit, a record
/// larger than the buffer), beside a <c>write</c> call; a failure's line is written after the lock. Not the file's lock,
/// which a write that never returns may hold for ever.
/// </remarks>
internal sealed class FileCounts
{
    private readonly Lock _gate = new();
    // The generations holding a lease, oldest first: the last is the one counted to.
    private readonly List<(SinkStats Stats, SinkErrorReporter Errors)> _holders = [];

    // The last holder's reporter, also read without the lock (for lines that count nothing).
    private volatile SinkErrorReporter _errors;

    public FileCounts(SinkStats stats, SinkErrorReporter errors)
    {
        _holders.Add((stats, errors));
        _errors = errors;
    }

    /// <summary>The reporter of the newest generation, for lines that count nothing.</summary>
    public SinkErrorReporter Errors => _errors;

    /// <summary>Counts <paramref name="calls"/> logging calls written, in <paramref name="bytes"/> bytes with the sink's own lines.</summary>
    public void AddWritten(long calls, long bytes)
    {
        lock (_gate)
        {
            _holders[^1].Stats.AddWrittenShared(calls, bytes);
        }
    }

    /// <summary>
    /// Counts <paramref name="records"/> records not written and reports why (<see cref="SinkErrorReporter.RecordFailed(Exception, long)"/>):
    /// counted under the lock, the line written after it, so a stderr that blocks holds up no release of a lease.
    /// </summary>
    public void RecordFailed(Exception error, long records = 1)
    {
        SinkErrorReporter errors;
        lock (_gate)
        {
            errors = _errors;
            errors.AddFailed(records);
        }

        errors.TellFailed(error, records);
    }

    /// <summary>A newer generation took a lease on the file: counts go to it from now on.</summary>
    public void Join(SinkStats stats, SinkErrorReporter errors)
    {
        lock (_gate)
        {
            _holders.Add((stats, errors));
            _errors = errors;
        }
    }

    /// <summary>
    /// A generation released its lease: counts go to the newest one left. The last holder stays (the file's close,
    /// which comes next, counts to it).
    /// </summary>
    public void Leave(SinkStats stats)
    {
        lock (_gate)
        {
            var index = _holders.FindIndex(holder => ReferenceEquals(holder.Stats, stats));
            if (index < 0 || _holders.Count == 1)
            {
                return;
            }

            _holders.RemoveAt(index);
            _errors = _holders[^1].Errors;
        }
    }
}
