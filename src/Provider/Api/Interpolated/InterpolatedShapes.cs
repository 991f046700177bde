namespace LoguStyle;

/// <summary>
/// The shapes of the call sites seen, so a call builds no template and cleans no name after its first time: a table
/// of slots chosen by the identity hash of the pieces. A slot holds the last shape that hashed to it; two call sites
/// that share a slot each rebuild theirs when the other one took it (correct, only slower), which 4,096 slots make rare.
/// </summary>
internal static class InterpolatedShapes
{
    private static readonly InterpolatedShape?[] Slots = new InterpolatedShape?[4096];

    // Hot path: a read and a comparison of string references once the call site has been seen.
    public static InterpolatedShape For(ReadOnlySpan<InterpolatedPiece> pieces, int hash)
    {
        ref var slot = ref Slots[hash & (Slots.Length - 1)];
        var known = Volatile.Read(ref slot);
        if (known is not null && known.Matches(pieces))
        {
            return known;
        }

        var shape = InterpolatedShape.Build(pieces);
        Volatile.Write(ref slot, shape);
        return shape;
    }
}
