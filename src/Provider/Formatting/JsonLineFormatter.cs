using System.Text.Encodings.Web;
using System.Text.Json;

namespace LoguStyle.Formatting;

/// <summary>
/// Writes a record as one JSON object on one line in one of the schemas of <see cref="JsonFormat"/>: this base owns
/// the writer, the scratch buffer and the fallback, each schema writes the fields. A failure anywhere in a record
/// never leaves half a line: the line then holds a minimal object of the same schema saying why.
/// </summary>
internal abstract class JsonLineFormatter : IRecordFormatter
{
    private static readonly JsonWriterOptions Options = new()
    {
        // Non-ASCII text stays readable; quotes, backslashes and control characters are still escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    // The schema's caller fields (none in CLEF), and whether this sink asked for CallerInfo: StackTrace.
    private readonly JsonCallerFields? _callerFields;
    private readonly bool _stackCaller;

    /// <summary>
    /// A schema's formatter for one sink: <paramref name="callerFields"/> are the schema's (null when it has none) and
    /// <paramref name="stackCaller"/> says whether the sink asked for <c>CallerInfo: StackTrace</c>; the others leave
    /// out a caller found from the stack for another sink (<see cref="LogRecord.ShowsCaller"/>).
    /// </summary>
    protected JsonLineFormatter(JsonCallerFields? callerFields, bool stackCaller)
    {
        _callerFields = callerFields;
        _stackCaller = stackCaller;
    }

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static JsonObjectNames? t_names;

    public bool UsesScopes => true;

    public bool UsesProperties => true;

    public bool Colored => false;

    /// <summary>The formatter of a schema, for a sink that asked for the stack caller or not; made once per sink.</summary>
    public static JsonLineFormatter For(JsonFormat format, bool stackCaller = false) => format switch
    {
        JsonFormat.Clef => new ClefRecordFormatter(),
        JsonFormat.Ecs => new EcsRecordFormatter(stackCaller),
        JsonFormat.Otel => new OtelRecordFormatter(stackCaller),
        _ => new JsonRecordFormatter(stackCaller),
    };

    public void Render(LogRecord record, Utf8Buffer output)
    {
        // The object is built in a scratch buffer and copied only when complete, so a failure cannot leave half a
        // line in the sink.
        // The writer is taken from the thread while in use, so a value's ToString that logs gets its own.
        var scratch = ScratchBuffers.Rent();
        var writer = t_writer ?? new Utf8JsonWriter(scratch, Options);
        var names = t_names ?? new JsonObjectNames();
        t_writer = null;
        t_names = null;
        try
        {
            writer.Reset(scratch);
            names.ReservedInNested = ReservedInNested;
            WriteRecord(writer, record, names);
            writer.Flush();
        }
#pragma warning disable CA1031 // A record that cannot be serialized is still written, as a minimal object saying why.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            scratch.Clear();
            names.Reset();
            writer.Reset(scratch);
            WriteMinimal(writer, record, FallbackMessage(record, ex));
            writer.Flush();
        }

        output.Write(scratch.WrittenSpan);
        output.Write("\n"u8);
        writer.Reset();
        t_writer = writer;
        t_names = names;
        ScratchBuffers.Return(scratch);
    }

    // Apart from Render: a lambda over a parameter makes its closure when the method is entered, so in Render it cost
    // every record an allocation (the allocation profile of issue 20 showed it), not only a failed one.
    private static string FallbackMessage(LogRecord record, Exception ex) =>
        $"{JsonValueWriter.Safe(SafeText.Read(() => record.Message) ?? string.Empty)} <LoguStyle could not serialize this record: {ex.GetType().Name}: {JsonValueWriter.Safe(SafeText.Read(() => ex.Message) ?? string.Empty)}>";

    /// <summary>A name the schema reserves inside nested objects (see <see cref="JsonObjectNames.ReservedInNested"/>); none by default.</summary>
    protected virtual string? ReservedInNested => null;

    /// <summary>Writes the record's caller in the schema's caller fields, when this sink shows it (see <see cref="JsonCallerFields"/>).</summary>
    protected void WriteCaller(Utf8JsonWriter writer, LogRecord record, JsonObjectNames names) =>
        _callerFields?.Write(writer, record, _stackCaller, names);

    /// <summary>Writes the whole record as one object.</summary>
    protected abstract void WriteRecord(Utf8JsonWriter writer, LogRecord record, JsonObjectNames names);

    /// <summary>Writes the time, level, category and <paramref name="message"/> of a record that could not be written whole.</summary>
    protected abstract void WriteMinimal(Utf8JsonWriter writer, LogRecord record, string message);
}
