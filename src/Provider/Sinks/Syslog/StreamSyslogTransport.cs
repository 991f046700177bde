using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

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

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (_stream is not null && _watch is { IsClosed: false })
            {
                // A connection still up ends as its protocol wants (TLS: close_notify); one the receiver closed has no one to tell.
                Finish(_stream);
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

            // Whatever the end did, the connection is closed: a failed close notice once left the socket open, and the
            // receiver's session with it.
            _stream?.Dispose();
            _socket?.Dispose();
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
    protected virtual void WriteWhole(Stream stream, ReadOnlySpan<byte> bytes)
    {
        stream.Write(bytes);
        stream.Flush();
    }

    /// <summary>
    /// Ends the stream before the socket is closed; nothing for plain TCP (closing sends the FIN). Must not throw. Called
    /// by the first <see cref="Dispose"/>, which may run on another thread while the writer is in <see cref="Send"/>.
    /// </summary>
    protected virtual void Finish(Stream stream)
    {
    }

    /// <summary>The stream messages are written to over the connected <paramref name="network"/> stream.</summary>
    protected abstract Stream Wrap(NetworkStream network, CancellationToken cancellationToken);
}
