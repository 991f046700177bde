using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// One log record as every sink sees it, captured once per <c>ILogger.Log</c> call (Loguru's <c>record</c> dict).
/// </summary>
/// <remarks>
/// A record handed to a <c>Patch</c> enricher or to a sink's predicate, and the lists it hands out (<see cref="Properties"/>,
/// <see cref="Scopes"/>), are valid only during that call: to log without allocating, the provider reuses the record
/// object for later calls, on this thread or another, once every sink is done with it, and may refill the same list
/// (<see cref="Properties"/> is). Copy what you keep: <see cref="Message"/>, and a list's items
/// (<c>[.. record.Properties]</c>), not the record or the list. A record handed to a delegate sink (<c>AddSink</c>) is
/// that sink's own and is never reused.
/// </remarks>
public sealed class LogRecord
{
    private static readonly object?[] NoScopes = [];

    private DateTimeOffset _timestamp;
    private LogLevel _level;
    private string? _levelName;
    private string _category;
    private byte[]? _categoryUtf8;
    private EventId _eventId;
    private string? _message;
    private string? _template;
    private IReadOnlyList<KeyValuePair<string, object?>>? _properties;

    // The list Properties reads the state into, kept across calls: a reused or pooled record is refilled for every call
    // (a record's sinks copy what they keep), so a JSON sink's call allocates no list for it. The
    // writers of several queues may read Properties of one pooled record at once: the first takes the list
    // (_readPropertiesTaken), any other reads into a new one, as before. Reset and Clear, done by the record's only
    // holder, give it back.
    private List<KeyValuePair<string, object?>>? _readProperties;
    private int _readPropertiesTaken;
    private IReadOnlyList<KeyValuePair<string, object?>>? _state;
    private Exception? _exception;
    private string? _caughtStack;
    private IReadOnlyList<object?> _scopes = NoScopes;
    private int _threadId;
    private int _processId;
    private string? _traceId;
    private string? _spanId;
    private TimeSpan _elapsed;
    private string? _callerFunction;
    private string? _callerFilePath;
    private int _callerLine;

    // The caller came from a stack walk (CallerInfo: StackTrace), not from the compiler: a sink without the key hides it.
    private bool _callerFromStack;

    // Values added by Patch enrichers, after the template's own.
    private List<KeyValuePair<string, object?>>? _added;

    // Where a scope that cannot be read is reported, once per record however many sinks render it (1 once reported).
    private Pipeline.ScopeFaults? _scopeFaults;
    private int _scopeFaultReported;
    private LogRecord? _faultOwner;

    // Pooling, the message left to render later, the bytes formatted ahead: made when first needed.
    private Pipeline.RecordCompanion? _companion;

    /// <summary>
    /// Creates a record, to unit-test your own enricher, predicate or delegate sink: the provider makes the records it
    /// hands them, and no LoguStyle API takes one from you. The values a record may lack (exception, properties, event
    /// id, scopes, caller, ...) are <c>init</c> properties, set in an object initializer: the C# form for many optional
    /// values, where a constructor would need a dozen optional parameters.
    /// </summary>
    /// <example><code>var record = new LogRecord(DateTimeOffset.Now, LogLevel.Error, "Orders", "failed") { Exception = error };</code></example>
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

    /// <summary>
    /// A line a sink writes about itself (a queue's in-band drop report), not a logged call: a sink counts its bytes as
    /// written, not the record, so written + dropped + errors stays the number of calls.
    /// </summary>
    internal bool IsSinkReport { get; init; }

    /// <summary>When the record was logged, from the provider's <see cref="TimeProvider"/>, in its local time zone.</summary>
    public DateTimeOffset Timestamp => _timestamp;

    /// <summary>The record's level: for a custom level (<c>logger.Success(...)</c>), its base.</summary>
    public LogLevel Level => _level;

