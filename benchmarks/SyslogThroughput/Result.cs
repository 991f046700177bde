namespace LoguStyle.SyslogThroughput;

/// <summary>One measured side: records a second (sent records over the time until the sender closed) and records lost.</summary>
internal sealed record Result(double PerSecond, long Lost);
