using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using LoguStyle.Pipeline;
using LoguStyle.Queue;
using LoguStyle.Sinks.Syslog;
#if DEBUG
using LoguStyle.Tests.Queue;
#endif
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// The queue in front of a Syslog sink's connection queues (lanes, review of issue 19): a late call a reload closed a
/// lane under, a flush and dispose with one receiver stopped, the lanes' capacities and drop lines, record pooling. Against
/// a real TCP listener that reads each connection line by line, and stops reading the one that carries "stuck".
/// </summary>
public sealed class SyslogLanesTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<string> _received = new();
    private readonly List<TcpClient> _accepted = [];
    private readonly CancellationTokenSource _stop = new();

    // The receiver reads the connection that carried "stuck" again once this completes (until then it reads no more).
    private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _readersEnded;

    public SyslogLanesTests()
    {
        // Small socket buffers (each accepted socket takes them over): a connection not read blocks its sender sooner.
        _listener.Server.ReceiveBufferSize = 4096;
        _listener.Start();
        _ = AcceptAsync();
    }

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public void Dispose()
    {
        _stop.Cancel();
        CloseConnections();
        _listener.Dispose();
        _stop.Dispose();
    }

    [Theory]
    [InlineData(10, 4, new[] { 3, 3, 2, 2 })]
    [InlineData(10_000, 4, new[] { 2500, 2500, 2500, 2500 })]
    [InlineData(7, 2, new[] { 4, 3 })]
    [InlineData(2, 4, new[] { 1, 1, 1, 1 })]
    public void LaneCapacity_SplitsTheSinksCapacity_RemainderToTheFirst_AtLeastOneEach(int capacity, int count, int[] expected) =>
        Assert.Equal(expected, Enumerable.Range(0, count).Select(i => SyslogConnections.LaneCapacity(capacity, count, i)));

    [Theory]
    [InlineData(QueueFullMode.Wait, "Reuse")]
    [InlineData(QueueFullMode.DropOldest, "Pool")]
    public async Task Connections_RecordsAreTheThreadsOwnOrPooled_AndArriveWhole(QueueFullMode mode, string expected)
    {
        // The lanes format on the logging thread (a queue of segments) and keep no record, so the thread's own record
        // is reused; dropping the oldest, they hold records, taking a reference to each like any queue: nothing keeps
        // pooling off for the provider.
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { Options(2, 1_000, mode) } }, TimeProvider.System, TextWriter.Null);
        Assert.Equal(expected, CapturePlan.For(provider.CurrentSinks).Record.ToString());

        // And the records arrive whole, each its own.
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < 200; i++)
        {
            logger.LogInformation("pooled {N}", i);
        }

        await provider.FlushAsync().WaitAsync(Deadline);
        await Loopback.WaitUntil(() => _received.Count == 200, Deadline);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"pooled {i}"), _received.Select(line => line[line.IndexOf("pooled", StringComparison.Ordinal)..]));
    }

#if DEBUG
    /// <summary>
    /// Finding 1: a caller that passed the front's open look is held before its lane write; a reload closes the old
    /// generation's lanes meanwhile. Its record goes on to the new generation, as a plain queue's refused late call does,
    /// and is not the old sink's error.
    /// </summary>
    [Fact]
    public async Task LateCallIntoALaneAReloadClosed_GoesToTheNewGeneration_NotAnError()
    {
        var errors = new StringWriter();
        LoguStyleLoggerOptions Settings() => new() { DisposeTimeout = TimeSpan.FromSeconds(2), Sinks = { Options(2, 100, QueueFullMode.Wait) } };
        await using var provider = new LoguStyleLoggerProvider(Settings(), TimeProvider.System, TextWriter.Synchronized(errors));
        var logger = provider.CreateLogger("c");
        var front = Assert.IsType<QueueInFrontOfLanes>(provider.CurrentSinks[0]);
        var lanes = Assert.IsType<SyslogConnections>(front.Inner).Lanes;

        using var pause = new PauseAtStep("write.lane");
        var caller = new Thread(() =>
        {
            QueueSteps.Scheduler = pause;
            logger.LogInformation("late");
            QueueSteps.Scheduler = null;
        });
        caller.Start();
        Assert.True(pause.WaitUntilHeld());

        provider.Reconfigure(Settings());
        await Loopback.WaitUntil(() => lanes.All(lane => lane.Ended.IsCompleted), Deadline);
        pause.Go();
        Assert.True(caller.Join(Deadline));

        await provider.FlushAsync().WaitAsync(Deadline);
        await Loopback.WaitUntil(() => _received.Any(line => line.EndsWith(" late", StringComparison.Ordinal)) || front.Errors.FailedRecords > 0, Deadline);
        Assert.Equal((1, 0L), (_received.Count(line => line.EndsWith(" late", StringComparison.Ordinal)), front.Errors.FailedRecords));
        Assert.DoesNotContain("could not write", errors.ToString(), StringComparison.Ordinal);
    }
