using System.Runtime.CompilerServices;
using LoguStyle.Sinks.Syslog;
using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>
/// Mode <c>exit-starved &lt;folder&gt; [wait|healthy]</c>: <c>Environment.Exit(3)</c> while every thread the pool may have is
/// blocked for good (the pool capped at one thread a core, each held), beside an enqueued delegate sink "stuck" (DropWrite,
/// capacity 4) whose first record never returns and an enqueued file sink "healthy" (<c>&lt;folder&gt;/app.log</c>). Logs
/// "record i" 100 times, then prints "starved" and exits. ExitTimeout 1 s. A starved pool is when exits hang: the exit's
/// drain must not wait for a pool thread to end its queues.
/// With <c>wait</c> the stuck queue is in Wait mode: records 0 to 4 fill it (one in the sink's hands, four queued) and a
/// caller thread of its own logs "record 5" and waits for room when the exit comes. The give-up lets that caller go, and
/// must not wait for a pool thread to see it leave, nor to cancel the writer.
/// With <c>healthy</c> there is no stuck sink, ExitTimeout is 10 s, and beside the file an enqueued delegate sink
/// "slow" writes each record to <c>&lt;folder&gt;/slow.log</c> in about 100 µs, and a Syslog sink "lanes" sends them over
/// two TCP connections (a queue in front of a queue per connection) to a receiver in this process that reads on threads
/// of its own; once the pool is starved "record 100" to "record 2099" are logged too, so that the slow queue still holds
/// records when the exit comes: every queue drains, and the exit must see so without a pool thread (a flush's
/// completion, a writer's end, the ends of the connections' queues), not wait its whole timeout.
/// </summary>
internal static class ExitStarvedPool
{
    public static int Run(string folder, bool wait, bool healthy)
    {
        using var entered = new ManualResetEventSlim();
        using var never = new ManualResetEventSlim();
        var options = new LoguStyleLoggerOptions { ExitTimeout = TimeSpan.FromSeconds(healthy ? 10 : 1) };
        if (!healthy)
        {
            options.Sinks.Add(new DelegateSinkOptions("stuck", record =>
            {
                // The application's records only: the queue's own reports pass.
                if (record.Category == "TestApp")
                {
                    entered.Set();
                    never.Wait();
                }
            })
            {
                Enqueue = true,
                QueueCapacity = 4,
                QueueFullMode = wait ? QueueFullMode.Wait : QueueFullMode.DropWrite,
            });
        }

        options.Sinks.Add(new FileSinkOptions(Path.Combine(folder, "app.log"), "healthy") { Format = "{message}", Enqueue = true });
        using var slowLog = healthy ? new StreamWriter(Path.Combine(folder, "slow.log")) { AutoFlush = true } : null;
        if (slowLog is not null)
        {
            options.Sinks.Add(new DelegateSinkOptions("slow", record =>
            {
                if (record.Category == "TestApp")
                {
                    var until = System.Diagnostics.Stopwatch.GetTimestamp() + (System.Diagnostics.Stopwatch.Frequency / 10_000);
                    while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
                    {
                    }

                    slowLog.WriteLine(record.Message);
                }
            })
            { Enqueue = true });
        }

        using var receiver = healthy ? new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0) : null;
        var received = new StrongBox<int>();
        if (receiver is not null)
        {
            receiver.Start();
            new Thread(() => ReadEveryConnection(receiver, received)) { IsBackground = true, Name = "receiver" }.Start();
            options.Sinks.Add(new SyslogSinkOptions("lanes")
            {
                Protocol = SyslogProtocol.Tcp,
                Port = ((System.Net.IPEndPoint)receiver.LocalEndpoint).Port,
                Connections = 2,
                Framing = SyslogFraming.LineFeed,
                Format = "{message}",
            });
        }

        var provider = new LoguStyleLoggerProvider(options);
        var logger = provider.CreateLogger("TestApp");
        if (wait)
        {
            // Record 0 is in the sink's hands before records 1 to 4 fill the queue, so that the main thread never waits.
            logger.LogInformation("record {Index}", 0);
            entered.Wait();
            for (var i = 1; i < 5; i++)
            {
                logger.LogInformation("record {Index}", i);
            }

            var stuck = provider.CurrentSinks.OfType<Queue.QueuedSink>().Single(queued => queued.Name == "stuck");
            new Thread(() => logger.LogInformation("record {Index}", 5)) { IsBackground = true, Name = "waits for room" }.Start();
            if (!SpinWait.SpinUntil(() => stuck.CallersAsleepForRoom == 1, TimeSpan.FromSeconds(30)))
            {
                Console.Error.WriteLine("the caller did not wait for room within 30 s");
                return 4;
            }
        }
        else
        {
            for (var i = 0; i < 100; i++)
            {
                logger.LogInformation("record {Index}", i);
            }

            if (!healthy)
            {
                entered.Wait();
            }
            else if (!SpinWait.SpinUntil(() => Volatile.Read(ref received.Value) >= 100, TimeSpan.FromSeconds(30)))
            {
                // Connected before the pool is starved: connecting waits for the pool.
                Console.Error.WriteLine($"the receiver read {received.Value} of the first 100 records within 30 s");
                return 4;
            }
        }

        if (!PoolStarver.Starve())
        {
            return 4;
        }

        if (healthy)
        {
            for (var i = 100; i < 2_100; i++)
            {
                logger.LogInformation("record {Index}", i);
            }
        }

        Console.WriteLine("starved");
        Environment.Exit(3);
        return 3;
    }

    /// <summary>
    /// Accepts connections and reads each on a thread of its own (the pool is starved), counting the line feeds it reads
    /// into <paramref name="received"/> (each record's message ends in one) and throwing the bytes away.
    /// </summary>
    private static void ReadEveryConnection(System.Net.Sockets.TcpListener listener, StrongBox<int> received)
    {
        while (true)
        {
            System.Net.Sockets.Socket connection;
            try
            {
                connection = listener.AcceptSocket();
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            new Thread(() =>
            {
                var buffer = new byte[65536];
                try
                {
                    int read;
                    while ((read = connection.Receive(buffer)) > 0)
                    {
                        Interlocked.Add(ref received.Value, buffer.AsSpan(0, read).Count((byte)'\n'));
                    }
                }
                catch (System.Net.Sockets.SocketException)
                {
                }
            }) { IsBackground = true, Name = "receiver connection" }.Start();
        }
    }
}
