using System.Globalization;
using System.Threading.Channels;
using LoguStyle.Diagnostics;
using LoguStyle.Sinks;

namespace LoguStyle.Queue;

/// <summary>
/// Puts a bounded channel and one background writer in front of a sink (Loguru's <c>enqueue=True</c>). The caller
/// waits only for room in the channel (nothing is dropped); the writer writes records in the order they were
/// accepted and flushes the inner sink whenever the channel runs empty.
/// </summary>
internal sealed class QueuedSink : Sink
{
    /// <summary>The default number of records a queue holds before callers wait for room.</summary>
    public const int DefaultCapacity = 10_000;

    private static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Sink _inner;
    private readonly Channel<LogRecord> _channel;
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _flushLock = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _flushWaiters = [];
    private readonly Task _loop;
    private long _accepted;
    private long _written;

    public QueuedSink(SinkOptions options, Sink inner, SinkErrorReporter errors, int capacity = DefaultCapacity)
        : base(options, errors)
    {
        _inner = inner;
        _channel = Channel.CreateBounded<LogRecord>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _loop = Task.Run(RunAsync);
    }

    public override bool UsesScopes => _inner.UsesScopes;

    /// <summary>How long <see cref="DisposeAsync"/> waits for the queue to drain before it gives up and reports.</summary>
    public TimeSpan DrainTimeout { get; init; } = DefaultDrainTimeout;

    protected override void Write(LogRecord record)
    {
        Interlocked.Increment(ref _accepted);
        if (_channel.Writer.TryWrite(record))
        {
            return;
        }

        try
        {
            // Wait mode: the caller waits for room rather than losing the record.
            _channel.Writer.WriteAsync(record).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            // The sink is being disposed; count the record as settled so a flush does not wait for it forever.
            Interlocked.Increment(ref _written);
            throw;
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _accepted);
        TaskCompletionSource done;
        lock (_flushLock)
        {
            if (Interlocked.Read(ref _written) >= target)
            {
                return _inner.FlushAsync(cancellationToken);
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushWaiters.Add((target, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            var left = Interlocked.Read(ref _accepted) - Interlocked.Read(ref _written);
            Errors.Report(string.Create(
                CultureInfo.InvariantCulture,
                $"LoguStyle: sink '{Name}' did not drain within {DrainTimeout.TotalSeconds:0.#} s; {left} record(s) were not written."));
        }

        await _inner.DisposeAsync().ConfigureAwait(false);
        _abort.Dispose();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var record))
            {
                try
                {
                    await _inner.WriteAsync(record, _abort.Token).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // A failing sink is reported and keeps going.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    Errors.RecordFailed(ex);
                }

                Interlocked.Increment(ref _written);
            }

            try
            {
                await _inner.FlushAsync(_abort.Token).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failing flush is reported and keeps going.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Errors.RecordFailed(ex);
            }

            CompleteFlushWaiters();
        }

        CompleteFlushWaiters();
    }

    private void CompleteFlushWaiters()
    {
        lock (_flushLock)
        {
            var written = Interlocked.Read(ref _written);
            for (var i = _flushWaiters.Count - 1; i >= 0; i--)
            {
                if (_flushWaiters[i].Target <= written || _channel.Reader.Completion.IsCompleted)
                {
                    _flushWaiters[i].Done.TrySetResult();
                    _flushWaiters.RemoveAt(i);
                }
            }
        }
    }
}
