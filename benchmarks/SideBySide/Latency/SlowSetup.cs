namespace LoguStyle.SideBySide.Latency;

/// <summary>A provider's queue, in one of its modes, in front of a <see cref="SlowSink"/>.</summary>
internal sealed record SlowSetup(string Name, string Setup, Func<SlowSink, BenchLogging> Create);
