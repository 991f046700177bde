using System.Buffers;
using LoguStyle.Diagnostics;
using LoguStyle.Files;
using LoguStyle.Formatting;

namespace LoguStyle.Sinks;

/// <summary>Formats each record (no colours) and appends its bytes to a rotating <see cref="RotatingFile"/>.</summary>
internal sealed class FileSink : Sink
{
    private const int MaxRetainedBuffer = 256 * 1024;

    // Records are rendered outside the file's lock, into a buffer per thread, so threads format in parallel and
    // hold the lock only to copy bytes.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly IRecordFormatter _plan;
    private readonly LogFileLease _lease;

    public FileSink(FileSinkOptions options, TimeProvider time, SinkErrorReporter errors, LevelTable levels)
        : base(options, errors)
    {
        _plan = RecordFormatters.For(options, colored: false, levels);
        _lease = LogFileRegistry.Acquire(PathTemplate.Parse(options.Path), FileSettings.From(options), time, errors);
        RotatesOnShutdown = options.RotateOnShutdown;
    }

    public override bool UsesScopes => _plan.UsesScopes;

    public override bool UsesProperties => _plan.UsesProperties;

    // Formats the record before Emit returns and keeps nothing.
    public override bool RetainsRecords => false;

    public RotatingFile File => _lease.File;

    protected internal override bool CountsOwnWrites => true;

    /// <summary>True when this sink rotates and compresses its active file at shutdown.</summary>
    public bool RotatesOnShutdown { get; }

    protected override void Write(LogRecord record)
    {
        // Taken from the thread while in use: a value's ToString that logs (re-entrant logging) gets its own buffer.
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(4096);
        t_buffer = null;
        buffer.ResetWrittenCount();
        try
        {
            _plan.Render(record, buffer);
            _lease.File.Append(buffer.WrittenSpan, Stats, record.Timestamp);
        }
        finally
        {
            if (buffer.Capacity <= MaxRetainedBuffer)
            {
                t_buffer = buffer;
            }
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        _lease.File.Flush();
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await _lease.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
