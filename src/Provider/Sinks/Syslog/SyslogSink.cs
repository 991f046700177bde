using System.Globalization;
using System.Net;
using LoguStyle.Diagnostics;
using LoguStyle.Formatting;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// Sends records to a syslog receiver. Always behind a <see cref="Queue.QueuedSink"/>: only its writer thread calls
/// <see cref="WriteAsync"/> and <see cref="FlushAsync"/>. Records are formatted into a batch, sent when it is full or
/// the queue runs empty (the queue's flush), and kept until the receiver has them: a send that fails closes the
/// connection, waits (1 s, doubled per failure up to 30 s, on the <see cref="TimeProvider"/>), reconnects and sends the
/// same batch again. Meanwhile the queue fills and then drops (counted). A batch given up (the provider is disposed and
/// its drain time ran out) is counted as failed and reported.
/// </summary>
/// <remarks>
/// Its queue's callers format the messages (<see cref="IFormatsAhead"/>, every queue-full mode but <c>DropOldest</c>):
/// they reach the writer as bytes in segments, which it copies into the batch (<see cref="AppendRendered"/>).
/// </remarks>
internal sealed class SyslogSink : Sink, IFormatsAhead
{
    // A batch goes out at this size even while records keep coming.
    private const int BatchBytes = 64 * 1024;
    private const int BatchRecords = 1000;

    private readonly ISyslogFormatter _formatter;
    private readonly Func<ISyslogTransport> _connect;
    private readonly SyslogBatch _batch;
    private readonly TimeProvider _time;
    private readonly SyslogBackoff _backoff;
    private readonly CancellationTokenSource _closing = new();

    // Cancelled when the host stops (Stopping): the back-off wait ends, and a connection that cannot be made then gives up.
    private readonly CancellationTokenSource _stopping = new();

    // Writer only: the stop found the receiver unreachable; every batch from then on is counted as not written at once.
    private Exception? _unreachable;
    private readonly string _endpoint;

    // What the queue in front does while the receiver is away, as a retry line says it.
    private readonly string _meanwhile;
    private readonly int _maxBytes;
    private ISyslogTransport? _transport;

    // When the connection's graceful end must be over (Environment.TickCount64): the end of what the dispose or reload
    // that closes the sink had left of its bound once the queue drained (see CloseAfterDrainAsync); long.MaxValue until then.
    private long _closeBy = long.MaxValue;

    // Writer only: the batch's messages, from the first, already counted as written. A datagram batch that failed
    // part-way counts the datagrams the kernel took at the failure (they are not sent again), and the rest once the
    // retry has them.
    private int _counted;

    // The batch's records (not reports) not yet counted as written or failed: see RecordsHeld. Added to by the writer,
    // taken from by it and by the exit's count (CountHeldAtExit) on another thread, atomically; read by a give-up.
    private long _held;

    // Set by the exit's give-up once it counted the held records (and the record in the writer's hands) as in the sink's
    // hands (CountHeldAtExit): the writer then counts none of them as failed. Under the lock, as is the writer's count of
    // a given-up batch, so that each record is counted once, by whichever comes first.
    private readonly Lock _heldCount = new();
    private bool _heldCountedAtExit;

    // The connection from the previous generation and to the next (a reload that keeps the sink and its receiver).
    private readonly SyslogConnectionHandOver _handOver;

    // The send under way (writer only); dispose waits for it to give up, so its batch is counted before dispose returns.
    private Task _sending = Task.CompletedTask;

