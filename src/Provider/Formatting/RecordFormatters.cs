using LoguStyle.Sinks;

namespace LoguStyle.Formatting;

/// <summary>Chooses a sink's formatter: JSON lines when it serializes, else its compiled template.</summary>
internal static class RecordFormatters
{
    public static IRecordFormatter For(SinkOptions options, bool colored, LevelTable levels)
    {
        if (options.Serialize)
        {
            // JSON lines are one line a record by construction.
            return JsonLineFormatter.For(options.JsonFormat);
        }

        IRecordFormatter plan = FormatPlan.Compile(options.Format, options.Name, colored, levels);
        if (options.Format is null)
        {
            // No format of its own: Loguru's layout, with the caller for the records that carry one.
            plan = new CallerAwareFormatter(plan, FormatPlan.Compile(FormatTemplate.WithCallerText, options.Name, colored, levels));
        }

        return options.SingleLine ? new SingleLineFormatter(plan) : plan;
    }
}
