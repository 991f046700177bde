namespace LoguStyle.Pipeline;

/// <summary>
/// What the provider keeps beside a <see cref="LogRecord"/> to make records cheap, out of the public type: the pool's
/// hold count, the message left to render later, and the bytes formatted ahead for a queue's sink. Made once per
/// record object, when one of them is first needed (a reused or pooled record keeps its companion, so this costs
/// nothing per call once warm; a record of its own rarely needs one).
/// </summary>
internal sealed class RecordCompanion(LogRecord record)
{
    // A message rendered later, on a queue's writer: MEL's state, its formatter, and the generic renderer for them.
    private object? _deferredState;
    private Delegate? _deferredFormatter;
    private Func<object, Delegate, Exception?, string>? _deferredRender;

    // The parsed template, when the message can be written straight to UTF-8 from the record's values.
    private Formatting.MessageTemplate? _messageTemplate;

    // A template state's values copied for a record written later; kept and reused with the record.
    private StateCopy? _stateCopy;

    // Reference count of a pooled record: the logging call and each queue holding it; null pool means not pooled.
    private RecordPool? _pool;
    private int _references;

    // Where the logging call's hold is: kept by the call, to go to the first queue that takes the record (see TakeFrom),
    // or with that queue now (see ReleaseRefused); logging thread only.
    private CallsHold _callsHold;

    // The record already formatted for one sink by the logging thread (a queue's writer fell behind), and the sink it
    // is for. The buffer is taken from RenderBuffers and given back by Clear, not kept with the record: any record
    // formatted ahead then finds a buffer that was formatted into before (see RenderBuffers). Clear runs on a queue's
    // writer for every record and reads only this field of the companion's own: reading the buffer there for a record
    // nobody formatted ahead cost a cache miss per record (the queued record path's profile).
    private Formatting.Utf8Buffer? _rendered;
    private object? _renderedFor;

    /// <summary>True when the message is left to <see cref="RenderMessage"/>.</summary>
    public bool HasDeferredMessage => _deferredRender is not null || _messageTemplate is not null;

    /// <summary>
    /// Leaves the message to be rendered when a sink first reads it: by MEL's formatter from its state, or, without a
    /// formatter (the values were copied), from the parsed template and the record's copy of the values.
    /// </summary>
    public void DeferMessage(object? state, Delegate? formatter, Func<object, Delegate, Exception?, string>? render, Formatting.MessageTemplate? template)
    {
        _messageTemplate = template;
        _deferredState = state;
        _deferredFormatter = formatter;
        _deferredRender = render;
    }

    /// <summary>Forgets a deferred message: the record was given a message (a reset, or a Patch that rewrote it).</summary>
    public void ForgetDeferredMessage()
    {
        _deferredState = null;
        _deferredFormatter = null;
        _deferredRender = null;
        _messageTemplate = null;
    }

