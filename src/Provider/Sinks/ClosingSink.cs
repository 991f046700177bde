using System.Globalization;
using LoguStyle.Diagnostics;

namespace LoguStyle.Sinks;

/// <summary>
/// Stands in for a sink from the moment the provider begins to dispose it, and for good: a logging call made then, or
/// after the dispose returned, is refused and counted as the sink's error (on the meter, under the sink's name); those
/// made until dispose is done are named on stderr then. Before, the provider pointed its loggers at no sinks, first the
/// moment dispose began (the 67 calls of a 1 s dispose were lost without a count or a word), later at its end (threads
/// logging until Dispose returned lost 41,000-615,000 calls). It is never disposed: its counts stay on the meter.
/// A reload that removes a sink (no sink of its name in the new configuration) puts one behind it too, for the calls
/// still under way in the sinks before it when the reload closed it (<see cref="ForRemoved"/>).
/// </summary>
internal sealed class ClosingSink : Sink
{
    // A removed sink's stand-in: the provider, until the first record it refuses publishes its counts under the sink's
    // name (most reloads see no late call, and a published stand-in stays in its name's series).
    private object? _publishOnFirstRefusal;
    private readonly bool _removed;

    // A removed sink's stand-in: the provider's sink of this name now in use, if any (a later reload may add it back).
    private readonly Func<string, Sink?>? _currentNamed;

    public ClosingSink(Sink closing, TimeProvider time, TextWriter? errorOutput)
        : base(closing, new SinkErrorReporter(closing.Name, time, errorOutput))
    {
    }

    private ClosingSink(Sink removed, object owner, Func<string, Sink?> currentNamed, TimeProvider time, TextWriter? errorOutput)
        : this(removed, time, errorOutput)
    {
        _publishOnFirstRefusal = owner;
        _currentNamed = currentNamed;
        _removed = true;
    }

    /// <summary>It keeps nothing: a record it is offered may be pooled.</summary>
    public override bool RetainsRecords => false;

    protected internal override bool CountsOwnWrites => true;

    /// <summary>
    /// The stand-in for <paramref name="removed"/>, a sink of <paramref name="owner"/> that a reload removed: a record
    /// offered to it (a call that was stuck in a sink before it) is refused, counted as the sink's error and reported on
    /// stderr at most once a minute, instead of reaching the closed output (a file sink's raw ObjectDisposedException).
    /// When a later reload added a sink of the same name back before the call arrives, <paramref name="currentNamed"/>
    /// finds it and that sink writes the record, as the new sink of a name a reload kept does.
    /// </summary>
    public static ClosingSink ForRemoved(Sink removed, object owner, Func<string, Sink?> currentNamed, TimeProvider time, TextWriter? errorOutput) =>
        new(removed, owner, currentNamed, time, errorOutput);

    /// <summary>
    /// A removed sink's late call goes to the provider's sink of the same name in use now, if a later reload added one
    /// back (outside15d: all five re-added sinks refused it); otherwise this stand-in refuses it.
    /// </summary>
    internal override void EmitLate(LogRecord record)
    {
        if (_currentNamed?.Invoke(Name) is { } current)
        {
            // The caller's record may be pooled (no sink of its generation kept records); a sink that keeps it gets a copy.
            current.EmitLate(current.RetainsRecords ? record.Copy() : record);
            return;
        }

        Emit(record);
    }

    /// <summary>
    /// Says on stderr how many records were refused so far, if any: once, when the provider's dispose is done. Calls
    /// refused later are counted on the meter only.
    /// </summary>
    public void ReportRefused()
    {
        var refused = Errors.FailedRecords;
        if (refused > 0)
        {
            Errors.Report(string.Create(
                CultureInfo.InvariantCulture,
                $"LoguStyle: sink '{Name}' refused {refused} record(s) logged while the provider was being disposed (counted as the sink's errors; calls after this are counted there too, without a line)."));
        }
    }

    protected override void Write(LogRecord record)
    {
        if (!_removed)
        {
            Errors.CountFailed();
            return;
        }

        if (Interlocked.Exchange(ref _publishOnFirstRefusal, null) is { } owner)
        {
            Publish(owner);
        }

        // No dispose comes to name them later: the line goes out now, at most once a minute, with the running count.
        Errors.RecordRefused(refused => string.Create(
            CultureInfo.InvariantCulture,
            $"LoguStyle: sink '{Name}' refused {refused} record(s) of logging calls still under way when a reload removed the sink (counted as the sink's errors; later ones within a minute are counted there too, without a line)."));
    }
}
