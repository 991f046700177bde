using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace LoguStyle.Testing;

/// <summary>
/// (Shared by the test projects.) A real <c>rsyslogd</c> in the foreground (<c>rsyslogd -n -f conf -i pidfile</c>) on a loopback port, writing every
/// message it receives to a JSON-lines file: the raw message and the fields rsyslog parsed out of it (PRI, time, host,
/// app name, proc id, msg id, structured data, MSG). It runs under a watchdog shell that kills it when the test process
/// is gone, so a crashed test run leaves no receiver behind; <see cref="Dispose"/> kills both.
/// </summary>
internal sealed class RsyslogReceiver : IDisposable
{
    private const string Install = "rsyslogd was not found: install the Debian packages rsyslog and rsyslog-openssl (apt-get install -y rsyslog rsyslog-openssl); .ci/run installs them when they are missing.";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _folder;
    private readonly string _inputs;
    private Process? _watchdog;

    // rsyslogd is the watchdog's child, not ours: signals go through a handle opened while it runs, never to its bare
    // id, which another process (or a thread of this one) may hold once it is gone.
    private ProcessSignal? _rsyslogd;

    private readonly bool _inOrder;

    private RsyslogReceiver(string folder, string inputs, int port, string? socketPath, bool inOrder)
    {
        _folder = folder;
        _inputs = inputs;
        _inOrder = inOrder;
        Port = port;
        SocketPath = socketPath;
    }

    public int Port { get; }

    /// <summary>The running rsyslogd's process id (to attach a tracer to it); fails when it is not running.</summary>
    public int ProcessId => _rsyslogd?.ProcessId ?? throw new InvalidOperationException("rsyslogd is not running.");

    public string? SocketPath { get; }

    public string OutputPath => Path.Combine(_folder, "received.jsonl");

    /// <summary>
    /// Plain TCP and UDP inputs on one free port. <paramref name="inOrder"/> (the default) runs rsyslogd's main queue
    /// with one worker, so the file holds messages in the order they arrived; false keeps rsyslogd's own default (a
    /// second worker starts once the queue is deep, and writes beside the first, out of order), for throughput runs.
    /// </summary>
    public static Task<RsyslogReceiver> StartPlainAsync(string folder, bool inOrder = true) =>
        StartAsync(folder, inOrder, port => $$"""
            module(load="imtcp")
            module(load="imudp")
            input(type="imtcp" port="{{port}}" address="127.0.0.1")
            input(type="imudp" port="{{port}}" address="127.0.0.1")
            """);

    /// <summary>A TLS input (rsyslog's OpenSSL driver) with the server's certificate and key, on one free port.</summary>
    public static Task<RsyslogReceiver> StartTlsAsync(string folder, string caFile, string certFile, string keyFile, string authMode = "anon", bool inOrder = true) =>
        StartAsync(folder, inOrder, port => $$"""
            global(DefaultNetstreamDriverCAFile="{{caFile}}" DefaultNetstreamDriverCertFile="{{certFile}}" DefaultNetstreamDriverKeyFile="{{keyFile}}")
            module(load="imtcp" StreamDriver.Name="ossl" StreamDriver.Mode="1" StreamDriver.AuthMode="{{authMode}}")
            input(type="imtcp" port="{{port}}" address="127.0.0.1")
            """);

    /// <summary>A local datagram socket (what <c>/dev/log</c> is), at a path in <paramref name="folder"/>.</summary>
    public static Task<RsyslogReceiver> StartLocalAsync(string folder, bool inOrder = true)
    {
        var socket = Path.Combine(folder, "log.sock");
        return StartAsync(folder, inOrder, _ => $$"""
            module(load="imuxsock" SysSock.Use="off")
            input(type="imuxsock" Socket="{{socket}}" RateLimit.Interval="0")
            """, socket);
    }

    private static async Task<RsyslogReceiver> StartAsync(string folder, bool inOrder, Func<int, string> inputs, string? socketPath = null)
    {
        var port = FreePort();
        var receiver = new RsyslogReceiver(folder, inputs(port), port, socketPath, inOrder);
        try
        {
            await receiver.StartAsync();
        }
        catch
        {
            receiver.Dispose();
            throw;
        }

        return receiver;
    }