    /// <summary>The deferred message, rendered; a value that cannot be rendered gives the fallback text, never a throw.</summary>
    public string RenderMessage(IReadOnlyList<KeyValuePair<string, object?>>? values, Exception? exception, string? template)
    {
        try
        {
            if (_deferredRender is { } render)
            {
                return render(_deferredState!, _deferredFormatter!, exception) ?? string.Empty;
            }

            return _messageTemplate is { } parsed && values is not null ? parsed.RenderText(values) : string.Empty;
        }
#pragma warning disable CA1031 // An argument's ToString is user code; the record is still written, with the reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return MessageFallback.Render(_deferredState ?? values, template, null, ex);
        }
    }

    /// <summary>The parsed template for writing a deferred message straight to UTF-8 from the record's values.</summary>
    public Formatting.MessageTemplate? MessageTemplate => _messageTemplate;

    /// <summary>
    /// This record's reusable copy of a template state's values, for the capture to fill: empty, because a pooled record
    /// is cleared when it goes back to the pool, and only pooled records are filled this way.
    /// </summary>
    public StateCopy EmptyStateCopy()
    {
        var copy = _stateCopy ??= new StateCopy();
        copy.Restart();
        return copy;
    }

    /// <summary>The copy of a template state's values this record keeps, if it has one yet (for <see cref="RecordPrefetch"/>).</summary>
    internal StateCopy? KeptStateCopy => _stateCopy;

    /// <summary>
    /// Marks the record taken from <paramref name="pool"/>, held once by the logging call. With
    /// <paramref name="callHandsOver"/> (<see cref="CapturePlan.HandsCallsHoldToQueue"/>), the call gives its hold to the
    /// first queue that takes the record and does not drop it itself.
    /// </summary>
    public void TakeFrom(RecordPool pool, bool callHandsOver)
    {
        LogRecord.Keep(ref _pool, pool);

        _references = 1;
        _callsHold = callHandsOver ? CallsHold.ToHandOver : CallsHold.Kept;
    }

    /// <summary>
    /// Adds a holder (a queue) of a pooled record, on the logging thread before the queue publishes it: the logging call's
    /// own hold when the call hands it over (a plain store, the record not yet seen by another thread), else one more.
    /// A record that no queue took (a hand-over or a close under the call) keeps the call's hold, and is left to the
    /// collector instead of the pool.
    /// </summary>
    public void AddReference()
    {
        if (_pool is null)
        {
            return;
        }

        if (_callsHold == CallsHold.ToHandOver)
        {
            _callsHold = CallsHold.HandedOver;
            return;
        }

        Interlocked.Increment(ref _references);
    }

    /// <summary>
    /// A queue refused the record it had just been given (closed under the call, or its channel write threw) and throws to
    /// the call's failure path, which may hand the record on to the sink's next generation (a late call): the queue's
    /// hold goes, but a hold that was the call's stays the call's, and the record is left to the collector. Returned to
    /// the pool here, it was cleared under the call, and the next generation wrote the cleared record, or one another
    /// call had taken from the pool, in its place (LateCallOfAHandedOverRecordTests). Logging thread only.
    /// </summary>
    public void ReleaseRefused()
    {
        if (_callsHold != CallsHold.HandedOver)
        {
            ReleaseReference();
        }
    }

    /// <summary>Drops a holder; the last one clears a pooled record and returns it to its pool.</summary>
    public void ReleaseReference()
    {
        if (_pool is { } pool && Interlocked.Decrement(ref _references) == 0)
        {
            record.ClearForPool();
            pool.Return(record);
        }
    }

    /// <summary>
    /// The buffer to format the record into ahead of time for one sink, or null when it is already formatted for
    /// another (one sink per record). Call <see cref="EndRender"/> once it holds the whole record.
    /// </summary>
    public Formatting.Utf8Buffer? BeginRender()
    {
        if (_renderedFor is not null)
        {
            return null;
        }

        // Held already when an earlier attempt threw half way (the writer formats such a record itself).
        _rendered ??= RenderBuffers.Rent();
        _rendered.Clear();
        return _rendered;
    }

    /// <summary>Marks the buffer from <see cref="BeginRender"/> as the record formatted for <paramref name="sink"/>.</summary>
    public void EndRender(object sink) => _renderedFor = sink;

    /// <summary>The bytes formatted ahead for <paramref name="sink"/>, if any.</summary>
    public bool TryGetRendered(object sink, out ReadOnlySpan<byte> bytes)
    {
        if (_rendered is { } rendered && ReferenceEquals(_renderedFor, sink))
        {
            bytes = rendered.WrittenSpan;
            return true;
        }

        bytes = default;
        return false;
    }

    /// <summary>Drops what the record held for one call: the copy of the values is kept for the next, a buffer formatted ahead goes back to <see cref="RenderBuffers"/>.</summary>
    /// <summary>
    /// A pooled record goes back to its pool, on the queue writer that held it last: the message left to render and the
    /// bytes formatted ahead are let go; each field is written only when it holds something, and the copy of the values
    /// is left for the next call to overwrite, but for its long strings (see <see cref="LogRecord.ClearForPool"/>).
    /// </summary>
    public void ClearForPool()
    {
        _stateCopy?.LetGoOfLongStrings();
        LogRecord.Keep(ref _deferredState, null);
        LogRecord.Keep(ref _deferredFormatter, null);
        LogRecord.Keep(ref _deferredRender, null);
        LogRecord.Keep(ref _renderedFor, null);
        if (_rendered is { } rendered)
        {
            _rendered = null;
            RenderBuffers.Return(rendered);
        }
    }

    public void Clear()
    {
        _stateCopy?.Clear();
        ForgetDeferredMessage();
        _renderedFor = null;
        if (_rendered is { } rendered)
        {
            _rendered = null;
            RenderBuffers.Return(rendered);
        }
    }

    private enum CallsHold : byte
    {
        Kept,
        ToHandOver,
        HandedOver,
    }
}
