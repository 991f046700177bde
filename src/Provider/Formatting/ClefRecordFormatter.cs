using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Formatting;

/// <summary>
/// Writes a record in Seq's compact log event format (CLEF, <see cref="JsonFormat.Clef"/>): the reified fields
/// <c>@t @m @mt @l @x @i @tr @sp</c> first, then the properties at the top level, named as Serilog's bridge to MEL
/// names them (<c>SourceContext</c>, <c>EventId</c>, <c>Scope</c>), so Seq and Serilog's CLEF reader read them as
/// they read Serilog's own. A property name that starts with <c>@</c> is written with one more <c>@</c>, as CLEF
/// escapes it; a name already in the object gets the suffix of docs/json.md.
/// </summary>
internal sealed class ClefRecordFormatter : JsonLineFormatter
{
    /// <summary>The top-level names CLEF and Serilog's bridge give meaning to; record properties never take them.</summary>
    private static readonly string[] OwnProperties = ["@t", "@m", "@mt", "@l", "@x", "@i", "@tr", "@sp", "SourceContext", "EventId", "ThreadId", "ProcessId", "Scope", "LevelName"];

    /// <summary>CLEF has no caller fields, so a sink's <c>CallerInfo</c> changes nothing here.</summary>
    public ClefRecordFormatter()
        : base(callerFields: null, stackCaller: false)
    {
    }

    /// <summary>
    /// Serilog's CLEF reader (and Seq) take a <c>$type</c> key of any nested object as the type tag of a structure, not
    /// as a value, and fail the line when its value is not text; Serilog's own writer writes a dictionary's <c>$type</c>
    /// key as it is. A logged key <c>$type</c> below the top level is written <c>$type_2</c> (docs/json.md). At the top
    /// level <c>$type</c> is an ordinary property there; a leading <c>@</c> is escaped only there (see
    /// <see cref="Escape"/>), as the reader unescapes only there.
    /// </summary>
    protected override string? ReservedInNested => "$type";

    /// <summary>
    /// CLEF's level names are Serilog's; a record without <c>@l</c> is Information, so Information writes none.
    /// </summary>
    public static string? Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "Verbose",
        LogLevel.Debug => "Debug",
        LogLevel.Information => null,
        LogLevel.Warning => "Warning",
        LogLevel.Error => "Error",
        LogLevel.Critical => "Fatal",
        _ => "None",
    };

    /// <summary>A property name as CLEF carries it: a leading <c>@</c> is doubled, so it cannot be read as a reified field.</summary>
    public static string Escape(string name) => name.StartsWith('@') ? "@" + name : name;

    protected override void WriteMinimal(Utf8JsonWriter writer, LogRecord record, string message)
    {
        writer.WriteStartObject();
        writer.WriteString("@t", record.Timestamp);
        writer.WriteString("@m", message);
        if (Level(record.Level) is { } level)
        {
            writer.WriteString("@l", level);
        }

        writer.WriteString("SourceContext", JsonValueWriter.Safe(record.Category));
        writer.WriteEndObject();
    }

    protected override void WriteRecord(Utf8JsonWriter writer, LogRecord record, JsonObjectNames names)
    {
        writer.WriteStartObject();
        names.Begin();

        // Own properties are taken first, written or not: a record's property named like one of them gets the suffix
        // (docs/json.md), so a reader never takes it for ours.
        foreach (var own in OwnProperties)
        {
            names.Unique(own);
        }

        writer.WriteString("@t", record.Timestamp);
        writer.WriteString("@m", JsonValueWriter.Safe(record.Message));
        if (record.Template is { } template)
        {
            // MEL's templates are message templates (named holes, {{ }} escapes), as CLEF's @mt expects.
            writer.WriteString("@mt", JsonValueWriter.Safe(template));
        }

        if (Level(record.Level) is { } level)
        {
            writer.WriteString("@l", level);
        }

        if (record.Exception is { } exception)
        {
            writer.WriteString("@x", JsonValueWriter.Safe(ExceptionText.Plain(exception, record.CaughtStack)));
        }

        if (record.LevelName is { } levelName)
        {
            // CLEF's @l is one of Serilog's levels (the base); the custom level's name is a property beside it.
            writer.WriteString("LevelName", levelName);
        }

        if (record.EventId.Id != 0)
        {
            // CLEF's @i is the event type's id: MEL's EventId.Id is exactly that. Seq and Serilog's CLEF reader take a
            // string or a number, but the reader reads a number as a uint and throws on a negative one: a negative id
            // is written as its decimal text.
            if (record.EventId.Id > 0)
            {
                writer.WriteNumber("@i", record.EventId.Id);
            }
            else
            {
                writer.WriteString("@i", record.EventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (record.TraceId is { } traceId)
        {
            writer.WriteString("@tr", traceId);
        }

        if (record.SpanId is { } spanId)
        {
            writer.WriteString("@sp", spanId);
        }

        writer.WriteString("SourceContext", JsonValueWriter.Safe(record.Category));
        if (record.EventId.Id != 0 || !string.IsNullOrEmpty(record.EventId.Name))
        {
            writer.WritePropertyName("EventId");
            writer.WriteStartObject();
            writer.WriteNumber("Id", record.EventId.Id);
            if (!string.IsNullOrEmpty(record.EventId.Name))
            {
                writer.WriteString("Name", JsonValueWriter.Safe(record.EventId.Name));
            }

            writer.WriteEndObject();
        }

        writer.WriteNumber("ThreadId", record.ThreadId);
        writer.WriteNumber("ProcessId", record.ProcessId);
        var (pairs, scopeTexts) = FlatProperties.Of(record, names);
        if (scopeTexts.Count > 0)
        {
            writer.WritePropertyName("Scope");
            writer.WriteStartArray();
            foreach (var text in scopeTexts)
            {
                writer.WriteStringValue(text);
            }

            writer.WriteEndArray();
        }

        foreach (var (name, value) in pairs)
        {
            writer.WritePropertyName(names.Unique(Escape(JsonValueWriter.Safe(CollectionValue.KeyText(name)))));
            JsonValueWriter.WriteValue(writer, value, 1, names);
        }

        names.End();
        writer.WriteEndObject();
    }
}
