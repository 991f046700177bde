using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoguStyle.Files;
using LoguStyle.Formatting;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// Loguru's <c>logger.parse</c>: reads records back from a file sink's files: the active file and every rotated and
/// compressed one (<c>.gz</c>, <c>.zip</c>, <c>.br</c>), oldest first.
/// </summary>
/// <example>
/// <code>
/// var failures = LogFile.Read("logs/app.json").Where(record =&gt; record.Level &gt;= LogLevel.Error).ToList();
/// var rows = LogFile.Parse("logs/app.log", new Regex(@"^(?&lt;time&gt;\S+ \S+) \| (?&lt;level&gt;\w+)\s*\| (?&lt;message&gt;.*)$"));
/// </code>
/// </example>
public static class LogFile
{
    internal static readonly Dictionary<string, LogLevel> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TRACE"] = LogLevel.Trace,
        ["DEBUG"] = LogLevel.Debug,
        ["INFO"] = LogLevel.Information,
        ["WARNING"] = LogLevel.Warning,
        ["ERROR"] = LogLevel.Error,
        ["CRITICAL"] = LogLevel.Critical,

        // MEL's names (ECS, OTLP) and Serilog's (CLEF).
        ["INFORMATION"] = LogLevel.Information,
        ["VERBOSE"] = LogLevel.Trace,
        ["FATAL"] = LogLevel.Critical,
    };

    /// <summary>
    /// The records of a JSON-lines sink (<c>Serialize: true</c>), given the sink's configured path, in the order they
    /// were written across its rotated, compressed and active files. A file that is damaged is reported on stderr and
    /// the reading goes on with the next file: see <see cref="Read(string, Action{string, Exception})"/>.
    /// </summary>
    /// <param name="path">The sink's path, as configured (e.g. <c>logs/app.json</c>).</param>
    /// <returns>The records, streamed file by file.</returns>
    public static IEnumerable<LogRecord> Read(string path) => Read(path, onDamaged: null);

    /// <summary>
    /// The records of a JSON-lines sink (<c>Serialize: true</c>), given the sink's configured path, in the order they
    /// were written across its rotated, compressed and active files. Never throws for what is in the files: a damaged
    /// file is reported to <paramref name="onDamaged"/> and the reading goes on with the next file.
    /// </summary>
    /// <remarks>
    /// Damage is: an archive that cannot be opened or decompressed (a corrupt <c>.gz</c>, <c>.zip</c> or <c>.br</c>, a
    /// truncated <c>.zip</c>), an archive that ends early (a truncated <c>.gz</c> or <c>.br</c>: the records before
    /// the cut are returned), and a line that is not a record anywhere but at the end of a file (reported once per
    /// file; the other lines are read). The last line of a file that is not a record is skipped without a report: it
    /// is the half-written record of a process that was killed. Each damaged file is reported once.
    /// </remarks>
    /// <param name="path">The sink's path, as configured (e.g. <c>logs/app.json</c>).</param>
    /// <param name="onDamaged">
    /// Called with the full path of a damaged file and what is wrong with it (an <see cref="InvalidDataException"/>, or
    /// the exception the decompressor threw); null reports on stderr.
    /// </param>
    /// <returns>The records, streamed file by file.</returns>
    public static IEnumerable<LogRecord> Read(string path, Action<string, Exception>? onDamaged)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Records(path, onDamaged ?? ReportOnStderr);
    }

    private static IEnumerable<LogRecord> Records(string path, Action<string, Exception> report)
    {
        var onDamaged = OncePerFile(report);
        foreach (var (file, line, number, last) in Lines(path, onDamaged))
        {
            if (TryParse(line, out var error) is { } record)
            {
                yield return record;
            }
            else if (!last)
            {
                onDamaged(file, new InvalidDataException($"line {number} is not a record: {error?.Message}", error));
            }
        }
    }

    /// <summary>
    /// A damaged file is reported once: damaged compressed data can decode to a few lines of garbage and then fail at
    /// its end, which is one damage, not two.
    /// </summary>
    private static Action<string, Exception> OncePerFile(Action<string, Exception> onDamaged)
    {
        string? reported = null;
        return (file, error) =>
        {
            if (!string.Equals(reported, file, StringComparison.Ordinal))
            {
                reported = file;
                onDamaged(file, error);
            }
        };
    }

    /// <summary>
    /// Loguru's <c>logger.parse(file, pattern)</c> for text sinks: each line of the sink's files (oldest first) that
    /// <paramref name="pattern"/> matches, as its named groups.
    /// </summary>
    /// <param name="path">The sink's path, as configured.</param>
    /// <param name="pattern">A regex with named groups, e.g. <c>^(?&lt;time&gt;\S+ \S+) \| (?&lt;level&gt;\w+)\s*\| (?&lt;message&gt;.*)$</c>.</param>
    /// <returns>The named groups of each matching line.</returns>
    public static IEnumerable<IReadOnlyDictionary<string, string>> Parse(string path, Regex pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var names = pattern.GetGroupNames().Where(name => !int.TryParse(name, out _)).ToArray();
        foreach (var (_, line, _, _) in Lines(path, ReportOnStderr))
        {
            var match = pattern.Match(line);
            if (match.Success)
            {
                yield return names.Where(name => match.Groups[name].Success).ToDictionary(name => name, name => match.Groups[name].Value);
            }
        }
    }

    /// <summary>
    /// The files of the sink at <paramref name="path"/>, oldest first: by the time in their name (a <c>{time}</c> token,
    /// the start stamp of a rotated name), the active one last; a file whose name holds no time by its last write,
    /// which compression keeps.
    /// </summary>
    /// <param name="path">The sink's path, as configured.</param>
    /// <returns>Full paths.</returns>
    public static IReadOnlyList<string> Files(string path)
    {
        var template = PathTemplate.Parse(path);
        if (!Directory.Exists(template.Directory))
        {
            return [];
        }

        var pattern = template.CreatePattern(null);
        return [.. Directory.EnumerateFiles(template.Directory)
            .Select(file => (File: file, Match: template.MatchName(pattern, Path.GetFileName(file))))
            .Where(f => f.Match.Success && !f.Match.Groups["part"].Success)
            // By instants, as retention orders them (SinkFileOrder): the time in the name, a stamp with its offset (older
            // names without one are read as local time here), so the order survives a daylight-saving fall-back, files
            // written under another time zone and compression; the active file (no stamp) is the last of its name.
            .Select(f => (f.File, Order: SinkFileOrder.Of(template, f.Match, TimeZoneInfo.Local, new DateTimeOffset(System.IO.File.GetLastWriteTimeUtc(f.File), TimeSpan.Zero))))
            .OrderBy(f => f.Order)
            .ThenBy(f => f.File, StringComparer.Ordinal)
            .Select(f => f.File)];
    }

    /// <summary>Every non-empty line of the sink's files, with its file, its number and whether it ends the file.</summary>
    private static IEnumerable<(string File, string Line, int Number, bool Last)> Lines(string path, Action<string, Exception> onDamaged)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        foreach (var file in Files(path))
        {
            using var reader = OpenOrReport(file, onDamaged);
            if (reader is null)
            {
                continue;
            }

            // One line ahead, so the last line of a file is known as such (a killed process may have torn it).
            var number = 1;
            var line = ReadLineOrReport(reader, file, onDamaged);
            while (line is not null)
            {
                var next = ReadLineOrReport(reader, file, onDamaged);
                if (line.Length > 0)
                {
                    yield return (file, line, number, next is null);
                }

                line = next;
                number++;
            }
        }
    }

    private static StreamReader? OpenOrReport(string file, Action<string, Exception> onDamaged)
    {
        try
        {
            return new StreamReader(Open(file), new UTF8Encoding(false));
        }
#pragma warning disable CA1031 // A damaged archive is reported and skipped; the next file may be whole.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            onDamaged(file, ex);
            return null;
        }
    }

    private static string? ReadLineOrReport(StreamReader reader, string file, Action<string, Exception> onDamaged)
    {
        try
        {
            return reader.ReadLine();
        }
#pragma warning disable CA1031 // Damage part way through an archive ends that file; the next file may be whole.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            onDamaged(file, ex);
            return null;
        }
    }

    private static void ReportOnStderr(string file, Exception error)
    {
        try
        {
            Console.Error.WriteLine($"LoguStyle: LogFile could not read all of '{file}' ({error.GetType().Name}: {error.Message}); going on with the next file.");
        }
#pragma warning disable CA1031 // stderr itself may be closed; there is nowhere left to report to.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>A file of the sink opened for reading, decompressed by its extension (logu reads the raw lines through it).</summary>
    internal static Stream Open(string file)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        try
        {
            return Path.GetExtension(file).ToUpperInvariant() switch
            {
                ".GZ" => CheckedDecompression.Gzip(stream),
                ".BR" => CheckedDecompression.Brotli(stream),
                ".ZIP" => OpenZip(stream),
                _ => stream,
            };
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static CheckedZipEntry OpenZip(Stream stream)
    {
        var archive = new ZipArchive(stream, ZipArchiveMode.Read);
        var entries = archive.Entries.Count;
        if (entries != 1)
        {
            archive.Dispose();
            throw new InvalidDataException($"the zip archive holds {entries} entries; a LoguStyle archive holds one.");
        }

        return new CheckedZipEntry(archive, archive.Entries[0]);
    }

    // LoguStyle JSON now nests within 64 levels (ExceptionTree.MaxJsonLevels), but files written before nested an
    // exception chain down to 100 levels, deeper than System.Text.Json's default of 64: still read as deep as it wrote.
    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 1000 };

    /// <summary>The record of one line in any JsonFormat, or null with what is wrong (logu filters and renders through it).</summary>
    internal static LogRecord? TryParse(string line, out Exception? error)
    {
        error = null;
        try
        {
            using var document = JsonDocument.Parse(line, ReadOptions);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && JsonLineShapes.TryRead(root) is { } other)
            {
                return other;
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("time", out var time) || !root.TryGetProperty("message", out var message))
            {
                error = new InvalidDataException("a JSON value of none of the JsonFormats (LoguStyle's \"time\" and \"message\", CLEF's \"@t\", ECS's \"@timestamp\", OTLP's \"timeUnixNano\").");
                return null;
            }

            var level = root.TryGetProperty("level", out var levelText) && Levels.TryGetValue(levelText.GetString() ?? string.Empty, out var parsed) ? parsed : LogLevel.None;
            return new LogRecord(time.GetDateTimeOffset(), level, Text(root, "category") ?? string.Empty, message.GetString() ?? string.Empty)
            {
                LevelName = Text(root, "levelName"),
                EventId = new EventId(Int(root, "eventId"), Text(root, "eventName")),
                Template = Text(root, "template"),
                Properties = root.TryGetProperty("props", out var props) && props.ValueKind == JsonValueKind.Object ? [.. Pairs(props)] : [],
                Scopes = root.TryGetProperty("scopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array
                    ? [.. scopes.EnumerateArray().Select(Value)]
                    : [],
                Exception = root.TryGetProperty("exception", out var exception) && exception.ValueKind == JsonValueKind.Object ? Exception(exception) : null,
                ThreadId = Int(root, "thread"),
                ProcessId = Int(root, "process"),
                TraceId = Text(root, "traceId"),
                SpanId = Text(root, "spanId"),
                CallerFunction = Text(root, JsonCallerFields.LoguStyle.Function),
                CallerFilePath = Text(root, JsonCallerFields.LoguStyle.File),
                CallerLine = Int(root, JsonCallerFields.LoguStyle.Line),
            };
        }
#pragma warning disable CA1031 // A line that is not a record is reported by the caller (or skipped at the end of a file), never thrown.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex;
            return null;
        }
    }

    internal static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : 0;

    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal static object? Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : ExactDecimal(element) is { } number ? number : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(Value).ToArray(),
        JsonValueKind.Object => Pairs(element).ToDictionary(StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>
    /// A JSON number as a decimal when the decimal holds its value exactly (a logged decimal comes back with its digits
    /// and scale), else null: beyond decimal's range, or with more than 29 significant digits or 28 places, the decimal
    /// would be rounded (System.Text.Json reads 5E-324, a double's smallest, as 0), so the number is read as a double.
    /// </summary>
    private static decimal? ExactDecimal(JsonElement element)
    {
        if (!element.TryGetDecimal(out var number))
        {
            return null;
        }

        var text = element.GetRawText().AsSpan().TrimStart('-');
        var e = text.IndexOfAny('e', 'E');
        var exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? text : text[..e];
        var point = mantissa.IndexOf('.');
        var places = point < 0 ? 0 : mantissa.Length - point - 1;
        var digits = point < 0 ? mantissa.ToString() : string.Concat(mantissa[..point], mantissa[(point + 1)..]);
        var significant = digits.TrimStart('0');
        var trailingZeros = significant.Length - significant.TrimEnd('0').Length;
        return significant.Length - trailingZeros <= 29 && places - exponent - trailingZeros <= 28 ? number : null;
    }

    /// <summary>
    /// An object's members as pairs, in order. A name repeated in the object (files written before LoguStyle made them
    /// unique) gets the suffix the writer now gives it (<c>A</c>, <c>A_2</c>), so no value is lost.
    /// </summary>
    internal static List<KeyValuePair<string, object?>> Pairs(JsonElement element) => Pairs(element, Value);

    private static List<KeyValuePair<string, object?>> Pairs(JsonElement element, Func<JsonElement, object?> read)
    {
        var pairs = new List<KeyValuePair<string, object?>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            for (var suffix = 2; !names.Add(name); suffix++)
            {
                name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{property.Name}_{suffix}");
            }

            pairs.Add(new(name, read(property.Value)));
        }

        return pairs;
    }

    private static LoggedException Exception(JsonElement element)
    {
        var type = Text(element, "type") ?? "System.Exception";
        var message = Text(element, "message") ?? string.Empty;
        var stack = Text(element, "stack");
        var more = Text(element, "more");
        LoggedException exception;
        if (!element.TryGetProperty("inner", out var innerElement))
        {
            exception = new LoggedException(type, message, stack, inner: null) { More = more };
        }
        else
        {
            // An aggregate's children stay its own: wrapped in a new AggregateException they would be written as one more level.
            exception = innerElement.ValueKind == JsonValueKind.Array
                ? Aggregate(type, message, stack, [.. innerElement.EnumerateArray().Select(Exception)], more)
                : new LoggedException(type, message, stack, Exception(innerElement)) { More = more };
        }

        // Data as JSON carries it, so a sink writes its Data lines again (a collection or a date comes back as its JSON value).
        if (element.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            foreach (var (key, value) in Pairs(data, DataValue))
            {
                exception.Data[key] = value;
            }
        }

        return exception;
    }

    // A Data value as LoguStyle JSON wrote it (JsonValueWriter.WriteData): an object with its type as "$type" comes back
    // as the walked object, so it prints with its type name, as the text sink wrote it.
    private static object? DataValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object when element.TryGetProperty(NestedObject.TypeKey, out var type) && type.ValueKind == JsonValueKind.String =>
            NestedObject.ReadBack(type.GetString()!, [.. Pairs(element, DataValue).Where(p => p.Key != NestedObject.TypeKey)]),
        JsonValueKind.Object => Pairs(element, DataValue).ToDictionary(StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(DataValue).ToArray(),
        _ => Value(element),
    };

    private static LoggedException Aggregate(string type, string message, string? stack, Exception[] children, string? more) =>
        new(type, message, stack, children.Length == 0 ? null : children[0]) { Children = children, More = more };
}
