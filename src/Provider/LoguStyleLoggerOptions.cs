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
    /// Enrichers run on every record before any sink sees it (Loguru's <c>patch</c>), in order: they add values with
    /// <see cref="LogRecord.SetProperty"/>. An enricher that throws is reported and skipped. Default: none.
    /// </summary>
    public IList<Action<LogRecord>> Patches { get; } = new List<Action<LogRecord>>();

    /// <summary>The queue capacity of enqueued sinks that set none. Default 10,000 records.</summary>
    public int QueueCapacity { get; set; } = Queue.QueuedSink.DefaultCapacity;

    /// <summary>What enqueued sinks that set no mode do when their queue is full. Default <see cref="QueueFullMode.Wait"/>: nothing is lost.</summary>
    public QueueFullMode QueueFullMode { get; set; } = QueueFullMode.Wait;

    /// <summary>
    /// How long the process may spend, when it exits or dies of an unhandled exception, draining queues and flushing
    /// files. Default 2 seconds.
    /// </summary>
    public TimeSpan ExitTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long disposing the provider, or replacing its sinks at a reload, may spend draining queues and flushing,
    /// for all sinks together (they drain side by side); what is left after it is counted as dropped and reported.
    /// Default null: the host's shutdown timeout (<c>HostOptions.ShutdownTimeout</c>, 30 seconds by default) in a host
    /// set up by <c>AddLoguStyle</c>, 5 seconds without one.
    /// </summary>
    public TimeSpan? DisposeTimeout { get; set; }

    /// <summary>
    /// When a thread dies of an unhandled exception, write it, whole, as one <see cref="Microsoft.Extensions.Logging.LogLevel.Critical"/>
    /// record (category <c>LoguStyle.UnhandledException</c>) to every sink before queues are drained and files flushed;
    /// once per process, even when several threads die at once. Configuration key <c>LogUnhandledExceptions</c>.
    /// Default true.
    /// </summary>
    public bool LogUnhandledExceptions { get; set; } = true;
}
