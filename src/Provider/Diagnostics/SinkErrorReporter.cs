using System.Globalization;

namespace LoguStyle.Diagnostics;

/// <summary>
/// Where a sink's failures go instead of into the application: counted, and reported on stderr at most once a
/// minute per sink with the reason and the running count of records the sink could not write. The minute and the
/// count belong to the sink's name across reloads (<see cref="SinkReportHistory"/>); the count the meter reads is this
/// generation's (<see cref="FailedRecords"/>).
/// </summary>
internal sealed class SinkErrorReporter
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMinutes(1);

    private readonly string _sinkName;
    private readonly TimeProvider _time;
    private readonly TextWriter _output;

    // This generation's own count (the meter adds up the generations of a name, see SinkSeries).
    private long _failed;

    // Set by the sink's end (ReportUntold): a record that fails after it (the send a give-up left running ends later)
    // has no closing line to come, so it is told at once.
    private volatile bool _ended;

    // The minutes and the running count the lines show: the name's across reloads when the factory gives one (each kind
    // of fault that loses no record has its own minute, so one cannot hide another, nor a lost record's report).
    private readonly SinkReportHistory _history;

    public SinkErrorReporter(string sinkName, TimeProvider time, TextWriter? output = null, SinkReportHistory? history = null)
    {
        _sinkName = sinkName;
        _time = time;
        _output = output ?? Console.Error;
        _history = history ?? new SinkReportHistory();
    }

    /// <summary>The number of records this generation of the sink failed to write so far.</summary>
    public long FailedRecords => Volatile.Read(ref _failed);

    /// <summary>The number of records the sink's name failed to write so far, in every generation (what the lines count).</summary>
    public long FailedInAll => _history.Failed;

    /// <summary>Counts one record the sink could not write, for a caller that reports the loss itself, once.</summary>
    public void CountFailed()
    {
        Interlocked.Increment(ref _failed);
        _history.AddFailedTold(1);
    }

    /// <summary>Counts one record the sink could not write and reports the reason, rate-limited.</summary>
    public void RecordFailed(Exception error) => RecordFailed(error, records: 1);

    /// <summary>
    /// Counts <paramref name="records"/> records the sink could not write and reports the reason, rate-limited. Zero
    /// reports a failure that lost no logging call (an inner sink's failed flush or close, a sink's own lines about its
    /// drops that could not be written), in a line that says so.
    /// </summary>
    public void RecordFailed(Exception error, long records)
    {
        AddFailed(records);
        TellFailed(error, records);
    }

    /// <summary>Counts <paramref name="records"/> not written in this generation's count alone (the meter's); <see cref="TellFailed"/> tells them.</summary>
    internal void AddFailed(long records) => Interlocked.Add(ref _failed, records);

    /// <summary>
    /// The rest of <see cref="RecordFailed(Exception, long)"/> after <see cref="AddFailed"/>: the running count of the
    /// sink's name and its rate-limited line, for a caller that counts under a lock and writes stderr after leaving it.
    /// </summary>
    internal void TellFailed(Exception error, long records)
    {
        if (!TakeMinute(records, error, out var failed))
        {
            TellIfEnded();
            return;
        }

        // The running count ends every line, whatever lost: the lines add up to the records not written.
        var what = records == 0 ? "failed, losing no logging call by it" : "could not write a record";
        Report(string.Create(
            CultureInfo.InvariantCulture,
            $"LoguStyle: sink '{_sinkName}' {what}: {error.GetType().Name}: {error.Message} ({failed} record(s) not written so far)"));
    }

    /// <summary>
    /// Counts one fault of a record and reports it with a line of the caller's own, rate-limited as a failure:
    /// <paramref name="line"/> makes the line from the running count (a Patch enricher that threw, whose record was
    /// still written, must not be reported as a record lost; a removed sink's stand-in names the reload).
    /// </summary>
    public void CountAndReport(Func<long, string> line)
    {
        AddFailed(1);
        if (TakeMinute(1, null, out var count))
        {
            Report(line(count));
        }
        else
        {
            TellIfEnded();
        }
    }

    // A failure within the minute after a line, counted after the sink's end: told now, as the closing line would have.
    // (An outside test: a host stop gave up on a Syslog sink's send, which failed after dispose had told what failed
    // until then; the meter counted 5 not written, the lines 4.)
    private void TellIfEnded()
    {
        if (_ended)
        {
            ReportUntold();
        }
    }

    // Adds the records to the name's running count; true when the failure line may go out now (none in the minute
    // before), with that count.
    private bool TakeMinute(long records, Exception? error, out long failed) =>
        _history.AddFailedAndTakeMinute(records, error, _time.GetUtcNow(), ReportInterval, out failed);

    /// <summary>
    /// The sink's end (its provider's dispose, the process's exit): the records it could not write that no line has told
    /// yet (they failed within the minute after the last "could not write" line, which carries the count only to its
    /// moment) in one closing line with the running count, so the lines on stderr add up to every record not written, as
    /// the drop lines do. Once: a second call tells only what failed since, and a record that fails after the end (in a
    /// send a give-up left running) is told at once, since no closing line is left to come.
    /// </summary>
    public void ReportUntold()
    {
        // Set before the take: a failure counted after the take sees it and tells itself (TellIfEnded); one counted
        // between the two is taken by whichever comes first (TakeUntold takes atomically).
        _ended = true;
        ReportUntoldSoFar();
    }

    /// <summary>
    /// A signal's drain, after which the application may go on: the records the sink could not write that no line has
    /// told yet, in one line with the running count, as <see cref="ReportUntold"/> tells them, but without ending the
    /// sink: a record that fails later is counted under the usual minute, not told in a line of its own (a sink on a full
    /// disk would otherwise write one line a logging call for as long as the application lives).
    /// </summary>
    public void ReportUntoldSoFar()
    {
        if (_history.TakeUntold() is not { } untold)
        {
            return;
        }

        var reason = untold.LastError is { } error ? $"; the last: {error.GetType().Name}: {error.Message}" : string.Empty;
        Report(string.Create(
            CultureInfo.InvariantCulture,
            $"LoguStyle: sink '{_sinkName}' could not write {untold.Untold} more record(s) after its last line ({untold.Failed} not written in all{reason})"));
    }

    /// <summary>
    /// Reports a fault that has lost no record yet but fails the records that follow for the same reason (a file that
    /// cannot be opened at start-up): under the "could not write" line's minute, so the records failing right after are
    /// counted without a second line that says it again; the next "could not write" line, a minute on at the earliest,
    /// carries the running count.
    /// </summary>
    public void ReportFailureAhead(string line)
    {
        if (_history.TakeFailureMinute(_time.GetUtcNow(), ReportInterval))
        {
            Report($"LoguStyle: sink '{_sinkName}': {line}");
        }
    }

    /// <summary>
    /// Reports a write that failed and lost no record (a flush on a full disk: the records stay buffered, and the next
    /// record or flush writes them or is refused and counted), at most once a minute per sink and with a minute of its
    /// own, so it neither reads as a loss nor holds back the line of a record that is lost later.
    /// </summary>
    public void ReportKept(Exception error) =>
        Warn("kept", $"a write failed and lost nothing yet ({error.GetType().Name}: {error.Message}): the records stay buffered, and the next record or flush writes them");

    /// <summary>
    /// Reports a fault that lost no record (it may repeat with every record, as a rotation that cannot rename does) at
    /// most once a minute per <paramref name="kind"/>: <c>LoguStyle: sink 'name': </c> and <paramref name="line"/>.
    /// </summary>
    public void Warn(string kind, string line)
    {
        if (!_history.TakeWarningMinute(kind, _time.GetUtcNow(), ReportInterval))
        {
            return;
        }

        Report($"LoguStyle: sink '{_sinkName}': {line}");
    }

    /// <summary>Writes one line about this sink on stderr, swallowing a failure of stderr itself.</summary>
    public void Report(string line)
    {
        try
        {
            _output.WriteLine(line);
            _output.Flush();
        }
#pragma warning disable CA1031 // stderr itself may be closed; there is nowhere left to report to.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
