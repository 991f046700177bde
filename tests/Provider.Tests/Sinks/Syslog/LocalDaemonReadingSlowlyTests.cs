using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net.Sockets;
using LoguStyle.Testing;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A Syslog sink over the local socket to a daemon that reads one datagram at a time, far slower than it is sent: the
/// socket holds a few datagrams (net.unix.max_dgram_qlen, 10 by default) and the writer's send waits for room after
/// each. The meter's written count follows what the daemon can read, datagram by datagram, not batch by batch.
/// </summary>
public sealed class LocalDaemonReadingSlowlyTests : IDisposable
{
    private const int Records = 300;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new();

    // The daemon's socket, read only by the test, one datagram at a time.
    private readonly Socket _daemon = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public LocalDaemonReadingSlowlyTests() => _daemon.Bind(new UnixDomainSocketEndPoint(_folder.File("log.sock")));

    public void Dispose()
    {
        _daemon.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task DaemonReadsOneAtATime_WrittenCountsEveryDatagramItCanRead()
    {
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new SyslogSinkOptions
                {
                    Protocol = SyslogProtocol.Local,
                    Host = _folder.File("log.sock"),
                    AppName = "t",
                    Format = "{message}",
                    QueueFullMode = QueueFullMode.Wait,
                },
            },
        });
        using var written = new MeterReading(provider.CurrentSinks[0].Name, "logustyle.records.written");
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < Records; i++)
        {
            logger.LogInformation("r{Call}", i);
        }

        // Every datagram the daemon reads was taken by the kernel, so it is written by then: the count reaches it while
        // the rest of the writer's batch still waits for room (before, the batch was counted only once all of it was sent).
        var buffer = new byte[4096];
        for (var received = 1; received <= Records; received++)
        {
            var length = await _daemon.ReceiveAsync(buffer).WaitAsync(Deadline);
            Assert.EndsWith($"r{received - 1}", System.Text.Encoding.UTF8.GetString(buffer, 0, length), StringComparison.Ordinal);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (written.Value < received)
            {
                Assert.True(clock.Elapsed < Deadline, $"the daemon read {received} datagrams; written counts {written.Value} after {Deadline.TotalSeconds} s");
                await Task.Delay(10);
            }
        }

        Assert.Equal(Records, written.Value);
    }

    // The sink's latest value of one of the LoguStyle meter's counters, read through a MeterListener as a user's
    // exporter reads it (observable instruments, polled).
    private sealed class MeterReading : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _values = new();
        private readonly string _instrument;

        public MeterReading(string sink, string instrument)
        {
            _instrument = instrument;
            _listener.InstrumentPublished = (published, listener) =>
            {
                if (published.Meter.Name == "LoguStyle" && published.Name == instrument)
                {
                    listener.EnableMeasurementEvents(published);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "sink" && Equals(tag.Value, sink))
                    {
                        _values[instrument] = value;
                    }
                }
            });
            _listener.Start();
        }

        public long Value
        {
            get
            {
                _listener.RecordObservableInstruments();
                return _values.GetValueOrDefault(_instrument);
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
