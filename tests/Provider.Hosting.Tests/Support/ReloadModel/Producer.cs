using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Support.ReloadModel;

/// <summary>
/// One of the reload model's logging threads: logs <c>m {thread}-{index}</c> at random categories and levels, and
/// keeps, for each record, the phase of the edits before and after its call.
/// </summary>
internal sealed class Producer
{
    private static readonly LogLevel[] Levels = [LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical];

    private static readonly TimeSpan PaceInterval = TimeSpan.FromMilliseconds(1);

    private readonly ILogger[] _loggers;
    private readonly int[] _phase;
    private readonly Random _random;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stopped = new(initialState: false);

    public Producer(int id, int seed, ILogger[] loggers, int[] phase)
    {
        Id = id;
        _loggers = loggers;
        _phase = phase;
        _random = new Random(HashCode.Combine(seed, id));
        _thread = new Thread(Run) { IsBackground = true, Name = $"reload-model-{id}" };
    }

    public int Id { get; }

    /// <summary>What was logged; read only after <see cref="Stop"/>.</summary>
    public List<LoggedRecord> Records { get; } = [];

    public static LogLevel LevelOf(LoggedRecord record) => Levels[record.Level];

    public void Start() => _thread.Start();

    public void Stop()
    {
        _stopped.Set();
        _thread.Join();
        _stopped.Dispose();
    }

    private void Run()
    {
        for (var index = 0; !_stopped.IsSet; index++)
        {
            var category = _random.Next(_loggers.Length);
            var level = _random.Next(Levels.Length);
            var before = Volatile.Read(ref _phase[0]);
            _loggers[category].Log(Levels[level], "m {Thread}-{Index}", Id, index);
            var after = Volatile.Read(ref _phase[0]);
            Records.Add(new LoggedRecord(index, category, level, before, after));

            // A steady few thousand records a second per thread, so every edit meets records in flight without piling
            // up millions of them: a rate limit, not a wait for something, so it pauses on the stop signal, which ends
            // the pause at once when the model stops the producers.
            if (index % 4 == 3)
            {
                _stopped.Wait(PaceInterval);
            }
        }
    }
}
