namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// What a paced thread notes around each timed call besides its duration (<see cref="PacedLoad"/>). A struct, copied
/// into each thread, so that <see cref="NoWatch"/> (every run that only measures) compiles to nothing on the timed path.
/// </summary>
internal interface ICallWatch
{
    /// <summary>On the paced thread, before its first call.</summary>
    void StartThread();

    /// <summary>Read just before the call's first clock read (outside the timed part).</summary>
    int Mark();

    /// <summary>Called after the call's second clock read with its start, its duration and <paramref name="mark"/>.</summary>
    void Saw(long startTimestamp, long ticks, int mark, bool afterSleep);
}
