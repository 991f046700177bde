namespace LoguStyle.SyslogThroughput;

/// <summary>One timed run of one side: records a second (sent records over the time until the sender closed), records lost, and the methods the JIT compiled meanwhile.</summary>
internal sealed record Result(double PerSecond, long Lost, long CompiledWhileTimed);
