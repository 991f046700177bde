using LoguStyle.Diagnostics;
using LoguStyle.Files;
using LoguStyle.Formatting;

namespace LoguStyle.Sinks;

/// <summary>Formats each record (no colours) and appends its bytes to a rotating <see cref="RotatingFile"/>.</summary>
internal sealed class FileSink : Sink, IFormatsAhead
{
    private readonly IRecordFormatter _plan;
    private readonly LogFileLease _lease;

    // owner: the provider the sink belongs to; its generations share a file, other providers may not.
    public FileSink(FileSinkOptions options, TimeProvider time, SinkErrorReporter errors, LevelTable levels, object owner)
        : base(options, errors)
    {
        _plan = RecordFormatters.For(options, colored: false, levels);
        _lease = LogFileRegistry.Acquire(PathTemplate.Parse(options.Path), FileSettings.From(options), time, Stats, errors, owner, options.Name);
        RotatesOnShutdown = options.RotateOnShutdown;
    }

    /// <summary>The file sink <paramref name="sink"/> writes into: itself, or the one behind its queue; null for another kind.</summary>
    public static FileSink? Of(Sink sink) => sink is Queue.QueuedSink { Inner: FileSink inner } ? inner : sink as FileSink;

    public override bool UsesScopes => _plan.UsesScopes;

    public override bool UsesProperties => _plan.UsesProperties;

    // Formats the record before Emit returns and keeps nothing.
    public override bool RetainsRecords => false;

    public RotatingFile File => _lease.File;

    protected internal override bool CountsOwnWrites => true;

    // Its close ends the file a write in progress needs: an enqueued file sink is closed between two writes.
    internal override bool ClosesBetweenWrites => true;

    /// <summary>True when this sink rotates and compresses its active file at shutdown.</summary>
    public bool RotatesOnShutdown { get; }

    protected override void Write(LogRecord record)
    {
        // A sink's line about itself (a queue's drop report) is counted in bytes, not as a logging call.
        var isCall = !record.IsSinkReport;
        if (record.Companion is { } companion && companion.TryGetRendered(this, out var rendered))
        {
            _lease.File.Append(rendered, isCall, record.Timestamp);
            return;
        }

        // Rendered outside the file's lock, so threads format in parallel and hold the lock only to copy bytes.
        var buffer = ScratchBuffers.Rent();
        try
        {
            _plan.Render(record, buffer);
            _lease.File.Append(buffer.WrittenSpan, isCall, record.Timestamp);
        }
        finally
        {
            ScratchBuffers.Return(buffer);
        }
    }

    public void Render(LogRecord record, Utf8Buffer buffer) => _plan.Render(record, buffer);

    public void AppendRendered(ReadOnlySpan<byte> rendered, DateTimeOffset timestamp, CancellationToken cancellationToken) => _lease.File.Append(rendered, isCall: true, timestamp);

    internal override bool TryPreRender(LogRecord record)
    {
        var companion = record.EnsureCompanion();
        if (companion.BeginRender() is not { } buffer)
        {
            return false;
        }

        _plan.Render(record, buffer);
        companion.EndRender(this);
        return true;
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            _lease.File.Flush();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The buffered records stay buffered for the next flush: reported, not thrown, and not yet lost.
            Errors.ReportKept(ex);
        }

        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        await _lease.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
