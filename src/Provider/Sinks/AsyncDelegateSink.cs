using LoguStyle.Diagnostics;

namespace LoguStyle.Sinks;

/// <summary>
/// Awaits a <see cref="Func{LogRecord, CancellationToken, ValueTask}"/> per record. Always runs behind a
/// <see cref="Queue.QueuedSink"/>, so the logging thread never waits for the delegate.
/// </summary>
internal sealed class AsyncDelegateSink : Sink
{
    private readonly Func<LogRecord, CancellationToken, ValueTask> _writeAsync;

    public AsyncDelegateSink(DelegateSinkOptions options, SinkErrorReporter errors)
        : base(options, errors)
    {
        _writeAsync = options.WriteAsync!;
    }

    public override bool UsesScopes => true;

    public override bool UsesProperties => true;

    public override bool HandsRecordsToUserCode => true;

    protected override void Write(LogRecord record) =>
        _writeAsync(record, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override ValueTask WriteAsync(LogRecord record, CancellationToken cancellationToken) =>
        _writeAsync(record, cancellationToken);
}
