using LoguStyle.Diagnostics;
using LoguStyle.Formatting;

namespace LoguStyle.Sinks;

/// <summary>Writes formatted records to stdout or stderr, one write per record, under the sink's lock.</summary>
internal sealed class ConsoleSink : Sink
{
    private readonly Stream _stream;
    private readonly ConsoleOutput _output;
    private readonly IRecordFormatter _plan;
    private readonly Lock _lock = new();

    public ConsoleSink(ConsoleSinkOptions options, SinkErrorReporter errors, LevelTable levels)
        : base(options, errors)
    {
        bool isTerminal;
        if (options.OutputOverride is { } output)
        {
            _stream = output;
            isTerminal = options.OutputOverrideIsTerminal;
        }
        else
        {
            _stream = StandardStream.Open(options.Stream);
            isTerminal = options.Stream == ConsoleOutput.Stderr ? !Console.IsErrorRedirected : !Console.IsOutputRedirected;
        }

        _output = options.Stream;

        var colored = ColorPolicy.ShouldColorize(options.Colorize, isTerminal, Environment.GetEnvironmentVariable);
        _plan = RecordFormatters.For(options, colored, levels);
    }

    public override bool UsesScopes => _plan.UsesScopes;

    public override bool UsesProperties => _plan.UsesProperties;

    // Formats the record before Emit returns and keeps nothing.
    public override bool RetainsRecords => false;

    internal bool Colored => _plan.Colored;

    protected internal override bool CountsOwnWrites => true;

    protected override void Write(LogRecord record)
    {
        // Rendered outside the lock (a value's ToString that logs gets its own buffer); one write per record.
        var buffer = ScratchBuffers.Rent();
        try
        {
            _plan.Render(record, buffer);
            lock (_lock)
            {
                try
                {
                    _stream.Write(buffer.WrittenSpan);
                    _stream.Flush();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw StandardStream.Explain(ex, _output);
                }

                (record.IsSinkReport ? Stats.ForReports : Stats).AddWrittenLocked(buffer.WrittenCount);
            }
        }
        finally
        {
            ScratchBuffers.Return(buffer);
        }
    }
}
