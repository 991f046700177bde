using System.Globalization;
using LoguStyle.Diagnostics;

namespace LoguStyle.Sinks;

/// <summary>
/// Stands in for a sink from the moment the provider begins to dispose it, and for good: a logging call made then, or
/// after the dispose returned, is refused and counted as the sink's error (on the meter, under the sink's name); those
/// made until dispose is done are named on stderr then. Before, the provider pointed its loggers at no sinks, first the
/// moment dispose began (the 67 calls of a 1 s dispose were lost without a count or a word), later at its end (threads
/// logging until Dispose returned lost 41,000-615,000 calls). It is never disposed: its counts stay on the meter.
/// </summary>
internal sealed class ClosingSink : Sink
{
    public ClosingSink(Sink closing, TimeProvider time, TextWriter? errorOutput)
        : base(closing, new SinkErrorReporter(closing.Name, time, errorOutput))
    {
    }

    /// <summary>It keeps nothing: a record it is offered may be pooled.</summary>
    public override bool RetainsRecords => false;

    protected internal override bool CountsOwnWrites => true;

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

    protected override void Write(LogRecord record) => Errors.CountFailed();
}
