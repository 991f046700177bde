namespace LoguStyle;

/// <summary>
/// What a <see cref="LoguStyleLoggerProvider"/> writes to: its sinks. A plain options class; in a host,
/// <c>AddLoguStyle</c> fills it from code and from the <c>Logging:LoguStyle</c> configuration section. Named after MEL's
/// <c>ConsoleLoggerOptions</c>: the options of <see cref="LoguStyleLoggerProvider"/>.
/// </summary>
/// <example>
/// Without a host:
/// <code>
/// var options = new LoguStyleLoggerOptions { Sinks = { new ConsoleSinkOptions(), new FileSinkOptions("logs/app.log") { Rotation = "10 MB" } } };
/// using var factory = LoggerFactory.Create(logging =&gt; logging.AddProvider(new LoguStyleLoggerProvider(options)));
/// </code>
/// </example>
public sealed class LoguStyleLoggerOptions
{
    /// <summary>
    /// Options with every default: no sinks (the provider then writes to one coloured console sink), Loguru's level
    /// styles, the default queue and shutdown settings. Add sinks with the collection initializer of <see cref="Sinks"/>.
    /// </summary>
    public LoguStyleLoggerOptions()
    {
    }

    /// <summary>
    /// The sinks, each with its own level, filter and format. Default: empty, which means one coloured
    /// console sink with Loguru's default format (what <c>AddLoguStyle()</c> gives).
    /// </summary>
    public IList<SinkOptions> Sinks { get; } = new List<SinkOptions>();

    /// <summary>
    /// How levels look in text output: name, colour and icon per level (Loguru's level table). Default: empty, Loguru's
    /// styles.
    /// </summary>
    public IDictionary<Microsoft.Extensions.Logging.LogLevel, LevelStyle> Levels { get; } =
        new Dictionary<Microsoft.Extensions.Logging.LogLevel, LevelStyle>();

    /// <summary>
    /// Levels beside MEL's six (Loguru's <c>logger.level(name, ...)</c>), by name (compared ignoring case): each goes
    /// through MEL at its <see cref="CustomLevel.Base"/> and is written with its own name, colour and icon. Log at one
    /// with <c>logger.Log("NOTICE", "template", args)</c>. <c>SUCCESS</c> (base Information) is always defined; an entry
    /// named SUCCESS restyles it. Configuration: <c>Logging:LoguStyle:Levels:Custom</c>. A name is a letter, then up to
    /// 31 letters, digits, <c>_</c> or <c>-</c>, and not one of MEL's names; a level's base cannot change once a provider
    /// of the process defined it. Default: empty.
    /// </summary>
    public IDictionary<string, CustomLevel> CustomLevels { get; } = new Dictionary<string, CustomLevel>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Enrichers run on every record before any sink sees it (Loguru's <c>patch</c>), in order: they add values with
    /// <see cref="LogRecord.SetProperty"/>. An enricher that throws is reported and skipped. Default: none. The record
    /// is valid only during the call: the provider reuses the object for later calls, so a record kept from an enricher
    /// goes blank or changes, and so does a list it handed out (<see cref="LogRecord.Properties"/> is refilled); keep the
    /// values you need (<see cref="LogRecord.Message"/>, a copy of <see cref="LogRecord.Properties"/>), not the record or its lists.
    /// </summary>
    public IList<Action<LogRecord>> Patches { get; } = new List<Action<LogRecord>>();

    /// <summary>The queue capacity of enqueued sinks that set none. Default 10,000 records.</summary>
    public int QueueCapacity { get; set; } = Queue.QueuedSink.DefaultCapacity;

    /// <summary>What enqueued sinks that set no mode do when their queue is full. Default <see cref="QueueFullMode.Wait"/>: nothing is lost.</summary>
    public QueueFullMode QueueFullMode { get; set; } = QueueFullMode.Wait;

    /// <summary>
    /// How long the process may spend, when it exits or dies of an unhandled exception, draining queues and flushing
    /// files: above zero and at most 24 days (longer is more than .NET's timed waits take). Default 2 seconds.
    /// </summary>
    public TimeSpan ExitTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long disposing the provider, or replacing its sinks at a reload, may spend draining queues and flushing,
    /// for all sinks together (they drain side by side); what is left after it is counted as dropped and reported.
    /// Default null: the host's shutdown timeout (<c>HostOptions.ShutdownTimeout</c>, 30 seconds by default) in a host
    /// set up by <c>AddLoguStyle</c>, 5 seconds without one. When set: above zero and at most 24 days.
    /// </summary>
    public TimeSpan? DisposeTimeout { get; set; }

    /// <summary>
    /// Drain queues and flush files, within <see cref="ExitTimeout"/>, when the process ends without disposing the
    /// provider: on ProcessExit (<c>Environment.Exit</c>, the end of <c>Main</c>), on SIGTERM, SIGINT and SIGHUP (which
    /// would otherwise end the process with the records still in memory; the signal then ends it as it would have), and
    /// on an unhandled exception. In a host, once it starts, its lifetime handles SIGTERM and SIGINT (a graceful stop,
    /// whose hosted service flushes) and the provider's drain on those two stands down; ProcessExit
    /// (<c>Environment.Exit</c> while the host runs), SIGHUP (the terminal closed) and an unhandled exception are still
    /// drained. While <see cref="LogUnhandledExceptions"/> is on,
    /// an unhandled exception is written and drained whatever this option says; turn both off for no handler. The process holds one handler of each kind for
    /// all providers, and a disposed provider leaves them. Turn it off when the application handles its signals and
    /// disposes the provider itself. Configuration key <c>DrainOnExit</c>. Default true.
    /// </summary>
    public bool DrainOnExit { get; set; } = true;

    /// <summary>
    /// When a thread dies of an unhandled exception, write it, whole, as one <see cref="Microsoft.Extensions.Logging.LogLevel.Critical"/>
    /// record (category <c>LoguStyle.UnhandledException</c>) to every sink before queues are drained and files flushed;
    /// once per process, even when several threads die at once. Configuration key <c>LogUnhandledExceptions</c>.
    /// Default true.
    /// </summary>
    public bool LogUnhandledExceptions { get; set; } = true;
}
