using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using LoguStyle.Files.Shared;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// A TCP connection carrying framed messages as a stream (RFC 6587, and RFC 5425 inside TLS): a batch is one write. A
/// connection the receiver closed or reset is noticed by <see cref="ClosedWatch"/> before the next batch is lost in it.
/// </summary>
internal abstract class StreamSyslogTransport(string scheme, string host, int port, TimeSpan sendTimeout, int? sendBufferBytes) : ISyslogTransport
{
    private Socket? _socket;
    private Stream? _stream;
    private ClosedWatch? _watch;

    /// <summary>
    /// How long a close waits, after its FIN, for the receiver's: a round trip and the receiver's reading of what it has
    /// (milliseconds on a LAN).
    /// </summary>
    internal static readonly TimeSpan ReceiverEndWait = TimeSpan.FromMilliseconds(500);

    // Held by the writer for each Send, and by a close that finds no send under way for its ending steps (the protocol's
    // own end, Finish, and the wait for the receiver's FIN): one at a time, since TLS allows one OpenSSL operation on a
    // session at once. A close that finds a send under way (a receiver that stopped reading) does not wait for it: it
    // ends a send the receiver does not take, so it sends no protocol end behind it and waits for no FIN.
    private readonly Lock _send = new();

    // Set by the first Dispose: the sink's dispose and its writer, whose send the dispose ended, may both close the
    // connection; the second must not close the socket while the first is still ending it gracefully (see Dispose).
    private int _disposed;

    public string Endpoint => $"{scheme}://{host}:{port}";

    public bool IsBroken => _watch is null || _watch.IsClosed;

    protected string Host => host;

    public void Open(CancellationToken cancellationToken)
    {
        _socket = SyslogEndpoints.ConnectTcp(host, port, sendTimeout, sendBufferBytes, cancellationToken);
        _stream = new NetworkStream(_socket, ownsSocket: true);
        _stream = Wrap((NetworkStream)_stream, cancellationToken);
        if (_stream is NetworkStream)
        {
            // Plain TCP sends without blocking, to know how much of a batch the kernel took (see SendCounted).
            _socket.Blocking = false;
        }

        _watch = new ClosedWatch(_socket);
    }

    public void Send(SyslogBatch batch)
    {
        using var sending = _send.EnterScope();
        try
        {
            if (_stream is NetworkStream)
            {
                SendCounted(batch);
                return;
            }

            // TLS: which of the batch's bytes the kernel took is unknown under the encryption.
            WriteWhole(_stream!, batch.Bytes);
        }
        catch (Exception ex) when (ex is not ObjectDisposedException && Volatile.Read(ref _disposed) != 0)
        {
            // The dispose ended the connection under the send (its shutdown fails the next send with EPIPE): thrown as
            // that, so the sink tells its own end of the connection from a cause of the receiver's (a reset, a timeout).
            throw new ObjectDisposedException($"the connection to {Endpoint} was closed under the send", ex);
        }
    }

    /// <summary>
    /// Plain TCP: the batch in non-blocking sends, so that when one fails (the receiver reset the connection, it took
    /// nothing for the send timeout, or the sink's dispose ended the connection under the send) the batch knows which of
    /// its messages the kernel took whole (<see cref="SyslogBatch.MarkAcceptedBytes"/>). A blocking write that fails tells
    /// no count.
    /// </summary>
    private void SendCounted(SyslogBatch batch)
    {
        var socket = _socket!;
        var bytes = batch.Bytes;
        var sent = 0;

        // The send timeout counts from the last byte the kernel took: a slow receiver that keeps reading is not failed,
        // one that stopped reading without closing (a hung or stopped rsyslogd) is, so the sink reconnects. A socket's
        // SendTimeout does not apply to a non-blocking send, nor to the wait for room.
        var lastTaken = Stopwatch.GetTimestamp();
        try
        {
            while (sent < bytes.Length)
            {
                var taken = socket.Send(bytes[sent..], SocketFlags.None, out var error);
                if (error == SocketError.WouldBlock)
                {
                    var left = sendTimeout - Stopwatch.GetElapsedTime(lastTaken);
                    if (left <= TimeSpan.Zero)
                    {
                        throw SendFailed(SocketError.TimedOut, string.Create(CultureInfo.InvariantCulture, $" (the receiver took nothing for {sendTimeout.TotalSeconds:0.###} s)"));
                    }

                    // Waits for room until the deadline; a shutdown of the sending side wakes it, as does a reset.
                    socket.Poll(left, SelectMode.SelectWrite);
                    continue;
                }

                if (error != SocketError.Success)
                {
                    throw SendFailed(error, string.Empty);
                }

                sent += taken;
                lastTaken = Stopwatch.GetTimestamp();
            }
        }
        catch
        {
            batch.MarkAcceptedBytes(sent);
            throw;
        }
    }

    private static IOException SendFailed(SocketError error, string detail)
    {
        var cause = new SocketException((int)error);
        return new IOException($"Unable to write data to the transport connection: {cause.Message}{detail}.", cause);
    }

