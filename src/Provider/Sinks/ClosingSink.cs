using System.Globalization;
using LoguStyle.Diagnostics;

namespace LoguStyle.Sinks;

/// <summary>
/// Stands in for a sink while the provider disposes it: a logging call made then is refused, counted as the sink's
/// error (on the meter, under the sink's name) and named on stderr once dispose is done. Before, the provider pointed
/// its loggers at no sinks the moment dispose began, and the calls of a dispose that took its bound (67 in a 1 s one)
/// were lost without a count or a word.
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

    /// <summary>Says on stderr how many records were refused, if any: once, when the provider's dispose is done.</summary>
    public void ReportRefused()
    {
        var refused = Errors.FailedRecords;
        if (refused > 0)
        {
            Errors.Report(string.Create(
                CultureInfo.InvariantCulture,
                $"LoguStyle: sink '{Name}' refused {refused} record(s) logged while the provider was being disposed (counted as the sink's errors)."));
        }
    }

    protected override void Write(LogRecord record) => Errors.CountFailed();
}
