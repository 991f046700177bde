namespace LoguStyle.Tool.Reading;

/// <summary>
/// The lines of one file turned into records, with LogFile.Read's rules for damage: a line that is not a record is
/// reported once another line follows it (once per file); the last line of a file that is not a record is the torn
/// record of a killed process and is skipped without a report.
/// </summary>
internal sealed class FileLineParser(string file, Action<string, Exception> onDamaged)
{
    private int _number;
    private Exception? _pending;
    private bool _reported;

    /// <summary>A whole line (with its <c>\n</c>): its record, or null.</summary>
    public JsonLine? Next(byte[] bytes)
    {
        ReportPending();
        _number++;
        if (JsonLine.TryParse(bytes, out var error) is { } line)
        {
            return line;
        }

        if (error is not null)
        {
            _pending = new InvalidDataException($"line {_number} is not a record: {error.Message}", error);
        }

        return null;
    }

    /// <summary>The end of the file that has no <c>\n</c>: its record when it lost only the newline, else null, unreported.</summary>
    public JsonLine? Last(byte[] rest)
    {
        if (rest.Length == 0)
        {
            return null;
        }

        ReportPending();
        return JsonLine.TryParse(rest, out _);
    }

    /// <summary>Damage found outside the lines (an archive that cannot be opened or ends early).</summary>
    public void Report(Exception error)
    {
        if (!_reported)
        {
            _reported = true;
            onDamaged(file, error);
        }
    }

    private void ReportPending()
    {
        if (_pending is { } pending)
        {
            _pending = null;
            Report(pending);
        }
    }
}
