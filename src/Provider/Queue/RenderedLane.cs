namespace LoguStyle.Queue;

/// <summary>
/// One lane of a <see cref="RenderedSegments"/>: the open segment the logging threads on one core append to, under a
/// lock of its own. Its fields are read and written under <see cref="Gate"/>, but <see cref="OpenCount"/>, which the
/// napping writer reads without it.
/// </summary>
/// <remarks>
/// Why a lane a core: threads on two cores that append to one segment under one lock pass the lock's line, the
/// segment's last line and its count back and forth between the cores for every record. With a lane a core those lines
/// stay in the core that writes them; only the writer's hand-overs (a few a millisecond at most) move them.
/// </remarks>
internal sealed class RenderedLane
{
    // Keeps this lane's fields and the next lane's lock (allocated right after this lane, see RenderedSegments) off one
    // cache line: the two are written on different cores.
#pragma warning disable CS0169 // Never read nor written: it is there for its size.
    private readonly PaddedCounter _apart;
#pragma warning restore CS0169

    /// <param name="gate">The lane's lock, allocated before the lane, so that it sits just before its lane's fields.</param>
    public RenderedLane(Lock gate)
    {
        Gate = gate;
    }

    /// <summary>The lock a caller appends under; a hand-over holds every lane's (see <see cref="RenderedSegments"/>).</summary>
    public Lock Gate { get; }

    /// <summary>The segment the lane's callers append to; null until the lane's first record.</summary>
    public RenderedSegment? Open { get; set; }

    /// <summary>True once the queue is completed: every later append is refused.</summary>
    public bool Closed { get; set; }

    /// <summary>True while the writer waits for its channel: the next record here hands every lane over.</summary>
    public bool WriterWaiting { get; set; }

    /// <summary>The open segment's records, for the napping writer's look without the lock.</summary>
    public int OpenCount
    {
        get => Volatile.Read(ref _openCount);
        set => Volatile.Write(ref _openCount, value);
    }

    private int _openCount;
}
