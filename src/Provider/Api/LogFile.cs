using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoguStyle.Files;
using Microsoft.Extensions.Logging;

namespace LoguStyle;

/// <summary>
/// Loguru's <c>logger.parse</c>: reads records back from a file sink's files: the active file and every rotated and
/// compressed one (<c>.gz</c>, <c>.zip</c>, <c>.br</c>), oldest first.
/// </summary>
public static class LogFile
{
    private static readonly Dictionary<string, LogLevel> Levels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TRACE"] = LogLevel.Trace,
        ["DEBUG"] = LogLevel.Debug,
        ["INFO"] = LogLevel.Information,
        ["WARNING"] = LogLevel.Warning,
        ["ERROR"] = LogLevel.Error,
        ["CRITICAL"] = LogLevel.Critical,
    };

    /// <summary>
    /// The records of a JSON-lines sink (<c>Serialize: true</c>), given the sink's configured path, in the order they
    /// were written across its rotated, compressed and active files. A line that is not a JSON object (the half-written
    /// last line of a crashed process, say) is skipped.
    /// </summary>
    /// <param name="path">The sink's path, as configured (e.g. <c>logs/app.json</c>).</param>
    /// <returns>The records, streamed file by file.</returns>
    public static IEnumerable<LogRecord> Read(string path)
    {
        foreach (var line in Lines(path))
        {
            if (TryParse(line) is { } record)
            {
                yield return record;
            }
        }
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
        foreach (var line in Lines(path))
        {
            var match = pattern.Match(line);
            if (match.Success)
            {
                yield return names.Where(name => match.Groups[name].Success).ToDictionary(name => name, name => match.Groups[name].Value);
            }
        }
    }

    /// <summary>The files of the sink at <paramref name="path"/>, oldest first: rotated ones by their start, the active one last.</summary>
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
            .Select(file => (File: file, Match: pattern.Match(Path.GetFileName(file))))
            .Where(f => f.Match.Success && !f.Match.Groups["part"].Success)
            // By instants: a stamp carries its offset (older names without one are read as local time here), so the
            // order survives a daylight-saving fall-back and files written under another time zone.
            .Select(f => (f.File, Stamp: RotatedFileNames.ReadStamp(f.Match, TimeZoneInfo.Local), Written: new DateTimeOffset(System.IO.File.GetLastWriteTimeUtc(f.File), TimeSpan.Zero)))
            .OrderBy(f => f.Stamp is null && string.Equals(f.File, template.FullPath, StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(f => f.Stamp?.Start ?? f.Written)
            .ThenBy(f => f.Stamp?.Clash ?? 0)
            .Select(f => f.File)];
    }

    private static IEnumerable<string> Lines(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        foreach (var file in Files(path))
        {
            using var reader = new StreamReader(Open(file), new UTF8Encoding(false));
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    yield return line;
                }
            }
        }
    }

    private static Stream Open(string file)
    {
        var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        return Path.GetExtension(file).ToUpperInvariant() switch
        {
            ".GZ" => new GZipStream(stream, CompressionMode.Decompress),
            ".BR" => new BrotliStream(stream, CompressionMode.Decompress),
            ".ZIP" => new ZipArchive(stream, ZipArchiveMode.Read).Entries.Single().Open(),
            _ => stream,
        };
    }

    private static LogRecord? TryParse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("time", out var time) || !root.TryGetProperty("message", out var message))
            {
                return null;
            }

            var level = root.TryGetProperty("level", out var levelText) && Levels.TryGetValue(levelText.GetString() ?? string.Empty, out var parsed) ? parsed : LogLevel.None;
            return new LogRecord(time.GetDateTimeOffset(), level, Text(root, "category") ?? string.Empty, message.GetString() ?? string.Empty)
            {
                EventId = new EventId(root.TryGetProperty("eventId", out var id) ? id.GetInt32() : 0, Text(root, "eventName")),
                Template = Text(root, "template"),
                Properties = root.TryGetProperty("props", out var props) && props.ValueKind == JsonValueKind.Object
                    ? [.. props.EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, Value(p.Value)))]
                    : [],
                Scopes = root.TryGetProperty("scopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array
                    ? [.. scopes.EnumerateArray().Select(Value)]
                    : [],
                Exception = root.TryGetProperty("exception", out var exception) ? Exception(exception) : null,
                ThreadId = root.TryGetProperty("thread", out var thread) ? thread.GetInt32() : 0,
                ProcessId = root.TryGetProperty("process", out var process) ? process.GetInt32() : 0,
                TraceId = Text(root, "traceId"),
                SpanId = Text(root, "spanId"),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static object? Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : element.TryGetDecimal(out var number) ? number : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(Value).ToArray(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Value(p.Value)),
        _ => null,
    };

    private static LoggedException Exception(JsonElement element)
    {
        Exception? inner = null;
        if (element.TryGetProperty("inner", out var innerElement))
        {
            inner = innerElement.ValueKind == JsonValueKind.Array
                ? new AggregateException(innerElement.EnumerateArray().Select(Exception))
                : Exception(innerElement);
        }

        return new LoggedException(Text(element, "type") ?? "System.Exception", Text(element, "message") ?? string.Empty, Text(element, "stack"), inner);
    }
}
