using NLog;
using NLog.Targets;

namespace LoguStyle.SideBySide.Latency;

/// <summary>An NLog target that hands each event to a <see cref="SlowSink"/> (NLog's AsyncWrapper writes to it in batches).</summary>
internal sealed class SlowNLogTarget(SlowSink sink) : Target
{
    protected override void Write(LogEventInfo logEvent) => sink.Take();
}
