using System.Globalization;
using System.Text;
using LoguStyle.SideBySide.Results;

namespace LoguStyle.SideBySide.Latency;

/// <summary>The paced and slow-consumer results as markdown tables and charts, generated from their JSON files.</summary>
internal static class LatencyReport
{
    public static string PacedMarkdown(RunFile<LatencyMeasurement> file, string chart)
    {
        var text = Header(file, chart);
        foreach (var rate in file.Results.GroupBy(r => r.OfferedPerSecond))
        {
            var first = rate.First();
            text.AppendLine(CultureInfo.InvariantCulture, $"### {rate.Key:N0} records/s offered by {PacedLoad.Threads} threads for {first.Seconds:0.#} s");
            text.AppendLine();
            text.AppendLine("| setup | calls made/s | p50 | p99 | p99.9 | max | mean | p99.9 of each repeat | GC pause ms | Gen0 | Gen2 | peak MB | lost | x-core ns |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in rate)
            {
                var repeats = string.Join(", ", file.Runs.Where(m => m.Setup == r.Setup && m.OfferedPerSecond == r.OfferedPerSecond).Select(m => LatencyChart.Duration(m.P999Ns)));
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Setup} | {r.MadePerSecond:N0} | {D(r.P50Ns)} | {D(r.P99Ns)} | {D(r.P999Ns)} | {D(r.MaxNs)} | {D(r.MeanNs)} | {repeats} | {r.GcPauseMs:F1} | {r.Gen0Collections} | {r.Gen2Collections} | {r.PeakWorkingSetMb:F0} | {r.Lost:N0} | {r.CrossCoreNs:F0} |");
            }

            text.AppendLine();
            if (LatencyTarget.Judge(rate) is { } judged)
            {
                text.AppendLine(judged.Text + ".");
                text.AppendLine();
            }

            AfterSleepTable(text, rate);
        }

        return text.ToString();
    }

    public static string SlowMarkdown(RunFile<LatencyMeasurement> file, string chart)
    {
        var text = Header(file, chart);
        var first = file.Results.FirstOrDefault();
        if (first is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### {first.OfferedPerSecond:N0} records/s offered by {PacedLoad.Threads} threads for {first.Seconds:0.#} s to a sink that takes {first.SinkPerSecond:N0}/s");
            text.AppendLine();
        }

        text.AppendLine("| setup (queue-full mode) | calls made/s | p50 | p99 | p99.9 | max | lost | lost of the calls made | lost in the warm-up (sink not slowed) | drained at dispose in ms | GC pause ms | peak MB |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in file.Results)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Setup} | {r.MadePerSecond:N0} | {D(r.P50Ns)} | {D(r.P99Ns)} | {D(r.P999Ns)} | {D(r.MaxNs)} | {r.Lost:N0} | {LostShare(r)} | {r.WarmUpLost:N0} | {r.DrainMs:F0} | {r.GcPauseMs:F1} | {r.PeakWorkingSetMb:F0} |");
        }

        text.AppendLine();
        return text.ToString();
    }

    public static string PacedSvg(RunFile<LatencyMeasurement> file) => LatencyChart.Svg(
        "Duration of a logging call at a fixed offered rate (log scale, shorter is better)",
        [.. file.Results.GroupBy(r => r.OfferedPerSecond).Select(g => (
            string.Create(CultureInfo.InvariantCulture, $"{g.Key:N0} records/s offered"),
            (IReadOnlyList<LatencyChartRow>)[.. g.Select(r => new LatencyChartRow(r.Setup, r.P50Ns, r.P99Ns, r.P999Ns, r.MaxNs, r.Lost > 0 ? string.Create(CultureInfo.InvariantCulture, $"{r.Lost:N0} lost") : string.Empty))]))]);

    public static string SlowSvg(RunFile<LatencyMeasurement> file) => LatencyChart.Svg(
        "A sink slower than the callers: call duration per queue-full mode (log scale)",
        [.. file.Results.GroupBy(r => (r.OfferedPerSecond, r.SinkPerSecond)).Select(g => (
            string.Create(CultureInfo.InvariantCulture, $"{g.Key.OfferedPerSecond:N0}/s offered, sink takes {g.Key.SinkPerSecond:N0}/s"),
            (IReadOnlyList<LatencyChartRow>)[.. g.Select(r => new LatencyChartRow(r.Setup, r.P50Ns, r.P99Ns, r.P999Ns, r.MaxNs, $"{r.MadePerSecond:N0} calls/s, lost {LostShare(r)}, peak {r.PeakWorkingSetMb:F0} MB"))]))]);

    private static StringBuilder Header(RunFile<LatencyMeasurement> file, string chart)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {file.MeasuredUtc:yyyy-MM-dd HH:mm} UTC on {file.Machine}, with `{file.Command}`. Each row is the repeat with the median p99.9.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"![call durations]({chart})");
        text.AppendLine();
        return text;
    }

    // The calls each thread made first after its sleep (PacedLoad), from the same repeats; results without them (older
    // files) have no such table.
    private static void AfterSleepTable(StringBuilder text, IEnumerable<LatencyMeasurement> rate)
    {
        if (!rate.Any(r => r.AfterSleepCalls > 0))
        {
            return;
        }

        text.AppendLine("The first call of each thread after its sleep, in the same repeats:");
        text.AppendLine();
        text.AppendLine("| setup | calls first after a sleep | of all calls | p50 | p90 | p99 | of the calls at or over the p99.9 |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rate)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Setup} | {r.AfterSleepCalls:N0} | {100.0 * r.AfterSleepCalls / Math.Max(1, r.Calls):0.0} % | {D(r.AfterSleepP50Ns)} | {D(r.AfterSleepP90Ns)} | {D(r.AfterSleepP99Ns)} | {100 * r.SlowestAfterSleepShare:0} % |");
        }

        text.AppendLine();
    }

    private static string D(double ns) => LatencyChart.Duration(ns);

    // Of the calls made in the measured period (the warm-up's losses are counted apart).
    private static string LostShare(LatencyMeasurement r) =>
        r.Calls == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * r.Lost / r.Calls:0.#} %");
}
