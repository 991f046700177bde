using LoguStyle.Diagnostics;

namespace LoguStyle.Sinks;

/// <summary>Hands each record to an <see cref="Action{LogRecord}"/>, one call at a time.</summary>
internal sealed class DelegateSink : Sink
{
    private readonly Action<LogRecord> _write;
    private readonly Lock _lock = new();

    public DelegateSink(DelegateSinkOptions options, SinkErrorReporter errors)
        : base(options, errors)
    {
        _write = options.Write!;
    }

    // A delegate may look at anything on the record, scopes included.
    public override bool UsesScopes => true;

    public override bool UsesProperties => true;

    public override bool HandsRecordsToUserCode => true;

    protected override void Write(LogRecord record)
    {
        lock (_lock)
        {
            _write(record);
        }
    }
}
