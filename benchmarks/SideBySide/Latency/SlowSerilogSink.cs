using Serilog.Core;
using Serilog.Events;

namespace LoguStyle.SideBySide.Latency;

/// <summary>A Serilog sink that hands each event to a <see cref="SlowSink"/> (behind Serilog.Sinks.Async's worker).</summary>
internal sealed class SlowSerilogSink(SlowSink sink) : ILogEventSink
{
    public void Emit(LogEvent logEvent) => sink.Take();
}
