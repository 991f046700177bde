using LoguStyle.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// Adds sinks in code (Loguru's <c>logger.add(...)</c>). Code sinks and the sinks of the <c>Logging:LoguStyle</c>
/// configuration section compose; a configured sink with the same name as a code sink changes that sink's keys.
/// </summary>
/// <remarks>
/// Each kind of sink has two forms: a one-liner with Loguru's most used arguments
/// (<c>AddFile("logs/app.log", rotation: "500 MB", retention: "10 days", compression: "gz")</c>) and the complete form,
/// which hands you the sink's options object (<c>AddFile("logs/app.log", file =&gt; { file.Shared = true; })</c>), whose
/// properties have the names of the configuration keys.
/// </remarks>
public sealed partial class LoguStyleBuilder
{
    private readonly SinkNameCounter _names;

    internal LoguStyleBuilder(IServiceCollection services)
    {
        Services = services;

        // One counter per service collection, so unnamed sinks of two AddLoguStyle calls do not share a name.
        _names = services.FirstOrDefault(d => d.ServiceType == typeof(SinkNameCounter))?.ImplementationInstance as SinkNameCounter
            ?? new SinkNameCounter();
        services.TryAddSingleton(_names);
    }

    /// <summary>The application's services, for registrations beside the sinks (a <see cref="TimeProvider"/>, say).</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a console sink (Loguru's default <c>sys.stderr</c> sink, here on stdout by default), named <c>"console"</c>.</summary>
    /// <param name="format">The template; null for Loguru's default layout.</param>
    /// <param name="level">The minimum level; default Trace (whatever MEL's filters let through).</param>
    /// <param name="colorize">When to write colours; default Auto (terminal only, honouring NO_COLOR and FORCE_COLOR).</param>
    /// <param name="stream">Stdout (default) or Stderr.</param>
    /// <param name="filter">Per-category levels, longest prefix wins; <c>""</c> is the default.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddConsole(level: LogLevel.Debug, format: "{time:HH:mm} {level} {message}");
    /// </code>
    /// </example>
    public LoguStyleBuilder AddConsole(
        string? format = null,
        LogLevel level = LogLevel.Trace,
        ColorMode colorize = ColorMode.Auto,
        ConsoleOutput stream = ConsoleOutput.Stdout,
        IReadOnlyDictionary<string, LogLevel>? filter = null) =>
        AddConsole(console =>
        {
            console.Colorize = colorize;
            console.Stream = stream;
            Describe(console, format, level, filter, predicate: null);
        });

    /// <summary>Adds a console sink described in full by its options (named <c>"console"</c> unless you name it).</summary>
    /// <param name="configure">Sets the sink's options; it runs once, here.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddConsole(errors =&gt;
    /// {
    ///     errors.Name = "errors";
    ///     errors.Stream = ConsoleOutput.Stderr;
    ///     errors.Level = LogLevel.Error;
    ///     errors.Format = "&lt;red&gt;{time:HH:mm:ss}&lt;/&gt; {level:u3} {message}";
    /// });
    /// </code>
    /// </example>
    public LoguStyleBuilder AddConsole(Action<ConsoleSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var sink = new ConsoleSinkOptions();
        configure(sink);
        return AddSink(sink);
    }

    /// <summary>
    /// Adds a file sink (Loguru's <c>logger.add("app.log", rotation="500 MB", retention="10 days", compression="gz")</c>),
    /// named after its path. Rotation, retention and compression take the grammar's strings or typed values
    /// (<c>Rotation.Daily(new TimeOnly(0, 0))</c>); a bad string throws <see cref="GrammarException"/> quoting it.
    /// Every other file option is in <see cref="AddFile(string, Action{FileSinkOptions})"/>.
    /// </summary>
    /// <param name="path">The active file's path; folders are created; the file name may hold <c>{time[:format]}</c> tokens.</param>
    /// <param name="rotation">When to start a new file: <c>"500 MB"</c>, <c>"1 week"</c>, <c>"00:00"</c>, <c>"monday at 12:00"</c>, <c>"daily"</c>, ...; default never.</param>
    /// <param name="retention">Which closed files to keep: a count (<c>5</c>) or an age (<c>"10 days"</c>); default all.</param>
    /// <param name="compression">How to compress closed files: <c>"gz"</c>, <c>"zip"</c>, <c>"br"</c>; default none.</param>
    /// <param name="format">The template; null for Loguru's default layout (without colours).</param>
    /// <param name="level">The minimum level; default Trace.</param>
    /// <param name="serialize">Write JSON lines (one object per record, see docs/json.md) instead of the template; default false.</param>
    /// <param name="jsonFormat">The schema of the JSON lines when <paramref name="serialize"/> is true: LoguStyle's own (default), Seq's CLEF, Elastic's ECS or an OTLP/JSON log record (docs/json.md).</param>
    /// <param name="enqueue">Format and write on a background writer behind a bounded queue; default false.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddFile("logs/app.log", rotation: "500 MB", retention: "10 days", compression: "gz")
    ///    .AddFile("logs/app.json", serialize: true, enqueue: true)
    ///    .AddFile("logs/app.clef", serialize: true, jsonFormat: JsonFormat.Clef);
    /// </code>
    /// </example>
    public LoguStyleBuilder AddFile(
        string path,
        Rotation? rotation = null,
        Retention? retention = null,
        Compression? compression = null,
        string? format = null,
        LogLevel level = LogLevel.Trace,
        bool serialize = false,
        JsonFormat jsonFormat = JsonFormat.LoguStyle,
        bool enqueue = false) =>
        AddFile(path, file =>
        {
            file.Rotation = rotation;
            file.Retention = retention;
            file.Compression = compression;
            file.Serialize = serialize;
            file.JsonFormat = jsonFormat;
            file.Enqueue = enqueue;
            Describe(file, format, level, filter: null, predicate: null);
        });

