namespace LoguStyle.SideBySide.Results;

/// <summary>
/// What a run of the runner leaves behind (docs/benchmarks/*.json): how it was started, where, every child's
/// measurement, and the rows it reports (the median run of each setup). The markdown and the chart are generated from
/// this file, so they can be made again without measuring (<c>report</c>).
/// </summary>
internal sealed record RunFile<T>(string Command, string Machine, DateTime MeasuredUtc, List<T> Runs, List<T> Results);
