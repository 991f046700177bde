using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Support;

/// <summary>
/// Threads that log "thread index" records ("{T} {I}") as fast as they can until stopped, for the reload order tests;
/// <see cref="ThreadOrder"/> reads what a sink wrote of them.
/// </summary>
internal sealed class NumberedProducers : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly int[] _logged;
    private readonly Task[] _threads;

    public NumberedProducers(ILogger logger, int threads)
        : this([logger], threads)
    {
    }

    /// <summary>Each thread logs its records through <paramref name="loggers"/> in turn (its record i through logger i mod n).</summary>
    public NumberedProducers(ILogger[] loggers, int threads)
    {
        _logged = new int[threads];
        _threads = [.. Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                var i = 0;
                while (!_stop.IsCancellationRequested)
                {
                    loggers[i % loggers.Length].LogInformation("{T} {I}", t, i);
                    Volatile.Write(ref _logged[t], ++i);
                }
            },
            TaskCreationOptions.LongRunning))];
    }

    /// <summary>How many records each thread has logged (after <see cref="StopAsync"/>: in all).</summary>
    public int[] Logged => [.. _logged.Select((_, t) => Volatile.Read(ref _logged[t]))];

    /// <summary>
    /// Returns once every thread has logged <paramref name="records"/> more than when called, so that each generation of
    /// a reload meets records from every thread, however fast or slow the machine is; fails at <paramref name="deadline"/>.
    /// </summary>
    public void WaitForEach(int records, TimeSpan deadline)
    {
        var before = Logged;
        Assert.True(
            SpinWait.SpinUntil(() => Enumerable.Range(0, before.Length).All(t => Volatile.Read(ref _logged[t]) >= before[t] + records), deadline),
            "the producers stalled");
    }

    /// <summary>Stops the threads and waits for them; returns how many records each logged.</summary>
    public async Task<int[]> StopAsync(TimeSpan deadline)
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_threads).WaitAsync(deadline);
        return Logged;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_threads).WaitAsync(TimeSpan.FromSeconds(60));
        _stop.Dispose();
    }
}
