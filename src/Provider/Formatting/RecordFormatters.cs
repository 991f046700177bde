using LoguStyle.Sinks;

namespace LoguStyle.Formatting;

/// <summary>Chooses a sink's formatter: JSON lines when it serializes, else its compiled template.</summary>
internal static class RecordFormatters
{
    public static IRecordFormatter For(SinkOptions options, bool colored, LevelTable levels)
    {
        // Decided once per sink: the records of its category are shared with the other sinks, and a caller found from
        // the stack for one that asked is left out by the formatters of the others (no copy of the record per sink).
        var stackCaller = options.CallerInfo == CallerInfo.StackTrace;
        if (options.Serialize)
        {
            // JSON lines are one line a record by construction.
            return JsonLineFormatter.For(options.JsonFormat, stackCaller);
        }

        IRecordFormatter plan = FormatPlan.Compile(options.Format, options.Name, colored, levels, stackCaller);
        if (options.Format is null)
        {
            // No format of its own: Loguru's layout, with the caller for the records that carry one.
            plan = new CallerAwareFormatter(plan, FormatPlan.Compile(FormatTemplate.WithCallerText, options.Name, colored, levels, stackCaller), stackCaller);
        }

        return options.SingleLine ? new SingleLineFormatter(plan) : plan;
    }
}
