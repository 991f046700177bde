using System.Globalization;
using LoguStyle.Diagnostics;

namespace LoguStyle.Sinks;

/// <summary>
/// Stands behind a sink a reload removed (no sink of its name in the new configuration), for the logging calls still
/// under way in the sinks before it when the reload closed it. Such a late call goes to the provider's sink of the same
/// name in use when it arrives, if a later reload added one back; else it is refused, counted as the sink's error and
/// reported on stderr at most once a minute with the running count, instead of reaching the closed output (a file
/// sink's raw ObjectDisposedException). It is published on the meter under the sink's name at its first refusal only:
/// most reloads see no late call.
/// </summary>
internal sealed class RemovedSinkStandIn : Sink
{
    private readonly Func<string, Sink?> _currentNamed;

    // The provider, until the first refusal publishes this stand-in's counts under the sink's name.
    private object? _publishOnFirstRefusal;

    /// <param name="removed">The sink the reload removed: its name, level and filters.</param>
    /// <param name="owner">The provider, which publishes the counts on the meter.</param>
    /// <param name="currentNamed">The provider's sink of a name now in use, if any.</param>
    /// <param name="time">The clock of the once-a-minute line.</param>
    /// <param name="errorOutput">Where the line goes (stderr when null).</param>
    public RemovedSinkStandIn(Sink removed, object owner, Func<string, Sink?> currentNamed, TimeProvider time, TextWriter? errorOutput)
        : base(removed, new SinkErrorReporter(removed.Name, time, errorOutput))
    {
        _publishOnFirstRefusal = owner;
        _currentNamed = currentNamed;
    }

    /// <summary>It keeps nothing: a record it is offered may be pooled.</summary>
    public override bool RetainsRecords => false;

    protected internal override bool CountsOwnWrites => true;

    internal override void EmitLate(LogRecord record)
    {
        if (_currentNamed(Name) is { } current)
        {
            HandOnLate(current, record);
            return;
        }

        Emit(record);
    }

    protected override void Write(LogRecord record)
    {
        if (Interlocked.Exchange(ref _publishOnFirstRefusal, null) is { } owner)
        {
            Publish(owner);
        }

        // No dispose comes to name them later: the line goes out now, at most once a minute, with the running count.
        Errors.CountAndReport(refused => string.Create(
            CultureInfo.InvariantCulture,
            $"LoguStyle: sink '{Name}' refused {refused} record(s) of logging calls still under way when a reload removed the sink (counted as the sink's errors; later ones within a minute are counted there too, without a line)."));
    }
}
