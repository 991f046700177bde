using System.Globalization;
using LoguStyle.Diagnostics;

namespace LoguStyle.Pipeline;

/// <summary>
/// Scopes that could not be read (an enumeration or a <c>ToString</c> that throws), for one provider: the record is
/// still written, with a marker in the scope's place, so nothing is lost; the fault is counted once per record and
/// reported on stderr at most once a minute with the running count, as sink faults are.
/// </summary>
internal sealed class ScopeFaults
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _time;
    private readonly SinkErrorReporter _output;
    private readonly Lock _lock = new();
    private long _records;
    private DateTimeOffset _lastReport = DateTimeOffset.MinValue;

    public ScopeFaults(TimeProvider time, TextWriter? output)
    {
        _time = time;
        _output = new SinkErrorReporter("(scopes)", time, output);
    }

    /// <summary>The number of records written with a scope that could not be read.</summary>
    public long Records => Interlocked.Read(ref _records);

    public void RecordHadUnreadableScope(Exception error)
    {
        var records = Interlocked.Increment(ref _records);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (now - _lastReport < ReportInterval)
            {
                return;
            }

            _lastReport = now;
        }

        _output.Report(string.Create(
            CultureInfo.InvariantCulture,
            $"LoguStyle: could not read a scope: {error.GetType().Name}: {Formatting.SafeText.Read(() => error.Message)}; the record was written with a marker in its place ({records} record(s) so far)"));
    }
}
