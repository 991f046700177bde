using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using LoguStyle.Queue;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A Syslog sink with several connections against a plain TCP listener that the test reads connection by connection: a
/// receiver that stops reading one connection holds only the threads routed to it.
/// </summary>
public sealed partial class SyslogConnectionsTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    // The MSG "m{T}.{I} {Pad}" as it ends a line (the structured data before it has T="..", not "m..").
    [GeneratedRegex(@" m(\d+)\.(\d+) x+$")]
    private static partial Regex Numbers();

    [Fact]
    public async Task FourConnections_OneReceiverStopsReading_TheOtherThreadsRecordsKeepArriving_CountsExactAtDispose()
    {
        const int Threads = 4;
        const int PerHealthyThread = 50;
        using var listener = new TcpListener(IPAddress.Loopback, 0);

        // Small socket buffers (the accepted sockets take them over): the stopped connection's send blocks sooner.
        listener.Server.ReceiveBufferSize = 4096;
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var pad = new string('x', 8_000);
        var received = new ConcurrentQueue<(int T, int I)>[Threads];
        for (var t = 0; t < Threads; t++)
        {
            received[t] = new();
        }

        // The reader of the connection that carries thread 0 stops after that thread's first record, until released.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = new List<Task>();
        var accepting = Task.Run(async () =>
        {
            for (var c = 0; c < Threads; c++)
            {
                var client = await listener.AcceptTcpClientAsync();
                readers.Add(Task.Run(async () =>
                {
                    using var owned = client;
                    using var reader = new StreamReader(client.GetStream());
                    while (await reader.ReadLineAsync() is { } line)
                    {
                        var match = Numbers().Match(line);
                        Assert.True(match.Success, line);
                        var (t, i) = (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
                        received[t].Enqueue((t, i));
                        if (t == 0)
                        {
                            await release.Task;
                        }
                    }
                }));
            }
        });

        var options = new SyslogSinkOptions
        {
            Protocol = SyslogProtocol.Tcp,
            Framing = SyslogFraming.LineFeed,
            Port = port,
            AppName = "c4",
            Format = "{message}",
            Connections = Threads,
            QueueFullMode = QueueFullMode.Wait,
            QueueCapacity = 40,
        };
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { options } }, TimeProvider.System, TextWriter.Null);
        var logger = provider.CreateLogger("c");
        var sink = provider.CurrentSinks[0];
        var logged = new int[Threads];
        using var dealt = new Barrier(Threads + 1);
        using var healthyGo = new ManualResetEventSlim();
        var stop = 0;
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            // Each thread's first record while the other three live: four thread ids, so four connections.
            logger.LogInformation("m{T}.{I} {Pad}", t, logged[t]++, pad);
            dealt.SignalAndWait();
            if (t == 0)
            {
                // Logs until told to stop: its connection's receiver has stopped reading, so in Wait mode it ends up held.
                while (Volatile.Read(ref stop) == 0)
                {
                    logger.LogInformation("m{T}.{I} {Pad}", t, logged[t]++, pad);
                }

                return;
            }

            healthyGo.Wait();
            for (var i = 1; i < PerHealthyThread; i++)
            {
                logger.LogInformation("m{T}.{I} {Pad}", t, logged[t]++, pad);
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        try
        {
            dealt.SignalAndWait();

            // Thread 0's connection is full: its sender is blocked in a send and its queue (a quarter of 40) holds 10.
            await Loopback.WaitUntil(() => sink.Stats.QueueLength!() >= 10 && received.Skip(1).All(r => !r.IsEmpty), Deadline);
            healthyGo.Set();

            // The other three threads' records all arrive within 20 s while thread 0's receiver still reads nothing.
            var healthy = () => received.Skip(1).Sum(r => r.Count);
            var waited = System.Diagnostics.Stopwatch.StartNew();
            await Loopback.WaitUntil(() => healthy() == (Threads - 1) * PerHealthyThread || waited.Elapsed > TimeSpan.FromSeconds(20), Deadline);
            Assert.Equal($"{(Threads - 1) * PerHealthyThread} of the other threads' records arrived", $"{healthy()} of the other threads' records arrived");
            Assert.False(release.Task.IsCompleted);
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            release.TrySetResult();
            threads.ForEach(thread => Assert.True(thread.Join(Deadline)));
        }

        await provider.DisposeAsync();
        var total = logged.Sum();
        Assert.Equal((total, 0L, 0L), (sink.Stats.Written, sink.Stats.Dropped, sink.Errors.FailedRecords));
        await Loopback.WaitUntil(() => received.Sum(r => r.Count) == total, Deadline);
        listener.Stop();
        await accepting.WaitAsync(Deadline);
        await Task.WhenAll(readers).WaitAsync(Deadline);
        for (var t = 0; t < Threads; t++)
        {
            Assert.Equal(Enumerable.Range(0, logged[t]), received[t].Select(r => r.I));
        }
    }
}
