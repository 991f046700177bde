using LoguStyle.SideBySide.Latency;

namespace LoguStyle.SideBySide.Results;

/// <summary>
/// The generator: turns each results file in docs/benchmarks/ into its markdown tables and its chart, beside it
/// (throughput.md and .svg, paced.md and .svg, slow.md and .svg). docs/benchmarks.md quotes the tables.
/// </summary>
internal static class ResultPages
{
    public static IEnumerable<string> WriteAll()
    {
        if (ResultFiles.Read<Measurement>(ResultFiles.Throughput) is { } throughput)
        {
            yield return Write(ResultFiles.Throughput, Report.Markdown(throughput, $"{ResultFiles.Throughput}.svg"), Report.Svg(throughput.Results));
        }

        if (ResultFiles.Read<LatencyMeasurement>(ResultFiles.Paced) is { } paced)
        {
            yield return Write(ResultFiles.Paced, LatencyReport.PacedMarkdown(paced, $"{ResultFiles.Paced}.svg"), LatencyReport.PacedSvg(paced));
        }

        if (ResultFiles.Read<LatencyMeasurement>(ResultFiles.Slow) is { } slow)
        {
            yield return Write(ResultFiles.Slow, LatencyReport.SlowMarkdown(slow, $"{ResultFiles.Slow}.svg"), LatencyReport.SlowSvg(slow));
        }
    }

    private static string Write(string name, string markdown, string svg)
    {
        File.WriteAllText(ResultFiles.Path(name, "md"), markdown);
        File.WriteAllText(ResultFiles.Path(name, "svg"), svg);
        return ResultFiles.Path(name, "md");
    }
}
