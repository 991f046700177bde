using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Support.ReloadModel;

/// <summary>
/// One of the reload model's logging threads: logs <c>m {thread}-{index}</c> at random categories and levels, and
/// keeps, for each record, the phase of the edits before and after its call. It logs exactly the records it is
/// granted (<see cref="Grant"/>), as fast as it can, and then waits for the next grant: the model paces it by records
/// per phase, not by the clock.
/// </summary>
internal sealed class Producer
{
    private static readonly LogLevel[] Levels = [LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical];

    private readonly ILogger[] _loggers;
    private readonly int[] _phase;
    private readonly Random _random;
    private readonly Thread _thread;

    // A monitor: the thread sleeps on it between grants, the model waits on it for a grant to be spent.
    private readonly object _lock = new();
    private int _budget;
    private bool _stopping;

    public Producer(int id, int seed, ILogger[] loggers, int[] phase)
    {
        Id = id;
        _loggers = loggers;
        _phase = phase;
        _random = new Random(HashCode.Combine(seed, id));
        _thread = new Thread(Run) { IsBackground = true, Name = $"reload-model-{id}" };
    }

    public int Id { get; }

    /// <summary>Records granted so far (see <see cref="Grant"/>).</summary>
    public int Granted { get; private set; }

    /// <summary>What was logged; read only after <see cref="Stop"/>.</summary>
    public List<LoggedRecord> Records { get; } = [];

    public static LogLevel LevelOf(LoggedRecord record) => Levels[record.Level];

    public void Start() => _thread.Start();

    /// <summary>Lets the thread log <paramref name="records"/> more records.</summary>
    public void Grant(int records)
    {
        lock (_lock)
        {
            _budget += records;
            Granted += records;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Waits until every record granted so far was logged; false when <paramref name="timeout"/> passed first.</summary>
    public bool WaitSpent(TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        lock (_lock)
        {
            while (_budget > 0)
            {
                var left = deadline - Environment.TickCount64;
                if (left <= 0 || !Monitor.Wait(_lock, (int)left))
                {
                    return _budget == 0;
                }
            }

            return true;
        }
    }

    /// <summary>Ends the thread once it has logged what it was granted.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _stopping = true;
            Monitor.PulseAll(_lock);
        }

        _thread.Join();
    }

    private void Run()
    {
        var index = 0;
        while (true)
        {
            int granted;
            lock (_lock)
            {
                while (_budget == 0 && !_stopping)
                {
                    Monitor.Wait(_lock);
                }

                if (_budget == 0)
                {
                    return;
                }

                granted = _budget;
            }

            for (var i = 0; i < granted; i++, index++)
            {
                var category = _random.Next(_loggers.Length);
                var level = _random.Next(Levels.Length);
                var before = Volatile.Read(ref _phase[0]);
                _loggers[category].Log(Levels[level], "m {Thread}-{Index}", Id, index);
                var after = Volatile.Read(ref _phase[0]);
                Records.Add(new LoggedRecord(index, category, level, before, after));
            }

            lock (_lock)
            {
                _budget -= granted;
                Monitor.PulseAll(_lock);
            }
        }
    }
}
