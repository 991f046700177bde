using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// One log record as every sink sees it: captured once per <c>ILogger.Log</c> call and never changed after
/// the call returns. Loguru's <c>record</c> dict.
/// </summary>
public sealed class LogRecord
{
    private static readonly object?[] NoScopes = [];

    private DateTimeOffset _timestamp;
    private LogLevel _level;
    private string _category;
    private byte[]? _categoryUtf8;
    private EventId _eventId;
    private string? _message;
    private string? _template;
    private IReadOnlyList<KeyValuePair<string, object?>>? _properties;
    private IReadOnlyList<KeyValuePair<string, object?>>? _state;
    private Exception? _exception;
    private IReadOnlyList<object?> _scopes = NoScopes;
    private int _threadId;
    private int _processId;
    private string? _traceId;
    private string? _spanId;
    private TimeSpan _elapsed;

    // A message rendered later, on a queue's writer: MEL's state, its formatter, and the generic renderer for them.
    private object? _deferredState;
    private Delegate? _deferredFormatter;
    private Func<object, Delegate, Exception?, string>? _deferredRender;

    // Values added by Patch enrichers, after the template's own.
    private List<KeyValuePair<string, object?>>? _added;

    // The parsed template and its values, when the message can be written straight to UTF-8 without its string.
    private Formatting.MessageTemplate? _messageTemplate;

    // A template state's values copied for a record written later; kept and reused with the record.
    private Pipeline.StateCopy? _stateCopy;

    // Reference count of a pooled record: the logging call and each queue holding it; null pool means not pooled.
    private RecordPool? _pool;
    private int _references;

    // Where a scope that cannot be read is reported, once per record however many sinks render it (1 once reported).
    private Pipeline.ScopeFaults? _scopeFaults;
    private int _scopeFaultReported;
    private LogRecord? _faultOwner;

    // The record already formatted for one sink by the logging thread (a queue's writer fell behind), and the sink it
    // is for. The buffer stays with a pooled record, so formatting ahead allocates nothing once the pool is warm.
    private Formatting.Utf8Buffer? _rendered;
    private object? _renderedFor;

