namespace LoguStyle.SyslogThroughput;

/// <summary>
/// One timed run of one side: records a second (sent records over the time until the sender closed), records lost, the
/// methods the JIT compiled meanwhile, and the CPU time a record cost this process (while timed) and rsyslogd (from the
/// start until its output settled), in microseconds.
/// </summary>
internal sealed record Result(double PerSecond, long Lost, long CompiledWhileTimed, double SenderMicros, double ReceiverMicros);