    public void Dispose() => Dispose(long.MaxValue);

    public void Dispose(long endBy)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var noSend = _send.TryEnter();
        try
        {
            if (noSend && _stream is not null && _watch is { IsClosed: false } && Left(endBy) is var left && left > TimeSpan.Zero)
            {
                // A connection still up ends as its protocol wants (TLS: close_notify); one the receiver closed has no one
                // to tell, and a close whose bound is spent tells nobody either.
                Finish(_stream, left);
            }
        }
        finally
        {
            // The sending side is shut down before the close: the bytes the kernel holds go out, then the FIN. A socket
            // closed while an operation is still on it (ClosedWatch's read, a send blocked on a receiver that stopped
            // reading) is otherwise closed abortively by .NET (a reset, which discards what the kernel still holds and
            // what the receiver has not read yet), unless its sending side was shut down first. The shutdown also wakes
            // a send that waits for room.
            ShutDownSending();

            // Then the receiver's end, reading what it sent (see ReadUntilReceiverEnds); not for a close that ends a send
            // still under way (a receiver that stopped reading), which is no end a receiver answers.
            if (noSend)
            {
                ReadUntilReceiverEnds(endBy);
            }

            // Whatever the end did, the connection is closed: a failed close notice once left the socket open, and the
            // receiver's session with it. A send that begins meanwhile waits for the close, and then finds it closed.
            _stream?.Dispose();
            _socket?.Dispose();
            if (noSend)
            {
                _send.Exit();
            }
        }
    }

    /// <summary>
    /// After our FIN, reads what the receiver sent (a TLS 1.3 server's session tickets, its close_notify) until its FIN,
    /// for up to <see cref="ReceiverEndWait"/>. A socket closed with bytes it has not read sends a reset, not a FIN, and a
    /// receiver that gets a reset throws away what it has received and not read yet: records counted written, lost at
    /// the receiver (rsyslogd: "Incomplete frame at end of stream", "closed due to error"; a reload from 4 connections to
    /// 1 to 3 over TLS lost 275 of 54,284 records in a loaded test run). ClosedWatch's read would take them, but it is
    /// the pool's, which a loaded or starved process runs late or never: read here, on the closing thread, with the
    /// socket's own calls (a poll, a recv that does not block), which no pending read holds up.
    /// </summary>
    private void ReadUntilReceiverEnds(long endBy)
    {
        // Linux: the flag and error values below are Linux's.
        if (_socket is not { } socket || !OperatingSystem.IsLinux())
        {
            return;
        }

        Span<byte> buffer = stackalloc byte[512];
        // Within the close's bound too: a stopped receiver never sends its FIN, and a dispose after a host's stop with a 1 s
        // timeout spent 0.5 s per connection on it, 8 connections on a 2-core machine's 2-3 pool threads, mostly one after
        // another (an outside run: the dispose took 2.6 s, SIGTERM to exit up to 4.3 s).
        var deadline = Math.Min(Environment.TickCount64 + (long)ReceiverEndWait.TotalMilliseconds, endBy);
        try
        {
            while (true)
            {
                var read = UnixNative.ReceiveNow(socket.SafeHandle, buffer);
                if (read == 0 || (read < 0 && read != UnixNative.NothingToReadNow))
                {
                    // The receiver's FIN (or its reset, or a socket already gone): nothing unread is left.
                    return;
                }

                // The bound holds for every turn: a receiver that keeps its side open (one stuck), or one that keeps
                // sending, costs the close this much, no more.
                var left = deadline - Environment.TickCount64;
                if (left <= 0 || (read < 0 && !socket.Poll((int)Math.Min(left, int.MaxValue / 1000) * 1000, SelectMode.SelectRead)))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    private void ShutDownSending()
    {
        try
        {
            _socket?.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Not connected (the receiver reset it): there is nothing left to send.
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to a stream that is not the plain TCP one, and flushes it.</summary>
    private static void WriteWhole(Stream stream, ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        stream.Flush();
    }

    /// <summary>What is left until <paramref name="endBy"/> (<see cref="Environment.TickCount64"/>; long.MaxValue: no bound).</summary>
    private static TimeSpan Left(long endBy) =>
        endBy == long.MaxValue ? TimeSpan.MaxValue : TimeSpan.FromMilliseconds(Math.Max(0, endBy - Environment.TickCount64));

    /// <summary>
    /// Ends the stream before the socket is closed, within <paramref name="bound"/>; nothing for plain TCP (closing sends
    /// the FIN). Must not throw. Called by the first <see cref="Dispose()"/> (on any thread) only when no <see cref="Send"/>
    /// is under way, and none begins until it returns.
    /// </summary>
    protected virtual void Finish(Stream stream, TimeSpan bound)
    {
    }

    /// <summary>The stream messages are written to over the connected <paramref name="network"/> stream.</summary>
    protected abstract Stream Wrap(NetworkStream network, CancellationToken cancellationToken);
}