    /// <summary>Creates a record. Sinks receive records from the provider; tests and custom pipelines may build their own.</summary>
    /// <param name="timestamp">When the record was logged, in local time (with its offset).</param>
    /// <param name="level">The MEL level.</param>
    /// <param name="category">The logger category, usually the full type name of <c>ILogger&lt;T&gt;</c>'s T.</param>
    /// <param name="message">The rendered message.</param>
    public LogRecord(DateTimeOffset timestamp, LogLevel level, string category, string message)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(message);
        _timestamp = timestamp;
        _level = level;
        _category = category;
        _message = message;
    }

    /// <summary>For reuse by the provider: an empty record filled by <see cref="Reset"/>.</summary>
    internal LogRecord()
    {
        _category = string.Empty;
        _message = string.Empty;
    }

    /// <summary>When the record was logged, from the provider's <see cref="TimeProvider"/>, in its local time zone.</summary>
    public DateTimeOffset Timestamp => _timestamp;

    /// <summary>The record's level.</summary>
    public LogLevel Level => _level;

    /// <summary>The logger category (<c>{category}</c>).</summary>
    public string Category => _category;

    /// <summary>The category escaped and encoded once per logger, when the provider captured the record.</summary>
    internal byte[]? CategoryUtf8 => _categoryUtf8;

    /// <summary>The event id (<c>{eventid}</c>, <c>{eventname}</c>).</summary>
    public EventId EventId { get => _eventId; init => _eventId = value; }

    /// <summary>The message rendered once by MEL's formatter (<c>{message}</c>).</summary>
    public string Message => _message ??= RenderDeferred();

    /// <summary>The message template (MEL's <c>{OriginalFormat}</c>), when the state carried one.</summary>
    public string? Template { get => _template; init => _template = value; }

    /// <summary>The template's named values, in template order, without <c>{OriginalFormat}</c> (<c>{extra[Name]}</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Properties
    {
        get
        {
            var properties = _properties ??= Pipeline.RecordCapture.ReadProperties(_state, snapshot: false);
            return _added is null ? properties : [.. properties, .. _added];
        }

        init => _properties = value;
    }

    /// <summary>
    /// Adds a named value to the record, or replaces the one added earlier under that name (Loguru's
    /// <c>record["extra"][name] = value</c> in a <c>patch</c>). Meant for <c>Patch</c> enrichers, which run before any
    /// sink sees the record; the value shows in <c>{extra[Name]}</c> and in the JSON <c>props</c>.
    /// </summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value.</param>
    public void SetProperty(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _added ??= [];
        var index = _added.FindIndex(p => p.Key == name);
        if (index >= 0)
        {
            _added[index] = new(name, value);
        }
        else
        {
            _added.Add(new(name, value));
        }
    }

    /// <summary>The exception passed to the log call, if any (<c>{exception}</c>).</summary>
    public Exception? Exception { get => _exception; init => _exception = value; }

    /// <summary>The active scopes, outermost first (<c>{scopes}</c>); empty when no sink asked for scopes.</summary>
    public IReadOnlyList<object?> Scopes { get => _scopes; init => _scopes = value; }

    /// <summary>The managed thread id of the logging thread (<c>{thread}</c>).</summary>
    public int ThreadId { get => _threadId; init => _threadId = value; }

    /// <summary>The process id (<c>{process}</c>).</summary>
    public int ProcessId { get => _processId; init => _processId = value; }

    /// <summary>The W3C trace id of <c>Activity.Current</c>, if any (<c>{traceid}</c>).</summary>
    public string? TraceId { get => _traceId; init => _traceId = value; }

    /// <summary>The W3C span id of <c>Activity.Current</c>, if any (<c>{spanid}</c>).</summary>
    public string? SpanId { get => _spanId; init => _spanId = value; }

    /// <summary>Time since the provider started (<c>{elapsed}</c>).</summary>
    public TimeSpan Elapsed { get => _elapsed; init => _elapsed = value; }

    /// <summary>
    /// Finds a named value: a template property first, then the innermost scope that carries the name
    /// (scopes that are lists of key/value pairs). Names compare ordinally, case-sensitive.
    /// </summary>
    /// <param name="name">The property name.</param>
    /// <param name="value">The value found, possibly null.</param>
    /// <returns>True when the name was found.</returns>
    public bool TryGetProperty(string name, out object? value)
    {
        foreach (var pair in Properties)
        {
            if (pair.Key == name)
            {
                value = pair.Value;
                return true;
            }
        }

        for (var i = Scopes.Count - 1; i >= 0; i--)
        {
            if (Scopes[i] is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                try
                {
                    foreach (var pair in pairs)
                    {
                        if (pair.Key == name)
                        {
                            value = pair.Value;
                            return true;
                        }
                    }
                }
#pragma warning disable CA1031 // A scope is user code; one that cannot be read has no value to give, the others may.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    ScopeFailed(ex);
                }
            }
        }

        value = null;
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Timestamp:O} {Level} {Category}: {Message}";

    /// <summary>
    /// Fills the record. <paramref name="state"/> is MEL's state list, read only when <see cref="Properties"/> is asked
    /// for, so a record that no sink asks for properties costs no copy; <paramref name="properties"/>, when given, wins.
    /// </summary>
    internal LogRecord Reset(
        DateTimeOffset timestamp,
        LogLevel level,
        string category,
        byte[]? categoryUtf8,
        EventId eventId,
        string? message,
        string? template,
        IReadOnlyList<KeyValuePair<string, object?>>? state,
        IReadOnlyList<KeyValuePair<string, object?>>? properties,
        Exception? exception,
        IReadOnlyList<object?>? scopes,
        int threadId,
        int processId,
        string? traceId,
        string? spanId,
        TimeSpan elapsed)
    {
        _timestamp = timestamp;
        _level = level;
        _category = category;
        _categoryUtf8 = categoryUtf8;
        _eventId = eventId;
        _message = message;
        _template = template;
        _state = state;
        _properties = properties;
        _exception = exception;
        _scopes = scopes ?? NoScopes;
        _threadId = threadId;
        _processId = processId;
        _traceId = traceId;
        _spanId = spanId;
        _elapsed = elapsed;
        _deferredState = null;
        _deferredFormatter = null;
        _deferredRender = null;
        _messageTemplate = null;
        _added = null;
        _scopeFaults = null;
        _scopeFaultReported = 0;
        return this;
    }

    /// <summary>
    /// Replaces the rendered message (a <c>Patch</c> that rewrites records: masks a secret, say). Sinks that run after
    /// the patch write the new text; the template and properties are kept.
    /// </summary>
    /// <param name="message">The new message.</param>
    public void SetMessage(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _message = message;
        _messageTemplate = null;
    }

    /// <summary>A standalone copy (message rendered, properties and added values copied), for a sink's own enricher.</summary>
    internal LogRecord Copy()
    {
        var copy = new LogRecord(_timestamp, _level, _category, Message)
        {
            _categoryUtf8 = _categoryUtf8,
            EventId = _eventId,
            Template = _template,
            Properties = [.. _properties ??= Pipeline.RecordCapture.ReadProperties(_state, snapshot: false)],
            Exception = _exception,
            Scopes = _scopes,
            ThreadId = _threadId,
            ProcessId = _processId,
            TraceId = _traceId,
            SpanId = _spanId,
            Elapsed = _elapsed,
        };
        if (_added is not null)
        {
            copy._added = [.. _added];
        }

        // A sink's copy reports through its original, so the record is still counted once.
        copy._faultOwner = this;
        return copy;
    }

    /// <summary>Sets the scopes the capture read (after <see cref="Reset"/>, once the record can report a scope that fails).</summary>
    internal void SetScopes(IReadOnlyList<object?> scopes) => _scopes = scopes;

    /// <summary>Where this record reports a scope that cannot be read (the capturing provider's count).</summary>
    internal void ReportScopeFaultsTo(Pipeline.ScopeFaults faults) => _scopeFaults = faults;

    /// <summary>
    /// A scope of this record could not be read; a formatter wrote a marker in its place. Counted once per record,
    /// whichever sink (or the capture) found it first.
    /// </summary>
    internal void ScopeFailed(Exception error)
    {
        if (_faultOwner is { } owner)
        {
            owner.ScopeFailed(error);
        }
        else if (_scopeFaults is { } faults && Interlocked.Exchange(ref _scopeFaultReported, 1) == 0)
        {
            faults.RecordHadUnreadableScope(error);
        }
    }

    /// <summary>Drops the references a reused record holds, so it keeps nothing alive between calls.</summary>
    internal void Clear()
    {
        _stateCopy?.Clear();
        _state = null;
        _properties = null;
        _exception = null;
        _scopes = NoScopes;
        _message = string.Empty;
        _template = null;
        _deferredState = null;
        _deferredFormatter = null;
        _deferredRender = null;
        _added = null;
        _scopeFaults = null;
        _renderedFor = null;
        if (_rendered is { Capacity: > 64 * 1024 })
        {
            // A huge record's buffer is not kept for the next, small ones.
            _rendered = null;
        }
    }

    /// <summary>
    /// The buffer to format this record into ahead of time for one sink, or null when it is already formatted for
    /// another (one sink per record). Call <see cref="EndRender"/> once it holds the whole record.
    /// </summary>
    internal Formatting.Utf8Buffer? BeginRender()
    {
        if (_renderedFor is not null)
        {
            return null;
        }

        _rendered ??= new Formatting.Utf8Buffer(256);
        _rendered.Clear();
        return _rendered;
    }

    /// <summary>Marks the buffer from <see cref="BeginRender"/> as this record formatted for <paramref name="sink"/>.</summary>
    internal void EndRender(object sink) => _renderedFor = sink;

    /// <summary>The bytes formatted ahead for <paramref name="sink"/>, if any.</summary>
    internal bool TryGetRendered(object sink, out ReadOnlySpan<byte> bytes)
    {
        if (_rendered is { } rendered && ReferenceEquals(_renderedFor, sink))
        {
            bytes = rendered.WrittenSpan;
            return true;
        }

        bytes = default;
        return false;
    }

    /// <summary>The parsed template and values for writing the message straight to UTF-8, when this record has them.</summary>
    internal bool TryGetMessageSource(out Formatting.MessageTemplate template, out IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        template = _messageTemplate!;
        values = _state!;
        return _message is null && _messageTemplate is not null && _state is not null;
    }

    /// <summary>
    /// This record's reusable copy of a template state's values, for the capture to fill: empty, because a pooled record
    /// is cleared (<see cref="Clear"/>) when it goes back to the pool, and only pooled records are filled this way.
    /// </summary>
    internal Pipeline.StateCopy EmptyStateCopy()
    {
        var copy = _stateCopy ??= new Pipeline.StateCopy();
        System.Diagnostics.Debug.Assert(copy.Count == 0, "a pooled record is cleared when it is returned");
        return copy;
    }

    /// <summary>
    /// Leaves the message to be rendered when a sink first reads it: by MEL's formatter from its state, or, without a
    /// formatter (the values were copied), from the parsed template and the record's copy of the values.
    /// </summary>
    internal void DeferMessage(object? state, Delegate? formatter, Func<object, Delegate, Exception?, string>? render, Formatting.MessageTemplate? template)
    {
        _message = null;
        _messageTemplate = template;
        _deferredState = state;
        _deferredFormatter = formatter;
        _deferredRender = render;
    }

    /// <summary>Marks a record taken from <paramref name="pool"/>, held once by the logging call.</summary>
    internal void TakeFrom(RecordPool pool)
    {
        _pool = pool;
        _references = 1;
    }

    /// <summary>Adds a holder (a queue) of a pooled record.</summary>
    internal void AddReference()
    {
        if (_pool is not null)
        {
            Interlocked.Increment(ref _references);
        }
    }

    /// <summary>Drops a holder; the last one returns a pooled record to its pool.</summary>
    internal void ReleaseReference()
    {
        if (_pool is { } pool && Interlocked.Decrement(ref _references) == 0)
        {
            Clear();
            _pool = null;
            pool.Return(this);
        }
    }

    private string RenderDeferred()
    {
        try
        {
            if (_deferredRender is { } render)
            {
                return render(_deferredState!, _deferredFormatter!, _exception) ?? string.Empty;
            }

            return _messageTemplate is { } template && _state is { } values ? template.RenderText(values) : string.Empty;
        }
#pragma warning disable CA1031 // An argument's ToString is user code; the record is still written, with the reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Pipeline.MessageFallback.Render(_deferredState ?? _state, _template, null, ex);
        }
    }
}
