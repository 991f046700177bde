namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// What one move of a thread under the <see cref="StepScheduler"/> may read and write of the queue's shared state: a
/// bit per shared thing (see <see cref="QueueFootprints"/>). Two moves of different threads whose footprints do not
/// conflict commute: run in either order from the same state they reach the same state, and neither enables or
/// disables the other.
/// </summary>
internal readonly record struct StepFootprint(ulong Reads, ulong Writes, bool Everything, ulong Adds = 0)
{
    /// <summary>A move that conflicts with every other (what it depends on is not written down).</summary>
    public static readonly StepFootprint All = new(0, 0, true);

    /// <summary>True unless both only read what they share, or share nothing.</summary>
    /// <remarks>Adds (an increment whose result the move does not use) commute with each other, not with a read or a write.</remarks>
    public bool ConflictsWith(StepFootprint other) =>
        Everything || other.Everything
        || (Writes & (other.Reads | other.Writes | other.Adds)) != 0
        || (other.Writes & (Reads | Adds)) != 0
        || (Adds & other.Reads) != 0 || (other.Adds & Reads) != 0;

    public override string ToString() => Everything ? "*" : $"r{Reads:x} w{Writes:x}";
}
