namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// Each thread's place in the code as it parked (<see cref="ScheduledThread.Pc"/>), kept by a search from one schedule to
/// the next: a schedule replays the moves of the one before up to the state it branches from, and the same moves from the
/// same start run the same code (the search needs that anyway: a schedule that does not replay fails), so the places
/// need not be walked again up to there. Keyed by the move after which a thread parked; a park while setting up by its
/// thread's index (those threads park side by side: kept under a lock).
/// </summary>
internal sealed class PcMemo
{
    private readonly List<string?> _setup = [];
    private readonly List<string?> _afterMove = [];

    /// <summary>The last move of the running schedule that is the one the schedule before made there (-1: none).</summary>
    public int SameThrough { get; set; } = -1;

    /// <summary>Walk the stack anyway and compare with what was kept (a sample of the schedules: the claim above, checked).</summary>
    public bool Check { get; set; }

    /// <summary>The place kept for a park after move <paramref name="key"/> (a negative key: the setup's parks, in order), or null.</summary>
    public string? Known(int key)
    {
        if (key < 0)
        {
            lock (_setup)
            {
                return -1 - key < _setup.Count ? _setup[-1 - key] : null;
            }
        }

        return key <= SameThrough && key < _afterMove.Count ? _afterMove[key] : null;
    }

    public void Keep(int key, string pc)
    {
        if (key < 0)
        {
            lock (_setup)
            {
                Put(_setup, -1 - key, pc);
            }

            return;
        }

        Put(_afterMove, key, pc);
    }

    private static void Put(List<string?> list, int index, string pc)
    {
        while (list.Count <= index)
        {
            list.Add(null);
        }

        list[index] = pc;
    }
}
