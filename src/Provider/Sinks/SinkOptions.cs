using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// What every sink has: a name, a minimum level, per-category filters, an optional predicate and a format.
/// A sink is filter + formatter + output; the subclasses add the output.
/// </summary>
public abstract class SinkOptions
{
    private const string NameAccepted = "accepted: a name of printable characters, not only white space, unique among the provider's sinks, e.g. \"errors\" (it names the sink in errors, on the meter and in the configuration).";

    /// <summary>Creates sink options with the given name.</summary>
    /// <param name="name">The sink's name: unique among the provider's sinks, used in errors and in configuration.</param>
    private protected SinkOptions(string name)
    {
        Name = name;
    }

    /// <summary>
    /// The sink's name: unique among the provider's sinks (ignoring case), used in messages and as the key under
    /// <c>Logging:LoguStyle:Sinks</c> that changes this sink from configuration. Default: <c>"console"</c> for a console
    /// sink, the path for a file sink, <c>"sink1"</c>, <c>"sink2"</c>, ... for a delegate sink added by the builder.
    /// </summary>
    /// <exception cref="ArgumentException">Set to null, empty or white space.</exception>
    public string Name
    {
        get;
        set
        {
            // Said in the option's own words: .NET's "The value cannot be an empty string or composed entirely of
            // whitespace" names neither the option nor what is accepted.
            if (value is null)
            {
                throw new ArgumentNullException(nameof(Name), NameAccepted);
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"A sink's Name is {(value.Length == 0 ? "empty" : "only white space")}; {NameAccepted}", nameof(Name));
            }

            // The name is written into stderr's lines: a line break in it could make one report look like two.
            if (Formatting.PrintableText.FirstUnprintable(value) is { } what)
            {
                throw new ArgumentException($"A sink's Name holds {what}; {NameAccepted}", nameof(Name));
            }

            field = value;
        }
    }

    /// <summary>
    /// Minimum level this sink writes (Loguru's <c>level</c>). Default <see cref="LogLevel.Trace"/>: everything that
    /// MEL's own filters (<c>Logging:LogLevel</c>) let through.
    /// </summary>
    public LogLevel Level { get; set; } = LogLevel.Trace;

    /// <summary>
    /// Highest level this sink writes: records above it are left to other sinks, so a console sink on stdout with
    /// <c>MaxLevel = Information</c> and one on stderr with <c>Level = Warning</c> split the output as MEL's
    /// <c>LogToStandardErrorThreshold</c> does. Must not be below <see cref="Level"/>. Default <see cref="LogLevel.Critical"/>
    /// (no upper limit).
    /// </summary>
    public LogLevel MaxLevel { get; set; } = LogLevel.Critical;

    /// <summary>
    /// Where a plain MEL call's caller comes from (<c>{function}</c>, <c>{file}</c>, <c>{line}</c>, the JSON caller
    /// fields): <see cref="LoguStyle.CallerInfo.StackTrace"/> walks the stack of each record this sink may write, at a
    /// cost (docs/api.md "Caller info"). Default <see cref="LoguStyle.CallerInfo.None"/>: only the Loguru-style methods
    /// carry a caller.
    /// </summary>
    public CallerInfo CallerInfo { get; set; }

    /// <summary>
    /// Per-category minimum levels (Loguru's <c>filter</c> dict): the key is a category prefix matched on whole
    /// dot-separated segments (<c>"Microsoft"</c> matches <c>Microsoft.Hosting</c>, not <c>MicrosoftX</c>), the
    /// longest matching prefix wins, and <c>""</c> is the default. A record must pass both <see cref="Level"/> and
    /// its filter level. Default: empty (no per-category limit).
    /// </summary>
    public IDictionary<string, LogLevel> Filter { get; private set; } = new Dictionary<string, LogLevel>(StringComparer.Ordinal);

    /// <summary>
    /// A predicate run on each record that passed the levels (Loguru's callable <c>filter</c>); false drops the record
    /// for this sink. Code only. Default: null (accept). The record is valid only during
    /// the call: the provider reuses the object for later calls (<see cref="LogRecord"/>), so a record kept from here
    /// goes blank or changes, and so does a list it handed out (<see cref="LogRecord.Properties"/> is refilled); keep the
    /// values you need (<see cref="LogRecord.Message"/>, a copy of <see cref="LogRecord.Properties"/>,
    /// <see cref="LogRecord.Exception"/>, ...), not the record or its lists.
    /// </summary>
    public Func<LogRecord, bool>? Predicate { get; set; }

    /// <summary>
    /// An enricher for this sink only (Loguru's per-handler patch): it gets its own copy of each record it accepts, so
    /// what it adds with <see cref="LogRecord.SetProperty"/> is seen by this sink alone. Code only. Default: null. The record is valid only during
    /// the call: the provider reuses the object for later calls (<see cref="LogRecord"/>), so a record kept from here
    /// goes blank or changes, and so does a list it handed out (<see cref="LogRecord.Properties"/> is refilled); keep the
    /// values you need (<see cref="LogRecord.Message"/>, a copy of <see cref="LogRecord.Properties"/>,
    /// <see cref="LogRecord.Exception"/>, ...), not the record or its lists.
    /// </summary>
    public Action<LogRecord>? Patch { get; set; }

    /// <summary>
    /// The text template (Loguru's <c>format</c>), compiled once when the sink is built. Null means
    /// <see cref="FormatTemplate.Default"/>. A record delegate sink (<c>AddSink</c>), which hands over
    /// <see cref="LogRecord"/> objects, formats nothing: setting it there fails at start-up (<c>AddTextSink</c> formats).
    /// </summary>
    public string? Format { get; set; }

    /// <summary>
    /// Write each record as one JSON object on one line (Loguru's <c>serialize</c>) instead of the template; see
    /// docs/json.md for the fields. Default false. Setting it on a record delegate sink (<c>AddSink</c>) fails at start-up.
    /// </summary>
    public bool Serialize { get; set; }

    /// <summary>
    /// The schema of the JSON lines when <see cref="Serialize"/> is on: LoguStyle's own fields, Seq's CLEF, the Elastic
    /// Common Schema or OpenTelemetry's OTLP/JSON log record (docs/json.md). Default <see cref="LoguStyle.JsonFormat.LoguStyle"/>;
    /// another value on a record delegate sink (<c>AddSink</c>) fails at start-up.
    /// </summary>
    public JsonFormat JsonFormat { get; set; }

    /// <summary>
    /// Make every record exactly one line: line breaks inside it (from a message, a property, an exception) are written
    /// as the visible <c>\n</c>, so a message cannot forge a second record (CWE-117). Default false: multi-line
    /// messages and exceptions keep their lines. Setting it on a record delegate sink (<c>AddSink</c>) fails at start-up.
    /// </summary>
    public bool SingleLine { get; set; }

    /// <summary>
    /// Write through a bounded queue and one background writer (Loguru's <c>enqueue</c>): the logging call captures the
    /// record and returns; the writer formats and writes. Default false: the sink writes on the logging thread.
    /// </summary>
    public bool Enqueue { get; set; }

    /// <summary>The number of records the queue holds. Default null: <see cref="LoguStyleLoggerOptions.QueueCapacity"/> (10,000).</summary>
    public int? QueueCapacity { get; set; }

    /// <summary>What happens when the queue is full. Default null: <see cref="LoguStyleLoggerOptions.QueueFullMode"/> (Wait).</summary>
    public QueueFullMode? QueueFullMode { get; set; }

    /// <summary>A short description of the sink's kind, used in messages ("Console", "Delegate").</summary>
    internal abstract string Kind { get; }

    /// <summary>
    /// A copy with its own <see cref="Filter"/>, for a reader that changes a sink's keys: options objects declared in
    /// code are built into every options instance (start-up and each reload), so changing them in place would carry one
    /// configuration's values into the next. Delegates, rotation, retention and compression are immutable and shared.
    /// </summary>
    internal SinkOptions Copy()
    {
        var copy = (SinkOptions)MemberwiseClone();
        copy.Filter = new Dictionary<string, LogLevel>(Filter, StringComparer.Ordinal);
        return copy;
    }
}
