using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace LoguStyle.Diagnostics;

/// <summary>
/// What a sink's stderr lines remember, kept per sink name of one provider across reloads (as the meter's
/// <see cref="SinkSeries"/> keeps its counts): the minute of the "could not write" line, the minute of each kind of
/// warning, and the running count of records not written. A reload builds each sink anew; with this on the sink object,
/// every reload of a failing sink wrote a new line restarting the count (10 edits in 10 s: 10 lines saying 1, the meter 1,000).
/// </summary>
internal sealed class SinkReportHistory
{
    // Keyed by the provider (the factory's owner) without keeping it alive; per name within it.
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, SinkReportHistory>> Owners = [];

    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _lastWarnings = new(StringComparer.Ordinal);
    private long _failed;
    private DateTimeOffset _lastFailure = DateTimeOffset.MinValue;

    // Under _lock: the records counted not written since the last "could not write" line (whose running count told every
    // one before it), and the last failure's exception, for the closing line (TakeUntold).
    private long _untold;
    private Exception? _lastError;

    /// <summary>The history of sink <paramref name="name"/> of <paramref name="owner"/>: the same object for every generation.</summary>
    public static SinkReportHistory For(object owner, string name) =>
        Owners.GetValue(owner, _ => new(StringComparer.Ordinal)).GetOrAdd(name, _ => new());

    /// <summary>
    /// Counts <paramref name="records"/> not written that the caller tells in a line of its own; returns the running count
    /// of every generation.
    /// </summary>
    public long AddFailedTold(long records) => Interlocked.Add(ref _failed, records);

    /// <summary>The running count of records not written, of every generation.</summary>
    public long Failed => Volatile.Read(ref _failed);

    /// <summary>
    /// Counts <paramref name="records"/> not written (<paramref name="error"/> the reason, when there is one) and takes
    /// the "could not write" line's minute when it is free at <paramref name="now"/>: true when the line may go out now,
    /// with <paramref name="failed"/> the running count it shows, which tells every record counted before it.
    /// </summary>
    public bool AddFailedAndTakeMinute(long records, Exception? error, DateTimeOffset now, TimeSpan interval, out long failed)
    {
        lock (_lock)
        {
            failed = Interlocked.Add(ref _failed, records);
            _lastError = error ?? _lastError;
            if (now - _lastFailure < interval)
            {
                _untold += records;
                return false;
            }

            _lastFailure = now;
            _untold = 0;
            return true;
        }
    }

    /// <summary>
    /// The records counted not written that no line has told yet (failures within the minute after a "could not write"
    /// line), with the running count and the last reason; taken, so the next call returns none until more fail. Null
    /// when every one was told.
    /// </summary>
    public (long Untold, long Failed, Exception? LastError)? TakeUntold()
    {
        lock (_lock)
        {
            if (_untold == 0)
            {
                return null;
            }

            var untold = _untold;
            _untold = 0;
            return (untold, Volatile.Read(ref _failed), _lastError);
        }
    }

    /// <summary>True when the "could not write" line may go out at <paramref name="now"/> (none in the minute before); takes the minute.</summary>
    public bool TakeFailureMinute(DateTimeOffset now, TimeSpan interval)
    {
        lock (_lock)
        {
            if (now - _lastFailure < interval)
            {
                return false;
            }

            _lastFailure = now;
            return true;
        }
    }

    /// <summary>True when a warning of <paramref name="kind"/> may go out at <paramref name="now"/>; takes that kind's minute.</summary>
    public bool TakeWarningMinute(string kind, DateTimeOffset now, TimeSpan interval)
    {
        lock (_lock)
        {
            if (_lastWarnings.TryGetValue(kind, out var last) && now - last < interval)
            {
                return false;
            }

            _lastWarnings[kind] = now;
            return true;
        }
    }
}
