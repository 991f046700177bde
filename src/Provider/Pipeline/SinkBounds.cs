using LoguStyle.Sinks;

namespace LoguStyle.Pipeline;

/// <summary>
/// How long draining and closing a generation of sinks may take, sink by sink: <paramref name="Bound"/> for each, except
/// the <paramref name="Late"/> sinks, whose flush at the host's stop had not completed when the host's shutdown timeout
/// ran out (stuck, or slower than the host allowed): they get no more time, and their loss report names
/// <paramref name="LateReported"/>, what the host allowed. The sinks that kept up still drain what was logged since.
/// <paramref name="Reported"/>, when set, is what the others' reports name instead of <paramref name="Bound"/> (a reload
/// during a host's stop has only what the stop has left, and names its whole bound).
/// </summary>
internal readonly record struct SinkBounds(TimeSpan Bound, IReadOnlySet<Sink>? Late = null, TimeSpan LateReported = default, TimeSpan? Reported = null)
{
    /// <summary>The time <paramref name="sink"/> has to drain and close.</summary>
    public TimeSpan For(Sink sink) => IsLate(sink) ? TimeSpan.Zero : Bound;

    /// <summary>The bound <paramref name="sink"/>'s loss report names.</summary>
    public TimeSpan ReportedFor(Sink sink) => IsLate(sink) ? LateReported : Reported ?? Bound;

    private bool IsLate(Sink sink) => Late is not null && Late.Contains(sink);
}