    /// <param name="options">The sink's options.</param>
    /// <param name="time">The provider's clock.</param>
    /// <param name="errors">The sink's error reporter.</param>
    /// <param name="levels">The level table.</param>
    /// <param name="queueMode">The mode of the queue in front (what a retry line says the queue does meanwhile).</param>
    /// <param name="sharedStats">The counts of the sink this is one connection of; null for a sink of one connection.</param>
    public SyslogSink(SyslogSinkOptions options, TimeProvider time, SinkErrorReporter errors, LevelTable levels, QueueFullMode queueMode = QueueFullMode.DropWrite, SinkStats? sharedStats = null)
        : base(options, errors)
    {
        _meanwhile = queueMode switch
        {
            QueueFullMode.Wait => "logging calls wait for room while the queue is full",
            QueueFullMode.DropOldest => "the queue drops its oldest records when it is full",
            _ => "the queue drops new records when it is full",
        };

        // One of several connections of one sink (SyslogConnections): the sink's counts are one, whichever connection sent.
        if (sharedStats is not null)
        {
            Stats = sharedStats;
        }

        _time = time;
        _backoff = new SyslogBackoff(options.FirstBackoff, options.MaxBackoff);
        _maxBytes = options.EffectiveMaxMessageBytes;
        var host = options.Host;
        var port = options.EffectivePort;
        var (sendTimeout, sendBuffer) = (options.SendTimeout, options.SendBufferBytes);
        string? credentials = null;
        switch (options.Protocol)
        {
            case SyslogProtocol.Local:
                _formatter = new Rfc3164Formatter(options, levels);
                _batch = new SyslogBatch(framing: null);
                var path = options.LocalSocketPath;
                _connect = () => new LocalSyslogTransport(path);
                break;
            case SyslogProtocol.Udp:
                _formatter = new Rfc5424Formatter(options, levels, HostName());
                _batch = new SyslogBatch(framing: null);
                _connect = () => new UdpSyslogTransport(host, port);
                break;
            case SyslogProtocol.Tcp:
                _formatter = new Rfc5424Formatter(options, levels, HostName());
                _batch = new SyslogBatch(options.Framing);
                _connect = () => new TcpSyslogTransport(host, port, sendTimeout, sendBuffer);
                break;
            default:
                // RFC 5425 section 4.3: octet counting only.
                var trust = new SyslogTrust(options);
                credentials = trust.Fingerprint;
                _formatter = new Rfc5424Formatter(options, levels, HostName());
                _batch = new SyslogBatch(SyslogFraming.OctetCounting);
                _connect = () => new TlsSyslogTransport(host, port, trust, sendTimeout, sendBuffer);
                break;
        }

        if (_batch.IsDatagrams)
        {
            // Each datagram the kernel took is on its way whole: counted as written as the send goes, so the meter does
            // not stand still while a send waits for room at a full socket (a local daemon frees one slot at a time).
            _batch.SentProgress = () => CountWritten(_batch.Sent);
        }

        _endpoint = _connect().Endpoint;
        Receiver = new SyslogReceiverKey(
            options.Protocol,
            _endpoint,
            options.Protocol == SyslogProtocol.Tcp ? options.Framing : null,
            options.CertificatePath,
            options.ClientCertificatePath,
            credentials);
        _handOver = new SyslogConnectionHandOver(Receiver);
    }

    /// <summary>Where and how this sink sends; a reload's next generation with an equal key takes its connection over.</summary>
    internal SyslogReceiverKey Receiver { get; }

    /// <summary>
    /// A reload keeps this sink's name: this sink sends over <paramref name="previous"/>'s connection once that one is
    /// disposed, when both send to the same receiver the same way (see <see cref="SyslogConnectionHandOver"/>); a
    /// receiver reads each connection apart, so a connection of its own could overtake the previous one's last records.
    /// </summary>
    internal override void InheritFrom(Sink previous)
    {
        // From a sink of several connections, the first one's: the threads it carried stay on it (SyslogConnections.Route).
        var syslog = previous as SyslogSink ?? (previous as SyslogConnections)?.Connection(0);
        syslog?._handOver.Link(_handOver);
    }

    private static string HostName()
    {
        try
        {
            return Dns.GetHostName();
        }
        catch (System.Net.Sockets.SocketException)
        {
            return Environment.MachineName;
        }
    }

    // Structured data carries the properties and scopes.
    public override bool UsesScopes => true;

    public override bool UsesProperties => true;

    // Formats the record into the batch before WriteAsync returns and keeps nothing of it.
    public override bool RetainsRecords => false;

    // Counted when the receiver has them, not when they are batched.
    protected internal override bool CountsOwnWrites => true;

