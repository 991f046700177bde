using System.Buffers;
using LoguStyle.Diagnostics;
using LoguStyle.Formatting;

namespace LoguStyle.Sinks;

/// <summary>Writes formatted records to stdout or stderr, one write per record, under the sink's lock.</summary>
internal sealed class ConsoleSink : Sink
{
    private const int MaxRetainedBuffer = 64 * 1024;

    private readonly Stream _stream;
    private readonly IRecordFormatter _plan;
    private readonly Lock _lock = new();
    private ArrayBufferWriter<byte>? _buffer = new(1024);

    public ConsoleSink(ConsoleSinkOptions options, SinkErrorReporter errors, LevelTable levels)
        : base(options, errors)
    {
        bool isTerminal;
        if (options.OutputOverride is { } output)
        {
            _stream = output;
            isTerminal = options.OutputOverrideIsTerminal;
        }
        else if (options.Stream == ConsoleOutput.Stderr)
        {
            _stream = Console.OpenStandardError();
            isTerminal = !Console.IsErrorRedirected;
        }
        else
        {
            _stream = Console.OpenStandardOutput();
            isTerminal = !Console.IsOutputRedirected;
        }

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
        lock (_lock)
        {
            // Taken while in use: the lock lets this thread back in, and a value's ToString that logs must not
            // overwrite the line being written.
            var buffer = _buffer ?? new ArrayBufferWriter<byte>(1024);
            _buffer = null;
            try
            {
                buffer.ResetWrittenCount();
                _plan.Render(record, buffer);
                _stream.Write(buffer.WrittenSpan);
                _stream.Flush();
                Stats.AddWrittenLocked(buffer.WrittenCount);
            }
            finally
            {
                // One huge record must not pin its buffer for the life of the sink.
                _buffer = buffer.Capacity > MaxRetainedBuffer ? new ArrayBufferWriter<byte>(1024) : buffer;
            }
        }
    }
}
