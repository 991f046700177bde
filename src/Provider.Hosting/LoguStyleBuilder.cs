using LoguStyle.Hosting;
using LoguStyle.Sinks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// Adds sinks in code (Loguru's <c>logger.add(...)</c>). Code sinks and the sinks of the <c>Logging:LoguStyle</c>
/// configuration section compose; a configured sink with the same name as a code sink changes that sink's keys.
/// </summary>
public sealed class LoguStyleBuilder
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

    /// <summary>Adds a console sink (Loguru's default <c>sys.stderr</c> sink, here on stdout by default).</summary>
    /// <param name="format">The template; null for Loguru's default layout.</param>
    /// <param name="level">The minimum level; default Trace (whatever MEL's filters let through).</param>
    /// <param name="colorize">When to write colours; default Auto (terminal only, honouring NO_COLOR and FORCE_COLOR).</param>
    /// <param name="stream">Stdout (default) or Stderr.</param>
    /// <param name="filter">Per-category levels, longest prefix wins; <c>""</c> is the default.</param>
    /// <param name="predicate">A filter run on each record; false drops it for this sink.</param>
    /// <param name="name">The sink's name; default <c>"console"</c>.</param>
    /// <param name="enqueue">Write through a bounded queue and a background writer; default false.</param>
    /// <param name="serialize">Write one JSON object per line instead of the template; default false.</param>
    /// <param name="singleLine">Write line breaks inside a record as <c>\n</c>, so each record is one line; default false.</param>
    /// <returns>This builder.</returns>
    public LoguStyleBuilder AddConsole(
        string? format = null,
        LogLevel level = LogLevel.Trace,
        ColorMode colorize = ColorMode.Auto,
        ConsoleOutput stream = ConsoleOutput.Stdout,
        IReadOnlyDictionary<string, LogLevel>? filter = null,
        Func<LogRecord, bool>? predicate = null,
        string name = ConsoleSinkOptions.DefaultName,
        bool enqueue = false,
        bool serialize = false,
        bool singleLine = false)
    {
        var sink = new ConsoleSinkOptions(name) { Colorize = colorize, Stream = stream, Enqueue = enqueue, Serialize = serialize, SingleLine = singleLine };
        return AddSink(Describe(sink, format, level, filter, predicate));
    }

    /// <summary>Adds a sink that calls <paramref name="write"/> with each record on the logging thread, one call at a time.</summary>
    /// <param name="write">Called once per accepted record; what it throws is reported on stderr, never rethrown.</param>
    /// <param name="level">The minimum level; default Trace.</param>
    /// <param name="filter">Per-category levels, longest prefix wins.</param>
    /// <param name="predicate">A filter run on each record.</param>
    /// <param name="name">The sink's name; default <c>"sink1"</c>, <c>"sink2"</c>, ... in the order added.</param>
    /// <param name="enqueue">Call the delegate from a background writer instead of the logging thread; default false.</param>
    /// <returns>This builder.</returns>
    public LoguStyleBuilder AddSink(
        Action<LogRecord> write,
        LogLevel level = LogLevel.Trace,
        IReadOnlyDictionary<string, LogLevel>? filter = null,
        Func<LogRecord, bool>? predicate = null,
        string? name = null,
        bool enqueue = false) =>
        AddSink(Describe(new DelegateSinkOptions(name ?? NextName(), write) { Enqueue = enqueue }, null, level, filter, predicate));

    /// <summary>
    /// Adds a sink that awaits <paramref name="writeAsync"/> for each record on a background writer, in order; the
    /// logging call waits only for room in the sink's queue (10,000 records), never for the delegate.
    /// </summary>
    /// <param name="writeAsync">Awaited once per accepted record.</param>
    /// <param name="level">The minimum level; default Trace.</param>
    /// <param name="filter">Per-category levels, longest prefix wins.</param>
    /// <param name="predicate">A filter run on each record.</param>
    /// <param name="name">The sink's name; default <c>"sink1"</c>, <c>"sink2"</c>, ... in the order added.</param>
    /// <returns>This builder.</returns>
    public LoguStyleBuilder AddSink(
        Func<LogRecord, CancellationToken, ValueTask> writeAsync,
        LogLevel level = LogLevel.Trace,
        IReadOnlyDictionary<string, LogLevel>? filter = null,
        Func<LogRecord, bool>? predicate = null,
        string? name = null) =>
        AddSink(Describe(new DelegateSinkOptions(name ?? NextName(), writeAsync), null, level, filter, predicate));

    /// <summary>Adds a sink that calls <paramref name="write"/> with each record formatted by the template, without colours.</summary>
    /// <param name="write">Called once per accepted record with its text (ending in a newline), e.g. <c>Console.Error.Write</c>.</param>
    /// <param name="format">The template; null for Loguru's default layout.</param>
    /// <param name="level">The minimum level; default Trace.</param>
    /// <param name="filter">Per-category levels, longest prefix wins.</param>
    /// <param name="predicate">A filter run on each record.</param>
    /// <param name="name">The sink's name; default <c>"sink1"</c>, <c>"sink2"</c>, ... in the order added.</param>
    /// <param name="enqueue">Format and call the delegate on a background writer; default false.</param>
    /// <param name="serialize">Hand over one JSON object per record instead of the template's text; default false.</param>
    /// <returns>This builder.</returns>
    public LoguStyleBuilder AddTextSink(
        Action<string> write,
        string? format = null,
        LogLevel level = LogLevel.Trace,
        IReadOnlyDictionary<string, LogLevel>? filter = null,
        Func<LogRecord, bool>? predicate = null,
        string? name = null,
        bool enqueue = false,
        bool serialize = false)
    {
        var sink = DelegateSinkOptions.ForText(name ?? NextName(), write);
        sink.Enqueue = enqueue;
        sink.Serialize = serialize;
        return AddSink(Describe(sink, format, level, filter, predicate));
    }

    /// <summary>
    /// Adds a file sink (Loguru's <c>logger.add("app.log", rotation="500 MB", retention="10 days", compression="gz")</c>).
    /// Rotation, retention and compression take the grammar's strings or typed values
    /// (<c>Rotation.Daily(new TimeOnly(0, 0))</c>); a bad string throws <see cref="GrammarException"/> quoting it.
    /// </summary>
    /// <param name="path">The active file's path; folders are created; the file name may hold <c>{time[:format]}</c> tokens.</param>
    /// <param name="rotation">When to start a new file: <c>"500 MB"</c>, <c>"1 week"</c>, <c>"00:00"</c>, <c>"monday at 12:00"</c>, <c>"daily"</c>, ...; default never.</param>
    /// <param name="retention">Which closed files to keep: a count (<c>5</c>) or an age (<c>"10 days"</c>); default all.</param>
    /// <param name="compression">How to compress closed files: <c>"gz"</c>, <c>"zip"</c>, <c>"br"</c>; default none.</param>
    /// <param name="format">The template; null for Loguru's default layout (without colours).</param>
    /// <param name="level">The minimum level; default Trace.</param>
    /// <param name="filter">Per-category levels, longest prefix wins.</param>
    /// <param name="predicate">A filter run on each record.</param>
    /// <param name="delay">Create the file at the first record; default false.</param>
    /// <param name="watch">Reopen the file when it was moved or deleted; default false.</param>
    /// <param name="mode">Append to (default) or truncate an existing file.</param>
    /// <param name="rotateOnShutdown">Rotate and compress the active file at shutdown; default false.</param>
    /// <param name="autoFlush">Flush every record to the operating system; default false (flushed within 200 ms).</param>
    /// <param name="name">The sink's name; default the path.</param>
    /// <param name="enqueue">Format and write on a background writer behind a bounded queue; default false.</param>
    /// <param name="serialize">Write JSON lines (one object per record, see docs/json.md) instead of the template; default false.</param>
    /// <param name="singleLine">Write line breaks inside a record as <c>\n</c>, so each record is one line; default false.</param>
    /// <param name="shared">Several processes write this file (see <see cref="FileSinkOptions.Shared"/>); default false.</param>
    /// <returns>This builder.</returns>
    public LoguStyleBuilder AddFile(
        string path,
        Rotation? rotation = null,
        Retention? retention = null,
        Compression? compression = null,
        string? format = null,
        LogLevel level = LogLevel.Trace,
        IReadOnlyDictionary<string, LogLevel>? filter = null,
        Func<LogRecord, bool>? predicate = null,
        bool delay = false,
        bool watch = false,
        FileOpenMode mode = FileOpenMode.Append,
        bool rotateOnShutdown = false,
        bool autoFlush = false,
        string? name = null,
        bool enqueue = false,
        bool serialize = false,
        bool singleLine = false,
        bool shared = false)
    {
        var sink = new FileSinkOptions(path, name)
        {
            Rotation = rotation,
            Retention = retention,
            Compression = compression,
            Delay = delay,
            Watch = watch,
            Mode = mode,
            RotateOnShutdown = rotateOnShutdown,
            AutoFlush = autoFlush,
            Enqueue = enqueue,
            Serialize = serialize,
            SingleLine = singleLine,
            Shared = shared,
        };
        return AddSink(Describe(sink, format, level, filter, predicate));
    }

    /// <summary>
    /// Adds an enricher run on every record before any sink sees it (Loguru's <c>logger.patch</c>):
    /// <c>log.Patch(Enrichers.MachineName).Patch(r =&gt; r.SetProperty("Region", region))</c>.
    /// </summary>
    /// <param name="patch">Adds values with <see cref="LogRecord.SetProperty"/>; what it throws is reported, never rethrown.</param>
    /// <returns>This builder.</returns>
    public LoguStyleBuilder Patch(Action<LogRecord> patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        Services.Configure<LoguStyleLoggerOptions>(options => options.Patches.Add(patch));
        return this;
    }

    /// <summary>Adds a sink described by an options object.</summary>
    /// <param name="sink">The sink's options.</param>
    /// <returns>This builder.</returns>
    public LoguStyleBuilder AddSink(SinkOptions sink)
    {
        ArgumentNullException.ThrowIfNull(sink);

        // Runs each time the options are built (start-up and every reload); the sink is described, not built, here.
        Services.Configure<LoguStyleLoggerOptions>(options => options.Sinks.Add(sink));
        return this;
    }

    private static SinkOptions Describe(
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

        return sink;
    }

    private string NextName() => _names.Next();
}
