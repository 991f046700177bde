namespace LoguStyle.SideBySide;

/// <summary>
/// The order in which one round of repeats runs the setups: the list as given in the first round, then turned by one
/// place each round (A B C, B C A, C A B, ...). In a fixed order the same setup always ran right after the same other
/// one and at the same point of a round, and an effect of that place (a setup's repeat 0 measured fastest in every
/// scenario of three runs, an outside review found) looked like the setup's own speed.
/// </summary>
internal static class RepeatOrder
{
    /// <summary>The setups of round <paramref name="repeat"/> (0-based) in the order they run.</summary>
    public static IReadOnlyList<T> Of<T>(IReadOnlyList<T> setups, int repeat)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(repeat);
        if (setups.Count == 0)
        {
            return setups;
        }

        var shift = repeat % setups.Count;
        return [.. setups.Skip(shift), .. setups.Take(shift)];
    }
}
