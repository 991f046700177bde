using System.Globalization;
using LoguStyle.Diagnostics;

namespace LoguStyle.Sinks;

/// <summary>
/// A direct sink's writes of the host's own records once the host began to stop. The host logs them on the thread that
/// runs its stop (its lifetime's "Application is shutting down...", in an <c>ApplicationStopping</c> callback, before
/// any timeout applies), so a sink stuck in its output held <c>StopAsync</c> for good. Each is written on a thread of its
/// own, and the logging call waits for it until one deadline shared by every sink of the stop (half the host's shutdown
/// timeout after the stop began, the time a caller waits for room in a stuck queue), and at least a short floor whatever
/// the time when no earlier write of the sink is still running: the host logs records late in its stop too (its Error
/// "Hosting shutdown exception" after a hosted service's slow stop), and a healthy sink, or one slow once, must not be
/// reported stuck for them.
/// When the wait ends the call goes on to the next sink, the stuck write is reported on stderr, and the host's later
/// records to this sink are refused and counted as its errors while that write lasts. A write that returns later is
/// counted as written.
/// </summary>
internal sealed class HostStopWrites
{
    // The categories the host logs under while it stops: its lifetime's (Microsoft.Hosting.Lifetime) and the host's
    // own (Microsoft.Extensions.Hosting.Internal.Host: "Hosting stopping", "Hosting stopped").
    private static readonly string[] HostCategories = ["Microsoft.Hosting.Lifetime", "Microsoft.Extensions.Hosting"];

    // The host's own logger and the id of its "Hosting stopping" record (Microsoft.Extensions.Hosting's
    // LoggerEventIds.Stopping), which an application's own StopAsync logs before ApplicationStopping fires.
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
    private const int HostStoppingEventId = 3;

    // A write of a sink with no earlier write still running gets at least this long, also past the shared deadline: a
    // healthy sink writes in well under it, after stuck ones or late in the stop, and the report would otherwise name a
    // sink that is not stuck and refuse its next record. A sink with a write still running refuses its records without a
    // wait, so the stop's bound grows by at most this per host record a direct sink writes.
    internal static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(50);

    private readonly Sink _sink;
    private readonly TimeSpan _wait;
    private readonly long _deadline;

    // The thread of the write the sink is stuck in, if any (a write still running counts as stuck).
    private volatile Thread? _stuck;
    private int _refusedReported;

    /// <param name="sink">The direct sink.</param>
    /// <param name="wait">Half the host's shutdown timeout: how long after the stop began its records are waited for.</param>
    /// <param name="deadline">When that time ends (<see cref="Environment.TickCount64"/>): the same for every sink of the stop.</param>
    public HostStopWrites(Sink sink, TimeSpan wait, long deadline)
    {
        _sink = sink;
        _wait = wait;
        _deadline = deadline;
    }

    /// <summary>True while a host record's write the stop stopped waiting for is still running (it counts when it returns).</summary>
    public bool IsWriting => _stuck is { IsAlive: true };

    /// <summary>True for a record of the host's own categories.</summary>
    public static bool IsHostRecord(LogRecord record)
    {
        var category = record.Category;
        foreach (var prefix in HostCategories)
        {
            if (category.StartsWith(prefix, StringComparison.Ordinal) && (category.Length == prefix.Length || category[prefix.Length] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for the category of the host's own logger, which logs "Hosting stopping" (see <see cref="IsStopping"/>).</summary>
    public static bool AnnouncesStop(string category) => category == HostCategory;

    /// <summary>
    /// True for the host's "Hosting stopping" record, given a logger of <see cref="AnnouncesStop"/>'s category: the stop
    /// begins there when the application calls <c>StopAsync</c> itself (<c>LoguStyleLoggerProvider.HostStopAnnounced</c>).
    /// </summary>
    public static bool IsStopping(int eventId) => eventId == HostStoppingEventId;

    /// <summary>Writes <paramref name="record"/> (a host record) to the sink, waiting for it at most the bound.</summary>
    public void Write(LogRecord record)
    {
        if (_stuck is { IsAlive: true })
        {
            _sink.Errors.CountFailed();
            if (Interlocked.Exchange(ref _refusedReported, 1) == 0)
            {
                _sink.Errors.Report(string.Create(
                    CultureInfo.InvariantCulture,
                    $"LoguStyle: sink '{_sink.Name}' refused a record of {record.Category} ({record.Message}) while the host stops: it is still writing an earlier one (counted as the sink's errors; later ones are counted there too, without a line)."));
            }

            return;
        }

        // The caller may reuse its record once the call returns (a formatting sink's pooled record): the writing thread
        // gets a copy of its own, which it may hold past the wait.
        var writer = new Thread(static state =>
        {
            var (sink, copy) = ((Sink, LogRecord))state!;
            sink.WriteCounted(copy);
        })
        {
            IsBackground = true,
            Name = "LoguStyle host stop write",
        };
        writer.Start((_sink, record.Copy()));
        var now = Environment.TickCount64;
        var untilDeadline = TimeSpan.FromMilliseconds(Math.Max(_deadline - now, 0));
        // No write of this sink is still running here (a running one refuses the record above): the floor applies, also
        // to a sink the stop gave up on once whose write returned since.
        if (writer.Join(untilDeadline > Floor ? untilDeadline : Floor))
        {
            return;
        }

        _stuck = writer;

        // The first records wait until the deadline ("1 s after the host began to stop"); a later one, the floor.
        var waited = untilDeadline >= Floor
            ? $"{BoundText.Of(_wait)} after the host began to stop"
            : $"{BoundText.Of(Floor)} after its write began, more than {BoundText.Of(_wait)} after the host began to stop";
        _sink.Errors.Report(string.Create(
            CultureInfo.InvariantCulture,
            $"LoguStyle: sink '{_sink.Name}' was still writing a record of {record.Category} ({record.Message}) {waited}; the stop goes on without waiting for it (the record is counted as written if the sink returns, and the host's later records to this sink are refused until then)."));
    }
}