    /// <summary>
    /// The custom level's name (<c>SUCCESS</c>) when the record was logged at one (<c>logger.Log("SUCCESS", ...)</c>);
    /// null for MEL's own levels. <c>{level}</c> writes it, and the JSON <c>levelName</c>.
    /// </summary>
    public string? LevelName { get => _levelName; init => _levelName = value; }

    /// <summary>The logger category (<c>{category}</c>).</summary>
    public string Category => _category;

    /// <summary>The category escaped and encoded once per logger, when the provider captured the record.</summary>
    internal byte[]? CategoryUtf8 => _categoryUtf8;

    /// <summary>The event id (<c>{eventid}</c>, <c>{eventname}</c>).</summary>
    public EventId EventId { get => _eventId; init => _eventId = value; }

    /// <summary>The message rendered once by MEL's formatter (<c>{message}</c>).</summary>
    public string Message => _message ??= _companion?.RenderMessage(_state, _exception, _template) ?? string.Empty;

    /// <summary>The message template (MEL's <c>{OriginalFormat}</c>), when the state carried one.</summary>
    public string? Template { get => _template; init => _template = value; }

    /// <summary>
    /// The template's named values, in template order, without <c>{OriginalFormat}</c> (<c>{extra[Name]}</c>), and
    /// without the tags of Microsoft's telemetry stack that repeat a field of this record (<c>exception.type</c> beside
    /// <see cref="Exception"/>, <c>thread.id</c> equal to <see cref="ThreadId"/>, ...). In a <c>Patch</c> or a predicate
    /// the list is valid during the call only: a reused record refills it for a later call, so copy its items to keep them.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Properties
    {
        get
        {
            var properties = _properties ??= Pipeline.RecordCapture.ReadProperties(_state, snapshot: false, Fields, TakeReadProperties());
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
    /// The calling member (<c>{function}</c>): given by the compiler to the Loguru-style methods
    /// (<c>logger.Info($"...")</c>), or found from a stack trace for a sink with <c>CallerInfo: StackTrace</c>; null
    /// otherwise (a plain MEL call).
    /// </summary>
    public string? CallerFunction { get => _callerFunction; init => _callerFunction = value; }

    /// <summary>The calling source file, its whole path as the compiler saw it (<c>{file:path}</c>; <c>{file}</c> is its name); null when unknown.</summary>
    public string? CallerFilePath { get => _callerFilePath; init => _callerFilePath = value; }

    /// <summary>The calling line (<c>{line}</c>); 0 when unknown.</summary>
    public int CallerLine { get => _callerLine; init => _callerLine = value; }

    /// <summary>
    /// Finds a named value: a template property first, then the innermost scope that carries the name
    /// (scopes that are lists of key/value pairs or dictionaries, of any value type, as JSON writes them). Names
    /// compare ordinally, case-sensitive.
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
            try
            {
                // Pairs of any value type (Dictionary<string, int> has no KeyValuePair<string, object?>), as JSON reads them.
                if (Formatting.CollectionValue.ScopePairs(Scopes[i]) is { } pairs)
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
            }
#pragma warning disable CA1031 // A scope is user code; one that cannot be read has no value to give, the others may.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ScopeFailed(ex);
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
        // A reused or pooled record is old (a collection or two promoted it), and most of its references are the same
        // call after call (the category, the template, null): Keep skips the store, and the GC's write barrier each
        // store of a reference into an old object runs, when the field already holds the value.
        _timestamp = timestamp;
        _level = level;
        _levelName = null;
        Keep(ref _category, category);
        Keep(ref _categoryUtf8, categoryUtf8);
        _eventId = eventId;
        Keep(ref _message, message);
        Keep(ref _template, template);
        Keep(ref _state, state);
        Keep(ref _properties, properties);
        _readPropertiesTaken = 0;
        Keep(ref _exception, exception);
        Keep(ref _caughtStack, exception is null ? null : Pipeline.CatchFrames.For(this)?.Stack);
        Keep(ref _scopes, scopes ?? NoScopes);
        _threadId = threadId;
        _processId = processId;
        Keep(ref _traceId, traceId);
        Keep(ref _spanId, spanId);
        _elapsed = elapsed;
        _companion?.ForgetDeferredMessage();
        _added = null;
        _scopeFaults = null;
        _scopeFaultReported = 0;
        _callerFunction = null;
        _callerFilePath = null;
        _callerLine = 0;
        _callerFromStack = false;
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
        _companion?.ForgetDeferredMessage();
    }

    /// <summary>
    /// A standalone copy (message rendered, properties and added values copied), for a sink's own enricher, or for a
    /// delegate sink that must not see a caller found from the stack (<paramref name="keepStackCaller"/> false).
    /// </summary>
    internal LogRecord Copy(bool keepStackCaller = true)
    {
        var keepCaller = keepStackCaller || !_callerFromStack;
        var copy = new LogRecord(_timestamp, _level, _category, Message)
        {
            _categoryUtf8 = _categoryUtf8,
            LevelName = _levelName,
            EventId = _eventId,
            Template = _template,
            Properties = [.. _properties ??= Pipeline.RecordCapture.ReadProperties(_state, snapshot: false, Fields, TakeReadProperties())],
            Exception = _exception,
            Scopes = _scopes,
            ThreadId = _threadId,
            ProcessId = _processId,
            TraceId = _traceId,
            SpanId = _spanId,
            Elapsed = _elapsed,
            CallerFunction = keepCaller ? _callerFunction : null,
            CallerFilePath = keepCaller ? _callerFilePath : null,
            CallerLine = keepCaller ? _callerLine : 0,
        };
        copy._callerFromStack = keepCaller && _callerFromStack;
        copy._caughtStack = _caughtStack;
        if (_added is not null)
        {
            copy._added = [.. _added];
        }

        // A sink's copy reports through its original, so the record is still counted once.
        copy._faultOwner = this;
        return copy;
    }

    /// <summary>
    /// Sets the caller a Loguru-style call was given (by the compiler, or passed explicitly): a null function is unknown
    /// as an empty one is (a sink with <c>CallerInfo: StackTrace</c> must not walk for it while the others keep the
    /// file and line), and a line below 1 is unknown, 0, for every sink alike.
    /// </summary>
    internal void SetGivenCaller(string? function, string? filePath, int line) =>
        SetCaller(function ?? string.Empty, filePath, line > 0 ? line : 0);

    /// <summary>Sets where the record was logged from (after <see cref="Reset"/>); <paramref name="fromStack"/> when a stack walk found it.</summary>
    internal void SetCaller(string? function, string? filePath, int line, bool fromStack = false)
    {
        _callerFunction = function;
        _callerFilePath = filePath;
        _callerLine = line;
        _callerFromStack = fromStack;
    }

    /// <summary>True when the caller was found by a stack walk (<c>CallerInfo: StackTrace</c>), not given by the compiler.</summary>
    internal bool CallerFromStack => _callerFromStack;

    /// <summary>
    /// For a record Catch logs, its exception's stack as it stood when Catch caught it (<see cref="Pipeline.CatchLogging.Stack"/>),
    /// which every sink writes as the exception's own; null for any other record.
    /// </summary>
    internal string? CaughtStack => _caughtStack;

    /// <summary>
    /// True when a sink writes this record's caller: always for a caller the compiler gave, and for one found from the
    /// stack only when the sink asked for it (<paramref name="stackCaller"/>, the sink's <c>CallerInfo: StackTrace</c>).
    /// The formatters ask this instead of each sink getting a copy of the shared record without the stack caller.
    /// </summary>
    internal bool ShowsCaller(bool stackCaller) => stackCaller || !_callerFromStack;

    /// <summary>Sets the custom level's name of the call that logged the record (after <see cref="Reset"/>).</summary>
    internal void SetLevelName(string? name) => Keep(ref _levelName, name);

    /// <summary>The fields a telemetry tag of the state may repeat (<see cref="Pipeline.TelemetryTags"/>).</summary>
    private Pipeline.RecordFields Fields => new(_exception, _threadId, _processId, _traceId, _spanId);

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

    private List<KeyValuePair<string, object?>>? TakeReadProperties() =>
        Interlocked.Exchange(ref _readPropertiesTaken, 1) == 0 ? _readProperties ??= [] : null;

    /// <summary>
    /// Stores <paramref name="value"/> only when the field holds another reference: a reused or pooled record is old, and
    /// a store into it runs the GC's write barrier, and dirties a line another core may hold, even when nothing changes.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static void Keep<T>(ref T field, T value)
        where T : class?
    {
        if (!ReferenceEquals(field, value))
        {
            field = value;
        }
    }

    /// <summary>
    /// This record's view of a struct template state (<see cref="Pipeline.StateList{TState}"/>), kept from call to call,
    /// holding a state only while a call reads it; null until a call needed one.
    /// </summary>
    internal Pipeline.ReusedStateList? StateView { get; set; }

    /// <summary>Drops the references a reused record holds, so it keeps nothing alive between calls.</summary>
    internal void Clear()
    {
        _companion?.Clear();
        StateView?.Forget();
        _state = null;
        _properties = null;
        _readProperties?.Clear();
        _readPropertiesTaken = 0;
        _exception = null;
        _caughtStack = null;
        _scopes = NoScopes;
        _message = string.Empty;
        _template = null;
        _added = null;
        _scopeFaults = null;
        _callerFunction = null;
        _callerFilePath = null;
        _callerFromStack = false;
    }

    /// <summary>
    /// A pooled record goes back to its pool, on the queue writer that held it last, which has only read it so far: a
    /// field is written only when it holds something the next call will not store again (an exception, scopes,
    /// properties), so the record's lines stay as the caller wrote them, and its next caller, on another core, finds them
    /// without taking them back from this one. The category, template and values copy are the same call after call
    /// (<see cref="Keep"/> then skips their stores too).
    /// </summary>
    internal void ClearForPool()
    {
        _companion?.ClearForPool();
        if (!ReferenceEquals(_state, _companion?.KeptStateCopy))
        {
            Keep(ref _state, null);
        }

        Keep(ref _properties, null);
        if (_readProperties is { Count: > 0 } read)
        {
            read.Clear();
        }

        if (_readPropertiesTaken != 0)
        {
            _readPropertiesTaken = 0;
        }

        Keep(ref _exception, null);
        Keep(ref _caughtStack, null);
        Keep(ref _scopes, NoScopes);

        if (_message is { Length: > 0 })
        {
            _message = string.Empty;
        }

        Keep(ref _added, null);
        Keep(ref _scopeFaults, null);
    }

    /// <summary>The record's companion (pooling, deferred message, bytes formatted ahead), or null when it needed none yet.</summary>
    internal Pipeline.RecordCompanion? Companion => _companion;

    /// <summary>The record's companion, made on first use; a reused or pooled record keeps it.</summary>
    internal Pipeline.RecordCompanion EnsureCompanion() => _companion ??= new Pipeline.RecordCompanion(this);

    /// <summary>The parsed template and values for writing the message straight to UTF-8, when this record has them.</summary>
    internal bool TryGetMessageSource(out Formatting.MessageTemplate template, out IReadOnlyList<KeyValuePair<string, object?>> values)
    {
        template = _companion?.MessageTemplate!;
        values = _state!;
        return _message is null && template is not null && values is not null;
    }

    /// <summary>Leaves the message to the companion (see <see cref="Pipeline.RecordCompanion.DeferMessage"/>).</summary>
    internal void DeferMessage(object? state, Delegate? formatter, Func<object, Delegate, Exception?, string>? render, Formatting.MessageTemplate? template)
    {
        _message = null;
        EnsureCompanion().DeferMessage(state, formatter, render, template);
    }
}
