using System.Diagnostics;
using System.Text;
using LoguStyle.Testing;
using Microsoft.Extensions.Logging;

namespace LoguStyle.SyslogThroughput;

/// <summary>One transport's runs against one rsyslogd: LoguStyle's Syslog sink and the plain-socket floors, each warmed up, then repeat by repeat.</summary>
internal sealed class TransportRun : IAsyncDisposable
{
    private const int Threads = 4;
    // The probe's messages (SinkOptions' app name).
    private const string SinkApp = "ls";

    // The warm-ups' messages: each side's code runs rounds of this many records a thread before its first timed run,
    // until a round made the JIT compile nothing new (JitWarmUp), so what is timed is code at its last tier and not the
    // compiler beside rsyslogd, as the house's benchmarks time every side after its warm-up (docs/benchmarks.md).
    // Counted apart, under their own name. The timed runs' names are two letters too ("l1", "f1", "o1" for the first
    // repeat), so the floors' messages have exactly the byte lengths of LoguStyle's, and each run is counted apart.
    private const string WarmUpApp = "wu";
    private const int WarmUpPerThread = 50_000;

    private readonly SyslogProtocol _protocol;
    private readonly RsyslogReceiver _receiver;
    private readonly string? _caFile;

    private readonly AppCounts _appCounts = new();

    // What rsyslogd received from the sink's first timed run: the bytes every floor run sends (app name swapped).
    private IReadOnlyList<ReceivedMessage>? _sinkMessages;

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

    /// <summary>The sink's warm-up: providers of their own, each disposed before the next starts; returns the rounds (see <see cref="JitWarmUp"/>).</summary>
    public async Task<int> WarmUpSinkAsync(QueueFullMode mode, int connections)
    {
        var rounds = await JitWarmUp.RunAsync(() => SinkRunAsync(WarmUpPerThread, mode, connections, WarmUpApp));
        await SettledCountAsync(WarmUpApp);
        return rounds;
    }

    /// <summary>Repeat <paramref name="repeat"/> (1 to 9) of the sink, timed from the provider's start until it has drained and closed.</summary>
    public async Task<Result> LoguStyleAsync(int perThread, QueueFullMode mode, int connections, int repeat)
    {
        var app = AppOf('l', repeat);
        var compiled = JitWarmUp.Compiled();
        var cpu = CpuTimes.Start(_receiver.ProcessId);
        var clock = Stopwatch.StartNew();
        await SinkRunAsync(perThread, mode, connections, app);
        clock.Stop();
        cpu.SenderDone();
        compiled = JitWarmUp.Compiled() - compiled;
        var logged = Threads * (long)perThread;
        var lost = logged - await SettledCountAsync(app);
        return new(logged / clock.Elapsed.TotalSeconds, lost, compiled, cpu.SenderMicrosPer(logged), cpu.ReceiverMicrosPer(logged));
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
    /// A floor's warm-up: the bytes of the sink's first timed run under the warm-up's name, sent as the floor sends them,
    /// in rounds until the JIT compiled nothing new; returns the rounds.
    /// </summary>
    public async Task<int> WarmUpFloorAsync(bool oneSocket)
    {
        var warmUp = FloorMessages(WarmUpApp);
        var rounds = await JitWarmUp.RunAsync(() =>
        {
            Send(warmUp, oneSocket ? 1 : Threads, oneSocket ? Threads * WarmUpPerThread : WarmUpPerThread);
            return Task.CompletedTask;
        });
        await SettledCountAsync(WarmUpApp);
        return rounds;
    }

    /// <summary>
    /// Repeat <paramref name="repeat"/> of a floor: the bytes rsyslogd received from the sink's first timed run, with the
    /// app name swapped, the same number of messages over one plain socket per thread (4), or over one socket from one
    /// thread, as the sink sends them (one writer, one connection, so the order holds).
    /// </summary>
    public async Task<Result> FloorAsync(int perThread, bool oneSocket, int repeat)
    {
        var app = AppOf(oneSocket ? 'o' : 'f', repeat);
        var (senders, perSender) = oneSocket ? (1, Threads * perThread) : (Threads, perThread);
        var messages = FloorMessages(app);
        var compiled = JitWarmUp.Compiled();
        var cpu = CpuTimes.Start(_receiver.ProcessId);
        var clock = Stopwatch.StartNew();
        Send(messages, senders, perSender);
        clock.Stop();
        cpu.SenderDone();
        compiled = JitWarmUp.Compiled() - compiled;
        var sent = Threads * (long)perThread;
        var lost = sent - await SettledCountAsync(app);
        return new(sent / clock.Elapsed.TotalSeconds, lost, compiled, cpu.SenderMicrosPer(sent), cpu.ReceiverMicrosPer(sent));
    }

    private static string AppOf(char side, int repeat) =>
        repeat is >= 1 and <= 9 ? $"{side}{repeat}" : throw new ArgumentOutOfRangeException(nameof(repeat), repeat, "1 to 9 repeats");

    private byte[][] FloorMessages(string app)
    {
        var first = AppOf('l', 1);
        _sinkMessages ??= _receiver.Received(first);
        if (_sinkMessages.Count == 0)
        {
            throw new InvalidOperationException($"rsyslogd received nothing from LoguStyle over {_protocol}: no bytes to send for the floor.");
        }

        return [.. _sinkMessages.Select(m => Encoding.UTF8.GetBytes(Swapped(m.Raw, first, app)))];
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

    private static string Swapped(string raw, string from, string to) =>
        raw.Contains($" {from} ", StringComparison.Ordinal)
            ? raw.Replace($" {from} ", $" {to} ", StringComparison.Ordinal)
            : raw.Replace($" {from}[", $" {to}[", StringComparison.Ordinal);

    private static void RunThreads(Action<int> body) => RunThreads(Threads, body);

    private static void RunThreads(int count, Action<int> body)
    {
        var threads = Enumerable.Range(0, count).Select(thread => new Thread(() => body(thread))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    /// <summary>How many messages from <paramref name="app"/> rsyslogd wrote once its output stopped growing for 2 s.</summary>
    /// <remarks>
    /// The output's length is watched, and the lines it gained since the last count are counted by app name once it
    /// settled, without parsing them: a run writes millions of lines (the warm-ups' rounds, the repeats), and parsing
    /// the whole file at every look kept this process busy beside rsyslogd for minutes.
    /// </remarks>
    private async Task<long> SettledCountAsync(string app)
    {
        var length = -1L;
        var stable = Stopwatch.StartNew();
        while (stable.Elapsed < TimeSpan.FromSeconds(2))
        {
            var now = File.Exists(_receiver.OutputPath) ? new FileInfo(_receiver.OutputPath).Length : 0;
            if (now != length)
            {
                length = now;
                stable.Restart();
            }

            await Task.Delay(250);
        }

        _appCounts.CountNewLines(_receiver.OutputPath);
        return _appCounts[app];
    }
}
