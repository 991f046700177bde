using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LoguStyle.Sinks.Syslog;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// <see cref="ClosedWatch"/> on a real loopback connection: a receiver that sends (a TLS 1.3 server sends session
/// tickets right after the handshake) is not taken for one that closed, and one that closed or reset is seen.
/// </summary>
public sealed class ClosedWatchTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Socket _client = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Socket _peer;

    public ClosedWatchTests()
    {
        _listener.Start();
        _client.Connect((IPEndPoint)_listener.LocalEndpoint);
        _peer = _listener.AcceptSocket();
    }

    public void Dispose()
    {
        _client.Dispose();
        _peer.Dispose();
        _listener.Dispose();
    }

    [Fact]
    public async Task IsClosed_ReceiverSendsWhileTheWatchReads_NeverSaysClosed()
    {
        // The watch's read takes each byte as it arrives, so a look at the socket that sees "readable", then nothing to
        // read, saw a byte the read took in between, not the receiver's end: the sink then closed a live TLS session
        // without close_notify (rsyslogd: "unexpected eof while reading").
        var watch = new ClosedWatch(_client);
        using var stop = new CancellationTokenSource();
        var sending = Task.Run(async () =>
        {
            var one = new byte[1];
            while (!stop.IsCancellationRequested)
            {
                await _peer.SendAsync(one);
                await Task.Yield();
            }
        });

        var looked = 0;
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < TimeSpan.FromSeconds(2))
        {
            Assert.False(watch.IsClosed, $"said closed after {looked} looks while the receiver was sending");
            looked++;
        }

        await stop.CancelAsync();
        await sending;
        _peer.Shutdown(SocketShutdown.Send);
        await Loopback.WaitUntil(() => watch.IsClosed, Deadline);
    }

    [Fact]
    public async Task IsClosed_ReceiverReset_SaysClosed()
    {
        var watch = new ClosedWatch(_client);
        Assert.False(watch.IsClosed);

        _peer.LingerState = new LingerOption(true, 0);
        _peer.Close();

        await Loopback.WaitUntil(() => watch.IsClosed, Deadline);
    }
}