    /// <summary>True while this sink holds an open connection (for tests: each of a sink's connections carried records).</summary>
    internal bool Connected => Volatile.Read(ref _transport) is not null;

    /// <summary>The records formatted and not yet sent (for tests).</summary>
    internal int Pending => _batch.Count;

    /// <summary>
    /// The batch's records not yet counted: its queue's writer counted them as written when it handed them over, and the
    /// meter counts them only once they are sent (or failed). A send blocked on a receiver that stopped reading holds
    /// them for good, and the queue's give-up counts them as in the sink's hands.
    /// </summary>
    internal override long RecordsHeld => Volatile.Read(ref _held);

    /// <summary>
    /// The exit's count of what this connection holds, on the give-up's thread while the writer may still be in a send:
    /// the messages of a datagram batch that the kernel took are on their way (a local daemon reads them from its socket
    /// after this process has ended) and are counted written; the rest of the batch is in the sink's hands. From here the
    /// writer counts none of the batch (each record is counted once, by whichever comes first).
    /// </summary>
    internal override long CountHeldAtExit()
    {
        lock (_heldCount)
        {
            if (_batch.IsDatagrams)
            {
                CountWrittenUpTo(_batch.Sent);
            }

            _heldCountedAtExit = true;
            return Volatile.Read(ref _held);
        }
    }

    protected override void Write(LogRecord record)
    {
        var pending = WriteAsync(record, CancellationToken.None);
        if (!pending.IsCompletedSuccessfully)
        {
            pending.AsTask().GetAwaiter().GetResult();
        }
    }

    public override ValueTask WriteAsync(LogRecord record, CancellationToken cancellationToken)
    {
        if (BatchIsFull)
        {
            return SendThenAddAsync(record, cancellationToken);
        }

        Add(record);
        return default;
    }

    private bool BatchIsFull => _batch.Length >= BatchBytes || _batch.Count >= BatchRecords;

    // The full batch goes first, then the record joins the next one: while the send waits for the receiver, the record
    // is in flight (the queue's give-up names it, and counts it in no total); a send given up leaves it to be counted here.
    private async ValueTask SendThenAddAsync(LogRecord record, CancellationToken cancellationToken)
    {
        await (_sending = SendAsync(cancellationToken)).ConfigureAwait(false);
        if (SendWentOn(cancellationToken))
        {
            Add(record);
        }
        else if (!record.IsSinkReport)
        {
            CountRecordAfterGivenUpBatch();
        }
    }

