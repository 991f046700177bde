namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// Each thread's place in the code as it parked (<see cref="ScheduledThread.Pc"/>), kept by a search from one schedule to
/// the next: a schedule replays the moves of the one before up to the state it branches from, and the same moves from the
/// same start run the same code (the search needs that anyway: a schedule that does not replay fails), so the places
/// need not be walked again up to there. Keyed by the move after which a thread parked; the parks while setting up
/// come in the same order in every schedule.
/// </summary>
internal sealed class PcMemo
{
    private readonly List<string> _setup = [];
    private readonly List<string?> _afterMove = [];

    /// <summary>The last move of the running schedule that is the one the schedule before made there (-1: none).</summary>
    public int SameThrough { get; set; } = -1;

    /// <summary>Walk the stack anyway and compare with what was kept (a sample of the schedules: the claim above, checked).</summary>
    public bool Check { get; set; }

    /// <summary>The place kept for a park after move <paramref name="key"/> (a negative key: the setup's parks, in order), or null.</summary>
    public string? Known(int key) => key < 0
        ? (-1 - key < _setup.Count ? _setup[-1 - key] : null)
        : (key <= SameThrough && key < _afterMove.Count ? _afterMove[key] : null);

    public void Keep(int key, string pc)
    {
        if (key < 0)
        {
            if (-1 - key == _setup.Count)
            {
                _setup.Add(pc);
            }

            return;
        }

        while (_afterMove.Count <= key)
        {
            _afterMove.Add(null);
        }

        _afterMove[key] = pc;
    }
}
