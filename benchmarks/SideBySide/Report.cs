using System.Globalization;
using System.Text;
using LoguStyle.SideBySide.Providers;
using LoguStyle.SideBySide.Results;

namespace LoguStyle.SideBySide;

/// <summary>The throughput results as markdown tables (ratios against ZLogger) and a bar chart (SVG), generated from their JSON file.</summary>
internal static class Report
{
    private const string Baseline = "zlogger-file";

    public static string Markdown(RunFile<Measurement> file, string chart)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured {file.MeasuredUtc:yyyy-MM-dd HH:mm} UTC on {file.Machine}, with `{file.Command}`. Each row is the repeat with the median end-to-end time.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"![records per second, end to end]({chart})");
        text.AppendLine();
        AppendSetups(text, [.. file.Results.Select(r => r.Provider)]);
        foreach (var scenario in file.Results.GroupBy(r => r.Scenario))
        {
            var baseline = scenario.FirstOrDefault(r => r.Provider == Baseline);
            text.AppendLine(CultureInfo.InvariantCulture, $"### {scenario.Key} ({scenario.First().Calls:N0} calls)");
            text.AppendLine();
            if (scenario.Key == nameof(Scenario.Interpolated))
            {
                text.AppendLine("Only LoguStyle (`logger.Info($\"...\")`) and ZLogger (`ZLogInformation($\"...\")`) run this scenario: Serilog, NLog, MEL's console and the two reference rows (floor, MEL's call only) have no interpolated logging API and are left out.");
                text.AppendLine();
            }

            text.AppendLine("| provider | caller ns/call | end to end ms | records/s | vs ZLogger | records/s of each repeat | alloc B/call | other threads B/call | Gen0 | peak MB | lost | warm-up written in ms | x-core ns |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in scenario)
            {
                var ratio = baseline is null ? "" : (r.RecordsPerSecond / baseline.RecordsPerSecond).ToString("0.00x", CultureInfo.InvariantCulture);
                var repeats = string.Join(", ", file.Runs.Where(m => m.Provider == r.Provider && m.Scenario == r.Scenario).Select(m => (m.RecordsPerSecond / 1e6).ToString("F2", CultureInfo.InvariantCulture)));
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Provider} | {r.CallerNsPerCall:F1} | {r.TotalMs:F0} | {r.RecordsPerSecond / 1e6:F2} M | {ratio} | {repeats} | {r.AllocatedBytesPerCall:F0} | {r.OtherThreadsBytesPerCall:F0} | {r.Gen0Collections} | {r.PeakWorkingSetMb:F0} | {r.Lost} | {r.SettleMs:F0} | {r.CrossCoreNs:F0} |");
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>What each setup in the results ran, as <see cref="IBenchProvider.Setup"/> says (a setup the runner no longer has is left out).</summary>
    private static void AppendSetups(StringBuilder text, HashSet<string> providers)
    {
        var known = ProviderList.All.Where(p => providers.Contains(p.Name)).ToList();
        if (known.Count == 0)
        {
            return;
        }

        text.AppendLine("| setup | what it runs |");
        text.AppendLine("|---|---|");
        foreach (var provider in known)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {provider.Name} | {provider.Setup.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        text.AppendLine();
    }

    public static string Svg(IReadOnlyList<Measurement> results)
    {
        // The chart is of records into a file: a run that writes none (Disabled, MEL's call alone) is in the tables only.
        var scenarios = results.Where(Charted).GroupBy(r => r.Scenario).ToList();
        var providers = scenarios.SelectMany(s => s).Select(r => r.Provider).Distinct().ToList();
        // A run of Disabled alone has no bar: no maximum to scale by.
        var max = scenarios.SelectMany(s => s).Select(r => r.RecordsPerSecond).DefaultIfEmpty(1).Max();
        const int BarHeight = 16;
        const int Left = 170;
        const int Width = 460;
        var height = 40 + scenarios.Count * (providers.Count * BarHeight + 40);
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Left + Width + 90}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine("<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">Records per second into a file, end to end (higher is better)</text>");
        var y = 40;
        foreach (var scenario in scenarios)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{y + 12}\" font-weight=\"bold\">{scenario.Key}</text>");
            y += 18;
            foreach (var r in scenario)
            {
                var width = Math.Max(1, r.RecordsPerSecond / max * Width);
                var color = r.Provider.StartsWith("logustyle", StringComparison.Ordinal) ? "#2e7d32" : r.Provider == Baseline ? "#1565c0" : "#9e9e9e";
                svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 12}\" text-anchor=\"end\">{r.Provider}</text>");
                svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{y + 2}\" width=\"{width:F1}\" height=\"{BarHeight - 4}\" fill=\"{color}\"/>");
                svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{Left + width + 4:F1}\" y=\"{y + 12}\">{r.RecordsPerSecond / 1e6:F2} M/s{(r.Lost > 0 ? $" ({r.Lost:N0} lost)" : "")}</text>");
                y += BarHeight;
            }

            y += 22;
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    // A setup the runner no longer has (an older results file) is charted unless its scenario is Disabled.
    private static bool Charted(Measurement result) =>
        Enum.TryParse<Scenario>(result.Scenario, out var scenario) &&
        (ProviderList.All.FirstOrDefault(p => p.Name == result.Provider)?.WritesRecordsIn(scenario) ?? scenario != Scenario.Disabled);
}
