using LoguStyle.Formatting;

namespace LoguStyle.Tool.Output;

/// <summary>
/// Renders records with the console sink's own formatter (<see cref="RecordFormatters"/> over a
/// <see cref="ConsoleSinkOptions"/>): the same template language, default layout (with the caller for records that
/// carry one), colours and escaping of message text as the console sink.
/// </summary>
/// <remarks>
/// The app's custom levels (their colours and icons) are not in the file; a record logged at one carries its name
/// (<see cref="LogRecord.LevelName"/>), so each name met is added to the level table with the record's base level,
/// and the record is written with its own name in its base level's colour. SUCCESS keeps Loguru's style. The names are
/// capped, so a file of odd names cannot make every record recompile the template.
/// </remarks>
internal sealed class RecordRenderer
{
    private const int MaxCustomLevels = 64;

    private readonly string? _format;
    private readonly bool _colored;
    private readonly Dictionary<string, CustomLevel> _customLevels = new(StringComparer.OrdinalIgnoreCase);
    private IRecordFormatter _formatter;

    public RecordRenderer(string? format, bool colored)
    {
        _format = format;
        _colored = colored;
        _formatter = Compile();
    }

    public void Render(LogRecord record, Utf8Buffer output)
    {
        if (record.LevelName is { } name
            && record.Level is >= Microsoft.Extensions.Logging.LogLevel.Trace and <= Microsoft.Extensions.Logging.LogLevel.Critical
            && _customLevels.Count < MaxCustomLevels
            && !_customLevels.ContainsKey(name)
            && !string.Equals(name, LevelRegistry.Success, StringComparison.OrdinalIgnoreCase))
        {
            _customLevels[name] = new CustomLevel { Base = record.Level };
            _formatter = Compile();
        }

        _formatter.Render(record, output);
    }

    private IRecordFormatter Compile() =>
        RecordFormatters.For(new ConsoleSinkOptions { Format = _format }, _colored, LevelTable.From(new Dictionary<Microsoft.Extensions.Logging.LogLevel, LevelStyle>(), _customLevels));
}
