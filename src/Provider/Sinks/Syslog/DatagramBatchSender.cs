using System.Net;
using System.Net.Sockets;
using LoguStyle.Files.Shared;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// Sends each message of a batch as one datagram over one socket (UDP, and the local daemon's socket). On 64-bit Linux
/// the batch goes to the kernel in as few <c>sendmmsg(2)</c> calls as it takes (one, unless the kernel takes fewer
/// than all: it takes at most 1,024 a call, and stops early at a full socket, where the writer waits for room for one
/// datagram and goes on, or at an error); elsewhere, one
/// <see cref="Socket.SendTo(ReadOnlySpan{byte}, SocketFlags, SocketAddress)"/> or <see cref="Socket.Send(ReadOnlySpan{byte})"/>
/// a message. A system call per datagram was most of the writer's time over UDP: the loopback delivery into the
/// receiver's socket is the same either way, the call's entry, exit and the socket's lookup are paid once a batch.
/// </summary>
internal sealed class DatagramBatchSender
{
    private const int NotImplemented = 38; // ENOSYS

    private readonly Socket _socket;
    private readonly SafeSocketHandle _handle;
    private readonly SocketAddress? _target;
    private bool _sendMany;

    // The batch's message headers and their one-piece I/O vectors, in sendmmsg's layout (UnixNative.MessageHeaderWords),
    // grown to the largest batch and reused: a batch allocates nothing.
    private long[] _headers = [];
    private long[] _vectors = [];

    // How long one look for room in a full socket waits before it looks again (and finds the socket closed, if it was).
    private static readonly TimeSpan RoomLook = TimeSpan.FromMilliseconds(50);

    /// <param name="socket">The datagram socket; made non-blocking here (see <see cref="WaitForRoom"/>).</param>
    /// <param name="target">Where each datagram goes; null on a connected socket.</param>
    /// <param name="sendMany">False: one call a message even where sendmmsg exists (the other platforms' way, for tests).</param>
    public DatagramBatchSender(Socket socket, SocketAddress? target, bool sendMany = true)
    {
        socket.Blocking = false;
        _socket = socket;
        _handle = socket.SafeHandle;
        _target = target;
        _sendMany = sendMany && UnixNative.CanSendMany;
    }

    /// <summary>
    /// Sends the messages of <paramref name="batch"/> not yet <see cref="SyslogBatch.Sent"/>, in order, each once, and marks
    /// each call's progress in the batch as it goes: a failure throws what the socket throws, and the batch then knows
    /// which datagrams the kernel took, so the retry after the reconnect does not send them again.
    /// </summary>
    public void Send(SyslogBatch batch)
    {
        while (batch.Sent < batch.Count)
        {
            batch.MarkSent(_sendMany ? SendMany(batch, batch.Sent) : SendOne(batch, batch.Sent));
        }
    }

    // One message the way .NET sends it: a socket whose buffer is full makes it wait for room (WaitForRoom), a failure
    // throws its SocketException.
    private int SendOne(SyslogBatch batch, int index)
    {
        while (true)
        {
            try
            {
                if (_target is null)
                {
                    _socket.Send(batch.Message(index));
                }
                else
                {
                    _socket.SendTo(batch.Message(index), SocketFlags.None, _target);
                }

                return 1;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.WouldBlock)
            {
                WaitForRoom();
            }
        }
    }

    /// <summary>
    /// Waits until the socket takes a datagram again, or is closed. Not a blocking send: a send blocked on a full local
    /// socket (a daemon that stopped reading) is not woken by the socket's close, and the close waits for it, so the
    /// sink's dispose, and a host's stop with it, lasted as long as the daemon did (an outside run: 23 s past a 2 s shutdown
    /// timeout, until the daemon was killed). The look ends every <see cref="RoomLook"/>, so a close is seen within that:
    /// it throws <see cref="ObjectDisposedException"/>, as a TCP send the dispose ended under it does.
    /// </summary>
    private void WaitForRoom()
    {
        try
        {
            while (!_socket.Poll(RoomLook, SelectMode.SelectWrite))
            {
            }
        }
        catch (ObjectDisposedException ex)
        {
            throw new ObjectDisposedException("the socket was closed under the send", ex);
        }
    }

    // Messages first.. in one call that does not block; returns how many the kernel took, each marked in the batch
    // before the writer waits. A call that took none because the socket is full (EAGAIN) waits for room and returns 0;
    // one that took none for another error goes on with SendOne for the first, which throws that error as .NET words it.
    private unsafe int SendMany(SyslogBatch batch, int first)
    {
        var count = batch.Count - first;
        if (_headers.Length < count * UnixNative.MessageHeaderWords)
        {
            _headers = new long[batch.Count * UnixNative.MessageHeaderWords];
            _vectors = new long[batch.Count * UnixNative.IoVectorWords];
        }

        int result;
        fixed (byte* bytes = batch.Bytes)
        fixed (byte* name = _target is null ? default : _target.Buffer.Span)
        fixed (long* headers = _headers)
        fixed (long* vectors = _vectors)
        {
            for (var i = 0; i < count; i++)
            {
                var (start, end) = batch.Bounds(first + i);
                var vector = vectors + (i * UnixNative.IoVectorWords);
                vector[0] = (long)(bytes + start);
                vector[1] = end - start;
                var header = headers + (i * UnixNative.MessageHeaderWords);
                header[0] = (long)name;
                header[1] = _target?.Size ?? 0;
                header[2] = (long)vector;
                header[3] = 1;
                header[4] = 0;
                header[5] = 0;
                header[6] = 0;
                header[7] = 0;
            }

            result = UnixNative.SendMany(_handle, headers, count);
        }

        if (result > 0)
        {
            return result;
        }

        if (result == UnixNative.NoRoomNow)
        {
            // A full socket: wait for room, and the next call goes on from here (Send's loop). Not through SendOne,
            // whose send throws a SocketException at a full socket: over Local, where rsyslogd keeps its socket full, that
            // was an exception for every other record, most of the writer's CPU time and 87 bytes a record.
            WaitForRoom();
            return 0;
        }

        if (result == -NotImplemented)
        {
            // A kernel or sandbox without the call: one message a call from now on.
            _sendMany = false;
        }

        // Any other error (EAGAIN from a socket .NET made non-blocking, a refused or oversized datagram) is .NET's to
        // wait out or to throw.
        return SendOne(batch, first);
    }
}
