using System.Text.Json;

namespace LoguStyle.Formatting;

/// <summary>
/// The caller fields of a JSON schema (Loguru's function, file, line): the schema gives their names, whether the file
/// is its whole path or its name, and whether they are fields of the object or OTLP attributes; what is written is
/// decided here for every schema. A caller found from the stack is written only by a sink that asked for it
/// (<see cref="LogRecord.ShowsCaller"/>), and each field only when known: a frame without line info (Native AOT) has a
/// function and no file or line.
/// </summary>
internal sealed class JsonCallerFields
{
    private readonly bool _fileName;
    private readonly bool _attributes;

    private JsonCallerFields(string function, string file, string line, bool fileName, bool attributes)
    {
        Function = function;
        File = file;
        Line = line;
        _fileName = fileName;
        _attributes = attributes;
    }

    /// <summary>LoguStyle's own: the file with its whole path, as the compiler gave it.</summary>
    public static JsonCallerFields LoguStyle { get; } = new("function", "file", "line", fileName: false, attributes: false);

    /// <summary>ECS's <c>log.origin</c> fields: the file's name (ECS's examples hold no folder).</summary>
    public static JsonCallerFields Ecs { get; } = new("log.origin.function", "log.origin.file.name", "log.origin.file.line", fileName: true, attributes: false);

    /// <summary>The OpenTelemetry semantic conventions' code attributes.</summary>
    public static JsonCallerFields Otel { get; } = new("code.function.name", "code.file.path", "code.line.number", fileName: false, attributes: true);

    /// <summary>The name of the calling member's field.</summary>
    public string Function { get; }

    /// <summary>The name of the source file's field.</summary>
    public string File { get; }

    /// <summary>The name of the line's field.</summary>
    public string Line { get; }

    /// <summary>Writes the known fields of the record's caller, if the sink shows it (<paramref name="stackCaller"/>: the sink's <c>CallerInfo: StackTrace</c>).</summary>
    // On the hot path of every JSON sink: a record without a caller costs the checks it cost before, nothing more.
    public void Write(Utf8JsonWriter writer, LogRecord record, bool stackCaller, JsonObjectNames names)
    {
        if (!record.ShowsCaller(stackCaller))
        {
            return;
        }

        if (record.CallerFunction is { Length: > 0 } function)
        {
            WriteText(writer, Function, function, names);
        }

        if (record.CallerFilePath is { Length: > 0 } path && (_fileName ? CallerFile.Name(path) : path) is { Length: > 0 } file)
        {
            WriteText(writer, File, file.Length == path.Length ? path : file.ToString(), names);
        }

        if (record.CallerLine > 0)
        {
            if (_attributes)
            {
                OtelValueWriter.WriteAttribute(writer, Line, record.CallerLine);
            }
            else
            {
                writer.WriteNumber(Line, record.CallerLine);
            }
        }
    }

    private void WriteText(Utf8JsonWriter writer, string name, string value, JsonObjectNames names)
    {
        if (_attributes)
        {
            OtelValueWriter.WriteAttribute(writer, name, JsonValueWriter.Safe(value), names);
        }
        else
        {
            writer.WriteString(name, JsonValueWriter.Safe(value));
        }
    }
}