#endif

    /// <summary>
    /// Findings 2 and 3: two connections, the receiver of the one in use stops reading; a flush is under way when the provider is
    /// disposed. The front's end waits on no lane, so no "TaskCanceledException" line; the drop lines name the connection's
    /// share of the sink's capacity; every record logged is written, dropped or failed, once.
    /// </summary>
    [Fact]
    public async Task FlushThenDispose_OneReceiverStopped_NoCancelledLine_DropLineNamesTheConnection_CountsExact()
    {
        var errors = new StringWriter();
        var output = TextWriter.Synchronized(errors);
        var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { DisposeTimeout = TimeSpan.FromMilliseconds(300), Sinks = { Options(2, 5, QueueFullMode.DropWrite) } },
            TimeProvider.System,
            output);
        var logger = provider.CreateLogger("c");
        var sink = provider.CurrentSinks[0];
        var pad = new string('x', 8_000);
        var logged = 0;
        var logging = new Thread(() =>
        {
            // One thread, so one connection (the first); the other stays idle. Its receiver reads the first record only.
            var until = DateTime.UtcNow + Deadline;
            while (sink.Stats.Dropped < 50 && DateTime.UtcNow < until)
            {
                logger.LogInformation("{Word} {Pad}", "stuck", pad);
                logged++;
            }
        });
        logging.Start();
        Assert.True(logging.Join(Deadline));
        Assert.True(sink.Stats.Dropped >= 50, $"dropped {sink.Stats.Dropped}");

        // A flush under way (through the stuck connection) when the provider is disposed.
        _ = provider.FlushAsync();
        await provider.DisposeAsync();

        // The stuck send returns when its socket closes: every record is then counted once.
        CloseConnections();
        var total = logged;
        await Loopback.WaitUntil(() => sink.Stats.Written + sink.Stats.Dropped + sink.Errors.FailedRecords == total, Deadline);
        string text;
        lock (output)
        {
            text = errors.ToString();
        }

        Assert.DoesNotContain("TaskCanceledException", text, StringComparison.Ordinal);
        Assert.Contains("(queue full, connection 1 of 2: 3 of the sink's 5 records, DropWrite)", text, StringComparison.Ordinal);
        Assert.Equal(total, sink.Stats.Written + sink.Stats.Dropped + sink.Errors.FailedRecords);
    }

    /// <summary>
    /// Issue 19, D1, as an outside app met it: four threads over four connections, Wait mode; the receiver stops reading
    /// thread 0's connection, the host stops (its shutdown timeout runs out on that connection), the provider is disposed,
    /// and the receiver reads again. What arrived is what the meter counted as written, no more and no less.
    /// </summary>
    [Fact]
    public async Task HostStopGivesUpOnAStalledConnection_ReceiverReadsAgain_WrittenIsWhatArrived()
    {
        var (total, counted, written, arrived, _) = await HostStopOverAStalledConnectionAsync();
        Assert.Equal((total, written), (counted, arrived));
    }

    /// <summary>
    /// Finding 2 of the review of issue 19: the host's flush goes through the front while one connection is stalled, and
    /// the stop gives up on it. The front waits on no lane's flush, so its give-up cancels none and no false
    /// "TaskCanceledException" line is written.
    /// </summary>
    [Fact]
    public async Task HostStopGivesUpOnAStalledConnection_NoCancelledLine()
    {
        var (_, _, _, _, stderr) = await HostStopOverAStalledConnectionAsync();
        Assert.DoesNotContain("TaskCanceledException", stderr, StringComparison.Ordinal);
    }

    // Four threads, 20,000 records each, over four connections; the receiver stops reading the one of "stuck"; the host's
    // stop (shutdown timeout 2 s), the provider's dispose, then the receiver reads every connection to its end. Returns the
    // records logged, those counted (written, dropped or failed), those written, those arrived, and stderr.
    private async Task<(long Total, long Counted, long Written, long Arrived, string Stderr)> HostStopOverAStalledConnectionAsync()
    {
        var errors = new StringWriter();
        var output = TextWriter.Synchronized(errors);
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { Options(4, 100, QueueFullMode.Wait) } }, TimeProvider.System, output);
        provider.HostOwnsExit();
        var logger = provider.CreateLogger("c");
        var sink = provider.CurrentSinks[0];
        var pad = new string('x', 200);
        var logged = new int[4];
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                logger.LogInformation("{Word} {Pad}", t == 0 ? "stuck" : "free", pad);
                logged[t]++;
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        Assert.True(threads.Skip(1).All(thread => thread.Join(Deadline)));

        // The host's stop, its shutdown timeout 2 s, while thread 0 waits in its call on the stalled connection.
        var timeout = TimeSpan.FromSeconds(2);
        provider.HostStopping(timeout);
        using (var stop = new CancellationTokenSource(timeout))
        {
            await provider.ShutdownAsync(stop.Token);
        }

        Assert.True(threads[0].Join(Deadline));
        await provider.DisposeAsync();
        long total = logged.Sum();
        await Loopback.WaitUntil(() => sink.Stats.Written + sink.Stats.Dropped + sink.Errors.FailedRecords == total, Deadline);

        // The receiver reads again, every connection to its end.
        _resume.TrySetResult();
        await Loopback.WaitUntil(() => Volatile.Read(ref _readersEnded) == Accepted, Deadline);
        // Whole records only: the one whose send the give-up ended may arrive cut short, and is counted as not written.
        var arrived = _received.Count(line => line.EndsWith($" stuck {pad}", StringComparison.Ordinal) || line.EndsWith($" free {pad}", StringComparison.Ordinal));
        lock (output)
        {
            return (total, sink.Stats.Written + sink.Stats.Dropped + sink.Errors.FailedRecords, sink.Stats.Written, arrived, errors.ToString());
        }
    }

    private SyslogSinkOptions Options(int connections, int capacity, QueueFullMode mode) => new()
    {
        Protocol = SyslogProtocol.Tcp,
        Framing = SyslogFraming.LineFeed,
        Port = Port,
        AppName = "lanes",
        Format = "{message}",
        Connections = connections,
        QueueCapacity = capacity,
        QueueFullMode = mode,
    };

    private int Accepted
    {
        get
        {
            lock (_accepted)
            {
                return _accepted.Count;
            }
        }
    }

    private void CloseConnections()
    {
        lock (_accepted)
        {
            _accepted.ForEach(client => client.Dispose());
        }
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_accepted)
                {
                    _accepted.Add(client);
                }

                _ = ReadAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The test is over.
        }
    }

    // Reads a connection line by line; after a record "stuck ..." it reads no more.
    private async Task ReadAsync(TcpClient client)
    {
        try
        {
            using var reader = new StreamReader(client.GetStream());
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                _received.Enqueue(line);
                if (line.Contains(" stuck x", StringComparison.Ordinal) && !_resume.Task.IsCompleted)
                {
                    // The receiver's choice, not a test's wait: this connection is not read until the test resumes it.
                    await _resume.Task.WaitAsync(_stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or IOException)
        {
            // Closed by the test, or reset by the sender.
        }
        finally
        {
            Interlocked.Increment(ref _readersEnded);
        }
    }
}