    /// <summary>Adds a file sink described in full by its options (named after its path unless you name it).</summary>
    /// <param name="path">The active file's path; folders are created; the file name may hold <c>{time[:format]}</c> tokens.</param>
    /// <param name="configure">Sets the sink's options; it runs once, here.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddFile("logs/app.log", file =&gt;
    /// {
    ///     file.Rotation = "10 MB";
    ///     file.Compression = "gz";
    ///     file.Shared = true;                      // several processes append to this file
    ///     file.Filter["Microsoft"] = LogLevel.Warning;
    /// });
    /// </code>
    /// </example>
    public LoguStyleBuilder AddFile(string path, Action<FileSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var sink = new FileSinkOptions(path);
        configure(sink);
        return AddSink(sink);
    }

    /// <summary>
    /// Adds a sink that calls <paramref name="write"/> with each record on the logging thread, one call at a time
    /// (Loguru's callable sink), named <c>"sink1"</c>, <c>"sink2"</c>, ... in the order added.
    /// </summary>
    /// <param name="write">
    /// Called once per accepted record; what it throws is reported on stderr, never rethrown. The record is this sink's
    /// own copy, never reused, so it may be kept.
    /// </param>
    /// <param name="level">The minimum level; default Trace.</param>
    /// <param name="predicate">
    /// A filter run on each record; false drops it for this sink (Loguru's callable <c>filter</c>). The record it sees is
    /// valid only during the call (the provider reuses it, and refills its lists): keep its values, not the record or its lists.
    /// </param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddSink(record =&gt; alerts.Post(record), level: LogLevel.Error, predicate: r =&gt; r.Message.Contains("pay"));
    /// </code>
    /// </example>
    public LoguStyleBuilder AddSink(Action<LogRecord> write, LogLevel level = LogLevel.Trace, Func<LogRecord, bool>? predicate = null) =>
        AddSink(write, sink => Describe(sink, format: null, level, filter: null, predicate));

    /// <summary>Adds a sink that calls <paramref name="write"/> with each record, described in full by its options.</summary>
    /// <param name="write">Called once per accepted record; what it throws is reported on stderr, never rethrown.</param>
    /// <param name="configure">Sets the sink's options; it runs once, here.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddSink(record =&gt; audit.Add(record), sink =&gt; { sink.Name = "audit"; sink.Enqueue = true; });
    /// </code>
    /// </example>
    public LoguStyleBuilder AddSink(Action<LogRecord> write, Action<DelegateSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(write);
        return AddNamed(name => new DelegateSinkOptions(name, write), configure);
    }

    /// <summary>
    /// Adds a sink that awaits <paramref name="writeAsync"/> for each record on a background writer, in order; the
    /// logging call waits only for room in the sink's queue (10,000 records), never for the delegate.
    /// </summary>
    /// <param name="writeAsync">Awaited once per accepted record; its token is cancelled when a drain times out.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddSink(async (record, ct) =&gt; await alerts.PostAsync(record, ct));
    /// </code>
    /// </example>
    public LoguStyleBuilder AddSink(Func<LogRecord, CancellationToken, ValueTask> writeAsync) => AddSink(writeAsync, static _ => { });

    /// <summary>Adds a sink that awaits <paramref name="writeAsync"/> for each record, described in full by its options.</summary>
    /// <param name="writeAsync">Awaited once per accepted record; its token is cancelled when a drain times out.</param>
    /// <param name="configure">Sets the sink's options; it runs once, here.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddSink(async (record, ct) =&gt; await alerts.PostAsync(record, ct), sink =&gt; sink.Level = LogLevel.Critical);
    /// </code>
    /// </example>
    public LoguStyleBuilder AddSink(Func<LogRecord, CancellationToken, ValueTask> writeAsync, Action<DelegateSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(writeAsync);
        return AddNamed(name => new DelegateSinkOptions(name, writeAsync), configure);
    }

