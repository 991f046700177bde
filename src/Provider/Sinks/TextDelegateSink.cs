using System.Text;
using LoguStyle.Diagnostics;
using LoguStyle.Formatting;

namespace LoguStyle.Sinks;

/// <summary>Formats each record with the sink's template (no colours) and hands the text to an <see cref="Action{String}"/>.</summary>
internal sealed class TextDelegateSink : Sink
{
    private readonly Action<string> _write;
    private readonly IRecordFormatter _plan;
    private readonly Lock _lock = new();

    public TextDelegateSink(DelegateSinkOptions options, SinkErrorReporter errors, LevelTable levels)
        : base(options, errors)
    {
        _write = options.WriteText!;
        _plan = RecordFormatters.For(options, colored: false, levels);
    }

    public override bool UsesScopes => _plan.UsesScopes;

    public override bool UsesProperties => _plan.UsesProperties;

    // Formats the record before Emit returns and keeps nothing.
    public override bool RetainsRecords => false;

    protected override void Write(LogRecord record)
    {
        var buffer = ScratchBuffers.Rent();
        string text;
        try
        {
            _plan.Render(record, buffer);
            text = Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            ScratchBuffers.Return(buffer);
        }

        // The delegate is called one record at a time.
        lock (_lock)
        {
            _write(text);
        }
    }
}
