using LoguStyle.Sinks;

namespace LoguStyle.Formatting;

/// <summary>Chooses a sink's formatter: JSON lines when it serializes, else its compiled template.</summary>
internal static class RecordFormatters
{
    public static IRecordFormatter For(SinkOptions options, bool colored, LevelTable levels) =>
        options.Serialize ? JsonRecordFormatter.Instance : FormatPlan.Compile(options.Format, options.Name, colored, levels);
}
