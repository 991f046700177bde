using LoguStyle.Queue;

namespace LoguStyle.Tests.Queue.Model;

/// <summary>
/// Drives the production <see cref="QueueCounters"/> (not a restatement) through every interleaving of its operations
/// for callers, the writer and a dispose that gives up: each operation is one atomic step of the real counters, the
/// channel between them a list. Checked in every end state: every record is written once or counted as dropped or
/// refused once, accepted = written + dropped + refused exactly, and the channel never held more than the capacity.
/// The give-up of the code before this test counted the record in the writer's hands as dropped, and the writer counted
/// it as written when the sink returned (take, give up, write: one more than accepted). The give-up may come at any
/// moment: the one before issue 15's last round counted a caller between its ticket and its channel write as dropped,
/// and the caller then counted it as refused (schedule 00122331: accepted 2, written 1 + dropped 1 + refused 1).
/// </summary>
public class QueueCountersInterleavingTests
{
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 1)]
    [InlineData(2, 2)]
    public void GiveUp_EveryInterleavingWithCallersAndTheWriter_CountsEachRecordOnce(int callers, int recordsEach)
    {
        var schedules = 0;
        var failure = Explore(new Run(callers, recordsEach, capacity: 2), "", ref schedules);

        Assert.True(failure is null, failure);
        Assert.True(schedules > 300, $"only {schedules} schedules");
    }

    /// <summary>Depth first over schedules; each is replayed from the start on fresh counters (stateless exploration).</summary>
    private static string? Explore(Run start, string schedule, ref int schedules)
    {
        var run = Run.Replay(start, schedule);
        var enabled = Enumerable.Range(0, run.Threads).Where(run.Enabled).ToList();
        if (enabled.Count == 0)
        {
            schedules++;
            return run.Check() is { } problem ? $"{problem} (schedule {schedule})" : null;
        }

        foreach (var thread in enabled)
        {
            if (Explore(start, schedule + (char)('0' + thread), ref schedules) is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    /// <summary>One execution: callers 0..n-1, then the writer, then the disposer.</summary>
    private sealed class Run
    {
        private readonly QueueCounters _counters;
        private readonly List<int> _channel = [];
        private readonly int[] _callerPc;
        private readonly int[] _callerNext;
        private readonly long[] _ticket;
        private readonly long[] _goneBefore;
        private readonly int _recordsEach;
        private readonly HashSet<int> _written = [];
        private readonly HashSet<int> _thrownAway = [];
        private int _writerPc;
        private int _writerRecord;
        private long _writtenCount;
        private int _disposerPc;
        private bool _completed;
        private int _mostQueued;

        public Run(int callers, int recordsEach, int capacity)
        {
            _counters = new QueueCounters(capacity);
            _recordsEach = recordsEach;
            _callerPc = new int[callers];
            _callerNext = new int[callers];
            _ticket = new long[callers];
            _goneBefore = new long[callers];
        }

        public int Threads => _callerPc.Length + 2;

        private int Writer => _callerPc.Length;

        public static Run Replay(Run start, string schedule)
        {
            var run = new Run(start._callerPc.Length, start._recordsEach, start._counters.Capacity);
            foreach (var step in schedule)
            {
                run.Step(step - '0');
            }

            return run;
        }

        public bool Enabled(int thread)
        {
            if (thread < Writer)
            {
                return _callerNext[thread] < _recordsEach;
            }

            if (thread == Writer)
            {
                // The writer waits for a record; once the queue is completed and empty it has ended.
                return _writerPc == 1 || _channel.Count > 0;
            }

            // The give-up may come at any moment, also while a caller is between its ticket and its channel write.
            return _disposerPc <= 1;
        }

        public void Step(int thread)
        {
            if (thread < Writer)
            {
                StepCaller(thread);
            }
            else if (thread == Writer)
            {
                StepWriter();
            }
            else
            {
                StepDisposer();
            }

            _mostQueued = Math.Max(_mostQueued, _channel.Count);
        }

        private void StepCaller(int caller)
        {
            var record = (caller * _recordsEach) + _callerNext[caller];
            if (_callerPc[caller] == 0)
            {
                _ticket[caller] = _counters.TakeTicket(out _goneBefore[caller]);
                _callerPc[caller] = 1;
                return;
            }

            // The decision and the channel write (DropWrite when full; a stopped Wait-mode caller does the same).
            if (_completed)
            {
                _counters.Refuse(_ticket[caller]);
            }
            else if (_counters.IsFull(_ticket[caller], _goneBefore[caller]))
            {
                _counters.DropAtEntry(_ticket[caller]);
            }
            else
            {
                _channel.Add(record);
            }

            _callerPc[caller] = 0;
            _callerNext[caller]++;
        }

        private void StepWriter()
        {
            if (_writerPc == 0)
            {
                _writerRecord = _channel[0];
                _channel.RemoveAt(0);
                if (_counters.Take())
                {
                    _writerPc = 1;
                }
                else
                {
                    _thrownAway.Add(_writerRecord);
                }

                return;
            }

            // The inner write returned (the stuck sink came back, also after the give-up): counted as written.
            _written.Add(_writerRecord);
            _counters.Wrote(++_writtenCount);
            _writerPc = 0;
        }

        private void StepDisposer()
        {
            if (_disposerPc == 0)
            {
                // The channel is completed: later channel writes are refused.
                _completed = true;
            }
            else
            {
                _counters.Abandon();
            }

            _disposerPc++;
        }

        public string? Check()
        {
            if (_mostQueued > _counters.Capacity)
            {
                return $"{_mostQueued} records queued in a queue of {_counters.Capacity}";
            }

            var (accepted, written, dropped, refused) = (_counters.Accepted, _counters.Written, _counters.Dropped, _counters.Refused);
            if (accepted != written + dropped + refused)
            {
                return $"accepted {accepted} != written {written} + dropped {dropped} + refused {refused}";
            }

            if (written != _written.Count || _written.Overlaps(_thrownAway))
            {
                return $"written {written}, but the sink got {_written.Count} record(s)";
            }

            if (_counters.Queued != 0)
            {
                return $"{_counters.Queued} record(s) still counted as queued at the end";
            }

            return null;
        }
    }
}
