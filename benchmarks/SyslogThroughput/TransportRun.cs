using System.Diagnostics;
using System.Text;
using LoguStyle.Testing;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SyslogThroughput;

/// <summary>One transport's two runs against one rsyslogd: LoguStyle's Syslog sink, then the plain-socket floor.</summary>
internal sealed class TransportRun : IAsyncDisposable
{
    private const int Threads = 4;
    private const string SinkApp = "ls";

    // As long as SinkApp, so the floor's messages have exactly the byte lengths of LoguStyle's; one name per floor run,
    // so each run's messages are counted apart.
    private const string FloorApp = "fl";
    private const string OneSocketFloorApp = "f1";

    // The warm-ups' messages: the sink's and the floors' code runs this many records a thread before the clock starts,
    // so what is timed is code the JIT has brought to its last tier (and not its compiling beside rsyslogd), as the
    // house's benchmarks time every side after its warm-up (docs/benchmarks.md). Counted apart, under their own name.
    private const string WarmUpApp = "wu";
    private const int WarmUpPerThread = 50_000;

    private readonly SyslogProtocol _protocol;
    private readonly RsyslogReceiver _receiver;
    private readonly string? _caFile;

    private TransportRun(SyslogProtocol protocol, RsyslogReceiver receiver, string? caFile)
    {
        _protocol = protocol;
        _receiver = receiver;
        _caFile = caFile;
    }

    public static async Task<TransportRun> StartAsync(SyslogProtocol protocol, string folder)
    {
        switch (protocol)
        {
            case SyslogProtocol.Tls:
                var certificates = TestCertificates.Create(folder);
                return new(protocol, await RsyslogReceiver.StartTlsAsync(folder, certificates.CaFile, certificates.CertFile, certificates.KeyFile, inOrder: false), certificates.CaFile);
            case SyslogProtocol.Local:
                return new(protocol, await RsyslogReceiver.StartLocalAsync(folder, inOrder: false), null);
            default:
                return new(protocol, await RsyslogReceiver.StartPlainAsync(folder, inOrder: false), null);
        }
    }

    /// <summary>The sink's options for this run's receiver, its messages under the app name <c>ls</c>, over <paramref name="connections"/> connections.</summary>
    public SyslogSinkOptions SinkOptions(QueueFullMode mode, int connections = 1) => new()
    {
        Connections = connections,
        Protocol = _protocol,
        Host = _protocol == SyslogProtocol.Local ? _receiver.SocketPath! : "127.0.0.1",
        Port = _protocol == SyslogProtocol.Local ? null : _receiver.Port,
        AppName = SinkApp,
        CertificatePath = _caFile,
        QueueFullMode = mode,
    };

    /// <summary>How many of <paramref name="logged"/> records from the sink rsyslogd did not write, once its output settled.</summary>
    public async Task<long> SinkLostAsync(long logged) => logged - await SettledCountAsync(SinkApp);

    public async Task<Result> LoguStyleAsync(int perThread, QueueFullMode mode, int connections = 1)
    {
        // A provider of its own, disposed before the timed one starts, and rsyslogd done with its records.
        await SinkRunAsync(WarmUpPerThread, mode, connections, WarmUpApp);
        await SettledCountAsync(WarmUpApp);

        var clock = Stopwatch.StartNew();
        await SinkRunAsync(perThread, mode, connections, SinkApp);
        clock.Stop();
        return new(Threads * (double)perThread / clock.Elapsed.TotalSeconds, await SinkLostAsync(Threads * (long)perThread));
    }

    // From the provider's start until it has drained and closed.
    private async Task SinkRunAsync(int perThread, QueueFullMode mode, int connections, string app)
    {
        var options = SinkOptions(mode, connections);
        options.AppName = app;
        await using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { options } });
        var logger = provider.CreateLogger("Bench.Orders");
        RunThreads(thread =>
        {
            for (var i = 0; i < perThread; i++)
            {
                logger.LogInformation("Order {Thread} {Sequence} placed", thread, i);
            }
        });
    }

    /// <summary>
    /// The same bytes rsyslogd received from LoguStyle, with the app name swapped: the same number of messages over one
    /// plain socket per thread (4), or over one socket from one thread, as the sink sends them (one writer, one
    /// connection, so the order holds).
    /// </summary>
    public async Task<Result> FloorAsync(int perThread, bool oneSocket = false)
    {
        var app = oneSocket ? OneSocketFloorApp : FloorApp;
        var received = _receiver.Received(SinkApp);
        if (received.Count == 0)
        {
            throw new InvalidOperationException($"rsyslogd received nothing from LoguStyle over {_protocol}: no bytes to send for the floor.");
        }

        var (senders, perSender) = oneSocket ? (1, Threads * perThread) : (Threads, perThread);

        // Warmed up as the sink is: the same sends, under the warm-up's name, and rsyslogd done with them.
        Send(received.Select(m => Encoding.UTF8.GetBytes(Swapped(m.Raw, WarmUpApp))).ToArray(), senders, oneSocket ? Threads * WarmUpPerThread : WarmUpPerThread);
        await SettledCountAsync(WarmUpApp);

        var messages = received.Select(m => Encoding.UTF8.GetBytes(Swapped(m.Raw, app))).ToArray();
        var clock = Stopwatch.StartNew();
        Send(messages, senders, perSender);
        clock.Stop();
        return new(Threads * (double)perThread / clock.Elapsed.TotalSeconds, Threads * (long)perThread - await SettledCountAsync(app));
    }

    private void Send(byte[][] messages, int senders, int perSender) =>
        RunThreads(senders, thread =>
        {
            using var sender = PlainSender.Open(_protocol, _receiver, _caFile);
            for (var i = 0; i < perSender; i++)
            {
                sender.Send(messages[((thread * perSender) + i) % messages.Length]);
            }
        });

    public ValueTask DisposeAsync()
    {
        _receiver.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Swapped(string raw, string app) =>
        raw.Contains($" {SinkApp} ", StringComparison.Ordinal)
            ? raw.Replace($" {SinkApp} ", $" {app} ", StringComparison.Ordinal)
            : raw.Replace($" {SinkApp}[", $" {app}[", StringComparison.Ordinal);

    private static void RunThreads(Action<int> body) => RunThreads(Threads, body);

    private static void RunThreads(int count, Action<int> body)
    {
        var threads = Enumerable.Range(0, count).Select(thread => new Thread(() => body(thread))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    /// <summary>How many messages from <paramref name="app"/> rsyslogd wrote once its output stopped growing for 2 s.</summary>
    private async Task<long> SettledCountAsync(string app)
    {
        var count = -1;
        var stable = Stopwatch.StartNew();
        while (stable.Elapsed < TimeSpan.FromSeconds(2))
        {
            var now = _receiver.Received(app).Count;
            if (now != count)
            {
                count = now;
                stable.Restart();
            }

            await Task.Delay(250);
        }

        return count;
    }
}