    /// <summary>Starts (again, after <see cref="StopAsync"/>) on the same port, and waits until it accepts messages.</summary>
    public async Task StartAsync()
    {
        var rsyslogd = Find() ?? throw new InvalidOperationException(Install);
        var conf = Path.Combine(_folder, "rsyslog.conf");

        // One worker: a second one, started once the queue is deep, writes its batches beside the first's, out of order.
        var queue = _inOrder ? "main_queue(queue.workerThreads=\"1\")" : "";
        await File.WriteAllTextAsync(conf, $$"""
            global(workDirectory="{{_folder}}" parser.escapeControlCharactersOnReceive="off" maxMessageSize="64k" processInternalMessages="on")
            module(load="mmpstrucdata")
            {{queue}}
            {{_inputs}}
            template(name="received" type="list" option.jsonf="on") {
              property(outname="raw" name="rawmsg" format="jsonf")
              property(outname="pri" name="pri" format="jsonf")
              property(outname="time" name="timereported" dateFormat="rfc3339" format="jsonf")
              property(outname="host" name="hostname" format="jsonf")
              property(outname="app" name="app-name" format="jsonf")
              property(outname="procid" name="procid" format="jsonf")
              property(outname="msgid" name="msgid" format="jsonf")
              property(outname="sd" name="structured-data" format="jsonf")
              property(outname="msg" name="msg" format="jsonf")
              property(outname="parsed" name="$!" format="jsonf")
            }
            action(type="mmpstrucdata" sd_name.lowercase="off")
            action(type="omfile" file="{{OutputPath}}" template="received")
            """);
        var pidFile = Path.Combine(_folder, "rsyslogd.pid");
        File.Delete(pidFile);

        // The watchdog: prints rsyslogd's pid, then kills it as soon as the test process is gone.
        const string Script = """
            "$2" -n -f "$3" -i "$4" & r=$!
            echo "$r"
            while kill -0 "$1" 2>/dev/null && kill -0 "$r" 2>/dev/null; do sleep 0.5; done
            if ! kill -0 "$1" 2>/dev/null; then kill -9 "$r" 2>/dev/null; fi
            exit 0
            """;
        var info = ChildProcessInfo.Create("/bin/sh", ["-c", Script, "watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), rsyslogd, conf, pidFile], _folder);
        _watchdog = Process.Start(info) ?? throw new InvalidOperationException("Could not start the rsyslogd watchdog.");
        var pid = await _watchdog.StandardOutput.ReadLineAsync().WaitAsync(StartTimeout)
            ?? throw new InvalidOperationException($"the rsyslogd watchdog printed no process id: {await _watchdog.StandardError.ReadToEndAsync()}");
        _rsyslogd = ProcessSignal.Open(int.Parse(pid, CultureInfo.InvariantCulture))
            ?? throw new InvalidOperationException($"rsyslogd exited at start: {await _watchdog.StandardError.ReadToEndAsync()}");
        await WaitUntilReadyAsync();
    }

    /// <summary>Stops rsyslogd as an operator would (SIGTERM: it writes what it has and closes its connections) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        await SignalAsync("TERM");
        await _watchdog!.WaitForExitAsync().WaitAsync(StartTimeout);
        _watchdog.Dispose();
        _watchdog = null;
        _rsyslogd?.Dispose();
        _rsyslogd = null;
    }

    /// <summary>The messages received so far from <paramref name="app"/> (rsyslogd's own messages are left out).</summary>
    public IReadOnlyList<ReceivedMessage> Received(string app) => [.. All().Where(message => message.App == app)];

    /// <summary>
    /// rsyslogd's own messages (its errors: a TLS session that ended without close_notify, a frame too large) written
    /// after <paramref name="app"/>'s message ending in <paramref name="first"/> and before its message ending in
    /// <paramref name="last"/> (the readiness probe's bare TCP connection, earlier, makes a TLS input log a failed handshake).
    /// </summary>
    public IReadOnlyList<ReceivedMessage> OwnMessagesBetween(string app, string first, string last) =>
        [.. All().SkipWhile(message => !(message.App == app && message.Msg.EndsWith(first, StringComparison.Ordinal)))
            .TakeWhile(message => !(message.App == app && message.Msg.EndsWith(last, StringComparison.Ordinal)))
            .Where(message => message.App == "rsyslogd")];

    /// <summary>Every message received so far, in the order rsyslogd wrote them.</summary>
    private List<ReceivedMessage> All()
    {
        if (!File.Exists(OutputPath))
        {
            return [];
        }

        // One read of what is there now, and only the lines rsyslogd has ended: a reader that goes on reading after a
        // line without its end (StreamReader.ReadLine at the end of the file, called again) gets the rest of that line
        // as a line of its own once rsyslogd writes it.
        using var stream = new FileStream(OutputPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var text = Encoding.UTF8.GetString(copy.GetBuffer(), 0, (int)copy.Length);
        var ended = text.LastIndexOf('\n');
        return [.. text[..(ended + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ReceivedMessage.Parse)];
    }

    /// <summary>
    /// True while a connection to <see cref="Port"/> is open on rsyslogd's side (<c>/proc/net/tcp</c>: a socket on the
    /// port in a state other than LISTEN or TIME_WAIT): false once rsyslogd has seen every session's end and closed it.
    /// </summary>
    public bool HasOpenSessions()
    {
        var local = string.Create(CultureInfo.InvariantCulture, $":{Port:X4}");
        return File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(fields => fields.Length > 3 && fields[1].EndsWith(local, StringComparison.Ordinal) && fields[3] is not ("0A" or "06"));
    }

    /// <summary>The connections to <see cref="Port"/> established on rsyslogd's side now (<c>/proc/net/tcp</c>, state ESTABLISHED).</summary>
    public int EstablishedSessions()
    {
        var local = string.Create(CultureInfo.InvariantCulture, $":{Port:X4}");
        return File.ReadLines("/proc/net/tcp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Count(fields => fields.Length > 3 && fields[1].EndsWith(local, StringComparison.Ordinal) && fields[3] == "01");
    }

    /// <summary>Waits until at least <paramref name="count"/> messages from <paramref name="app"/> arrived; fails at the deadline.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> WaitForAsync(string app, int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var received = Received(app);
            if (received.Count >= count)
            {
                return received;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"rsyslogd received {received.Count} of {count} messages within {timeout}.");
            }

            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        if (_watchdog is null)
        {
            return;
        }

        try
        {
            _rsyslogd?.Send("KILL");
            _watchdog.Kill(entireProcessTree: true);
            _watchdog.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _watchdog.Dispose();
        _watchdog = null;
        _rsyslogd?.Dispose();
        _rsyslogd = null;
    }

    private static string? Find() =>
        new[] { "/usr/sbin/rsyslogd", "/sbin/rsyslogd", "/usr/local/sbin/rsyslogd" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(dir => Path.Combine(dir, "rsyslogd")))
            .FirstOrDefault(File.Exists);

    /// <summary>A loopback port free for both TCP and UDP.</summary>
    private static int FreePort()
    {
        while (true)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP: try another.
            }
        }
    }

    private Task SignalAsync(string signal)
    {
        if (_rsyslogd?.Send(signal) != true)
        {
            throw new InvalidOperationException($"SIG{signal} not sent: rsyslogd had exited already (see {OutputPath} for what it wrote).");
        }

        return Task.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_watchdog!.HasExited)
            {
                throw new InvalidOperationException($"rsyslogd exited at start: {await _watchdog.StandardError.ReadToEndAsync()}");
            }

            if (SocketPath is not null ? File.Exists(SocketPath) : await AcceptsAsync() && (!_inputs.Contains("imudp", StringComparison.Ordinal) || UdpBound()))
            {
                return;
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"rsyslogd did not listen on {(object?)SocketPath ?? Port} within {StartTimeout}.");
            }

            await Task.Delay(20);
        }
    }

    // imudp binds on its own thread, possibly after imtcp accepts: a datagram sent before it binds is lost.
    private bool UdpBound()
    {
        var local = string.Create(CultureInfo.InvariantCulture, $"0100007F:{Port:X4}");
        return File.ReadLines("/proc/net/udp").Any(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var address, ..] && address == local);
    }

    private async Task<bool> AcceptsAsync()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await probe.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