    private bool SendWentOn(CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && !_closing.IsCancellationRequested;

    // The send before the record was given up: its queue handed it over (its give-up names it among the records the sink
    // is still writing) and counts it no further, so it is counted here, as not written; unless the exit's give-up
    // counted it in the sink's hands.
    private void CountRecordAfterGivenUpBatch()
    {
        lock (_heldCount)
        {
            if (!_heldCountedAtExit)
            {
                Errors.RecordFailed(new IOException($"gave up sending to {Endpoint}: a record after the batch given up was not sent"), 1);
            }
        }
    }

    /// <summary>On the logging thread: the message as the receiver gets it, as the writer would format it.</summary>
    public void Render(LogRecord record, Utf8Buffer buffer)
    {
        var length = _formatter.Render(record, buffer);
        if (length > buffer.WrittenCount)
        {
            ReportCut(length);
        }
    }

    /// <summary>
    /// On the writer: a message a caller formatted joins the batch, after the full batch was sent (waiting here, on the
    /// writer's own thread, as a record's <see cref="WriteAsync"/> waits for its send).
    /// </summary>
    public void AppendRendered(ReadOnlySpan<byte> rendered, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        if (BatchIsFull)
        {
            (_sending = SendAsync(cancellationToken)).GetAwaiter().GetResult();
            if (!SendWentOn(cancellationToken))
            {
                CountRecordAfterGivenUpBatch();
                return;
            }
        }

        AddToBatch(rendered, isReport: false);
    }

    /// <summary>
    /// A queue whose writer fell behind: the logging thread formats the message, so the writer only copies its bytes into
    /// the batch. With one writer thread per sink, formatting there was most of the writer's time over TCP and TLS
    /// (a batch is one write), and the callers format in parallel.
    /// </summary>
    internal override bool TryPreRender(LogRecord record)
    {
        var companion = record.EnsureCompanion();
        if (companion.BeginRender() is not { } buffer)
        {
            return false;
        }

        // A record that cannot be formatted throws here and stays unrendered: the writer formats it, and counts it failed.
        Render(record, buffer);
        companion.EndRender(this);
        return true;
    }

    private void Add(LogRecord record)
    {
        if (record.Companion is { } companion && companion.TryGetRendered(this, out var rendered))
        {
            AddToBatch(rendered, record.IsSinkReport);
            return;
        }

        var scratch = ScratchBuffers.Rent();
        try
        {
            // A record that cannot be formatted throws here, before it touches the batch: it alone is counted as failed.
            Render(record, scratch);
            AddToBatch(scratch.WrittenSpan, record.IsSinkReport);
        }
        finally
        {
            ScratchBuffers.Return(scratch);
        }
    }

    // A cut loses the message's end: said on stderr (once a minute), so a receiver's record that ends early is explained.
    private void ReportCut(int length) => Errors.Warn("syslog-cut", string.Create(
        CultureInfo.InvariantCulture,
        $"a message of {length} bytes was cut to MaxMessageBytes ({_maxBytes}) on a character boundary; to keep longer ones, raise MaxMessageBytes and the receiver's limit with it (rsyslog: maxMessageSize, and imtcp's MaxFrameSize over 200000)."));

    /// <summary>Sends the batch; returns when the receiver has it, or when it was given up and counted.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) =>
        _batch.Count == 0 ? Task.CompletedTask : _sending = SendAsync(cancellationToken);

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        if (_unreachable is { } gone)
        {
            GiveUp(gone);
            return;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        var token = linked.Token;
        if (_handOver.Predecessor is { } previous)
        {
            // The previous generation hands its connection over when it is disposed (its queue drained before this
            // writer started): sent over it, these records reach the receiver after that generation's last ones.
            try
            {
                await previous.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (token.IsCancellationRequested)
            {
                GiveUp(new IOException($"gave up sending to {Endpoint}: {ex.Message}", ex));
                return;
            }

            _handOver.PredecessorAwaited();
        }

        if (_handOver.BeginSend() is { } adopted)
        {
            if (_transport is null)
            {
                _transport = adopted;
            }
            else
            {
                adopted.Dispose();
            }
        }

        try
        {
            await SendHeldAsync(token).ConfigureAwait(false);
        }
        finally
        {
            _handOver.EndSend();
        }
    }

    private async Task SendHeldAsync(CancellationToken token)
    {
        while (true)
        {
            var connecting = false;
            try
            {
                token.ThrowIfCancellationRequested();
                if (_transport is null || _transport.IsBroken)
                {
                    connecting = true;
                    await ReconnectAsync(token).ConfigureAwait(false);
                    connecting = false;
                }

                _transport!.Send(_batch);
                CountWritten(_batch.Count);
                ClearBatch();
                _backoff.Succeeded();
                return;
            }
            catch (Exception ex) when (token.IsCancellationRequested)
            {
                // The drain time ran out (or the sink is closing) while the receiver was away, or its dispose ended the
                // connection under a send: the messages the kernel took whole go out before the connection's end and are
                // written; the rest are lost. Said as what happened, not as the exception the ended connection threw (an
                // ObjectDisposedException of the socket when the dispose closed it under the send).
                var why = _closing.IsCancellationRequested
                    ? "the sink was closed before the receiver took them"
                    : "the time to send them ran out before the receiver took them";

                // A cause of the receiver's or the network's (refused, reset, timed out, TLS rejected) is kept: only the
                // sink's own end of the connection (its dispose, its cancellation) is said by the words alone.
                var cause = ex is OperationCanceledException or ObjectDisposedException ? string.Empty : $"; {ex.GetType().Name}: {ex.Message}";
                CountGivenUpBatch(new IOException($"gave up sending to {Endpoint}: {why}{cause}", ex), countSent: true);
                Close();
                return;
            }
#pragma warning disable CA1031 // Any failure of the way to the receiver means: reconnect and send the batch again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                // The datagrams the kernel took before the failure are written; the retry sends only the rest. A stream's
                // batch is sent again whole: what the failed connection took is counted once a connection takes it again.
                _batch.SendAgain();
                CountWritten(_batch.Sent);
                if (connecting && _stopping.IsCancellationRequested)
                {
                    // The host stops and the receiver cannot be reached even now: waiting longer would hold the stop
                    // for the whole shutdown timeout, for a receiver that may never come.
                    _unreachable = new IOException($"cannot send to {Endpoint}: {ex.GetType().Name}: {ex.Message}; gave up at the stop, the records held and any written after are not sent", ex);
                    GiveUp(_unreachable);
                    return;
                }

                Fail(ex);
            }
        }
    }

    private void GiveUp(Exception reason)
    {
        CountGivenUpBatch(reason, countSent: false);
        Close();
    }

    // The batch given up, counted once: as failed (its messages the receiver took, when countSent, as written), unless
    // the exit's give-up counted it in the sink's hands first (CountHeldAtExit), when it is only said. Under the lock that
    // count takes, so that each record is counted by whichever comes first. Clears the batch.
    private void CountGivenUpBatch(Exception reason, bool countSent)
    {
        lock (_heldCount)
        {
            if (_batch.Count > 0 && _heldCountedAtExit)
            {
                SayCountedAtExit(reason);
            }
            else
            {
                if (countSent)
                {
                    CountWritten(_batch.Sent);
                }

                if (_batch.Count > 0)
                {
                    Errors.RecordFailed(reason, _batch.Records);
                }
            }

            ClearBatch();
        }
    }

    // The exit's give-up counted the batch in the sink's hands: what became of it is said, and not counted again.
    private void SayCountedAtExit(Exception reason) =>
        Errors.Report(string.Create(CultureInfo.InvariantCulture, $"LoguStyle: sink '{Name}': {reason.Message} ({_batch.Records} record(s), among those the exit counted in the sink's hands)"));

    // Counts the batch's messages before index upTo that were not counted yet, each as a record or as a report; added
    // once per batch, atomically, since a sink's connections (SyslogConnections) share its counts. Under the lock of the
    // exit's count, which may count the same batch on another thread (CountHeldAtExit): nothing once it has.
    private void CountWritten(int upTo)
    {
        lock (_heldCount)
        {
            if (!_heldCountedAtExit)
            {
                CountWrittenUpTo(upTo);
            }
        }
    }

    private void CountWrittenUpTo(int upTo)
    {
        long records = 0, bytes = 0, reports = 0, reportBytes = 0;
        for (; _counted < upTo; _counted++)
        {
            // From the bounds, not the bytes: the exit's count may run this while the writer adds to the batch, whose
            // buffer may then grow under it (its list of ends keeps every earlier end).
            var (start, end) = _batch.Bounds(_counted);
            var length = end - start;
            if (_batch.IsReport(_counted))
            {
                reports++;
                reportBytes += length;
            }
            else
            {
                records++;
                bytes += length;
            }
        }

        if (records > 0)
        {
            // Held first, then written: a give-up reading RecordsHeld in between then misses these records for an
            // instant rather than counting them twice (in the sink's hands and written). Atomic: the exit's count may
            // run this on its own thread while the writer adds to the batch (Held).
            Interlocked.Add(ref _held, -records);
            Stats.AddWrittenShared(records, bytes);
        }

        if (reports > 0)
        {
            Stats.ForReports.AddWrittenShared(reports, reportBytes);
        }
    }

    private void ClearBatch()
    {
        // Under the exit count's lock: that count reads the batch and its counted part (CountHeldAtExit).
        lock (_heldCount)
        {
            _batch.Clear();
            _counted = 0;

            // Every record of the batch was counted by now: as written (CountWritten) or as failed (RecordFailed).
            Volatile.Write(ref _held, 0);
        }
    }

    // A message joins the batch; a record (not a report) is held until counted (writer only).
    private void AddToBatch(ReadOnlySpan<byte> message, bool isReport)
    {
        _batch.Add(message, isReport);
        if (!isReport)
        {
            // Atomic: the exit's count may take some off on its own thread (CountWrittenUpTo).
            Interlocked.Increment(ref _held);
        }
    }

    /// <summary>The host stops: the back-off wait ends, one more attempt is made at once, and if it cannot connect, the sink gives up.</summary>
    internal override void Stopping() =>
        // Asynchronously: the writer's continuation (a connection attempt) must not run on the stopping thread.
        _ = _stopping.CancelAsync();

    private string Endpoint => _endpoint;

    private async Task ReconnectAsync(CancellationToken token)
    {
        Close();
        var wait = _stopping.IsCancellationRequested ? TimeSpan.Zero : _backoff.WaitAt(_time.GetUtcNow());
        if (wait > TimeSpan.Zero)
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(token, _stopping.Token);
            try
            {
                var delay = Task.Delay(wait, _time, waiting.Token);

                // The timer counts from its creation: a clock move between reading the wait and creating the timer is
                // not in it (a FakeTimeProvider moved once would strand it), so the deadline is read again after.
                if (_backoff.WaitAt(_time.GetUtcNow()) > TimeSpan.Zero)
                {
                    await delay.ConfigureAwait(false);
                }
                else
                {
                    await waiting.CancelAsync().ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (!token.IsCancellationRequested)
            {
                // The host stops: one attempt now rather than after the wait.
            }
        }

        var transport = _connect();
        try
        {
            transport.Open(token);
        }
        catch
        {
            transport.Dispose();
            throw;
        }

        _transport = transport;
    }

    private void Fail(Exception error)
    {
        var endpoint = Endpoint;
        Close();
        _backoff.Failed(_time.GetUtcNow());
        Errors.Warn("syslog-send", string.Create(
            CultureInfo.InvariantCulture,
            $"cannot send to {endpoint}: {error.GetType().Name}: {error.Message}; {_batch.Records} record(s) held, retrying in {_backoff.LastWait.TotalSeconds:0.#} s ({_meanwhile})."));
    }

    private void Close()
    {
        _transport?.Dispose(Volatile.Read(ref _closeBy));
        _transport = null;
    }

    /// <summary>
    /// The queue in front drained (or gave up) within its bound: the connection's close keeps to what is left of it
    /// (<paramref name="drainLeft"/>), its wait for the receiver's end included.
    /// </summary>
    internal override ValueTask CloseAfterDrainAsync(TimeSpan drainLeft, TimeSpan reportedBound)
    {
        Volatile.Write(ref _closeBy, drainLeft < TimeSpan.Zero ? long.MaxValue : Environment.TickCount64 + (long)Math.Min(drainLeft.TotalMilliseconds, int.MaxValue));
        return DisposeAsync();
    }

    /// <summary>
    /// The exit drained this connection's queue: the connection ends as a dispose ends it, so a TLS receiver sees
    /// close_notify rather than a truncation (rsyslog logs one as <c>unexpected eof while reading</c>). Bounded by the
    /// close notice's second; the exit's wait for its ends bounds it again.
    /// </summary>
    internal override void EndDrainedAtExit()
    {
        // The writer has ended; a send it began and gave up on may still be ending (see DisposeAsync): left alone then.
        if (_sending.IsCompleted)
        {
            Close();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        // A writer still stuck in a send (its drain time ran out) gives up and counts its batch.
        await _closing.CancelAsync().ConfigureAwait(false);

        // A reload that keeps this sink takes its connection over, unless a send is still stuck in it.
        _handOver.Release(() => Interlocked.Exchange(ref _transport, null));

        // Closing the connection ends a write blocked on a receiver that stopped reading; cancelled, the send then
        // counts its batch and returns.
        Close();
        try
        {
            await _sending.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        Close();
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