    /// <summary>Adds a sink that calls <paramref name="write"/> with each record formatted by the template, without colours.</summary>
    /// <param name="write">Called once per accepted record with its text (ending in a newline), e.g. <c>Console.Error.Write</c>.</param>
    /// <param name="format">The template; null for Loguru's default layout.</param>
    /// <param name="level">The minimum level; default Trace.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddTextSink(text =&gt; alerts.Post(text), level: LogLevel.Error);
    /// </code>
    /// </example>
    public LoguStyleBuilder AddTextSink(Action<string> write, string? format = null, LogLevel level = LogLevel.Trace) =>
        AddTextSink(write, sink => Describe(sink, format, level, filter: null, predicate: null));

    /// <summary>Adds a sink that calls <paramref name="write"/> with each record's text, described in full by its options.</summary>
    /// <param name="write">Called once per accepted record with its text (ending in a newline).</param>
    /// <param name="configure">Sets the sink's options; it runs once, here.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddTextSink(text =&gt; Debug.Write(text), sink =&gt; { sink.Serialize = true; sink.Enqueue = true; });
    /// </code>
    /// </example>
    public LoguStyleBuilder AddTextSink(Action<string> write, Action<DelegateSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(write);
        return AddNamed(name => DelegateSinkOptions.ForText(name, write), configure);
    }

    /// <summary>
    /// Adds an enricher run on every record before any sink sees it (Loguru's <c>logger.patch</c>):
    /// <c>log.Patch(Enrichers.MachineName).Patch(r =&gt; r.SetProperty("Region", region))</c>.
    /// </summary>
    /// <param name="patch">
    /// Adds values with <see cref="LogRecord.SetProperty"/>; what it throws is reported, never rethrown. The record is
    /// valid only during the call: the provider reuses the object for later calls, so a record kept from here goes blank
    /// or changes, and so does a list it handed out (<see cref="LogRecord.Properties"/> is refilled); keep the values you
    /// need (<see cref="LogRecord.Message"/>, a copy of <see cref="LogRecord.Properties"/>), not the record or its lists.
    /// </param>
    /// <returns>This builder.</returns>
    public LoguStyleBuilder Patch(Action<LogRecord> patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        Services.Configure<LoguStyleLoggerOptions>(options => options.Patches.Add(patch));
        return this;
    }

    /// <summary>
    /// Defines a level beside MEL's six (Loguru's <c>logger.level("NOTICE", no=..., color=..., icon=...)</c>); log at it
    /// with <c>logger.Log("NOTICE", "template", args)</c>. See <see cref="LoguStyleLoggerOptions.CustomLevels"/>.
    /// </summary>
    /// <param name="name">The level's name: a letter, then up to 31 letters, digits, <c>_</c> or <c>-</c>.</param>
    /// <param name="baseLevel">The MEL level its records go through MEL at, and are filtered as.</param>
    /// <param name="color">The colour <c>&lt;level&gt;</c> applies, as opening markup tags; default the base level's.</param>
    /// <param name="icon">The icon <c>{level:icon}</c> writes; default none.</param>
    /// <returns>This builder.</returns>
    public LoguStyleBuilder AddLevel(string name, LogLevel baseLevel, string? color = null, string? icon = null)
    {
        ArgumentNullException.ThrowIfNull(name);

        // Checked with the other options at start-up (ValidateOnStart), so a bad name or colour names itself there.
        Services.Configure<LoguStyleLoggerOptions>(options => options.CustomLevels[name] = new CustomLevel { Base = baseLevel, Color = color, Icon = icon });
        return this;
    }

    /// <summary>Adds a sink described by an options object you built.</summary>
    /// <param name="sink">The sink's options.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddSink(new FileSinkOptions("logs/app.log") { Enqueue = true, QueueCapacity = 50_000, QueueFullMode = QueueFullMode.DropOldest });
    /// </code>
    /// </example>
    public LoguStyleBuilder AddSink(SinkOptions sink)
    {
        ArgumentNullException.ThrowIfNull(sink);

        // Runs each time the options are built (start-up and every reload); the sink is described, not built, here.
        Services.Configure<LoguStyleLoggerOptions>(options => options.Sinks.Add(sink));
        return this;
    }

    /// <summary>
    /// Builds a delegate sink under the next free <c>sinkN</c> name and lets <paramref name="configure"/> rename it; the
    /// number is taken only when the sink keeps it, so naming a sink never leaves a gap in the numbering.
    /// </summary>
    private LoguStyleBuilder AddNamed(Func<string, DelegateSinkOptions> create, Action<DelegateSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var name = _names.Peek();
        var sink = create(name);
        configure(sink);
        if (sink.Name == name)
        {
            _names.Next();
        }

        return AddSink(sink);
    }

    private static void Describe(
        SinkOptions sink,
        string? format,
        LogLevel level,
        IReadOnlyDictionary<string, LogLevel>? filter,
        Func<LogRecord, bool>? predicate)
    {
        sink.Format = format;
        sink.Level = level;
        sink.Predicate = predicate;
        foreach (var (prefix, prefixLevel) in filter ?? new Dictionary<string, LogLevel>())
        {
            sink.Filter[prefix] = prefixLevel;
        }
    }
}
