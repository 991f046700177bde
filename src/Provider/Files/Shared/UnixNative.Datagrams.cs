using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace LoguStyle.Files.Shared;

/// <summary>
/// Linux's <c>sendmmsg(2)</c>: many datagrams in one system call (the Syslog sink's UDP and local transports); and a
/// <c>recv(2)</c> that does not block, for a stream's close (the Syslog sink's TCP and TLS transports).
/// </summary>
internal static partial class UnixNative
{
    /// <summary>
    /// The words of one <c>struct mmsghdr</c> on 64-bit Linux (glibc and musl alike): msg_name, msg_namelen, msg_iov,
    /// msg_iovlen, msg_control, msg_controllen, msg_flags, then msg_len, each in a 64-bit word of its own (the 32-bit
    /// fields are followed by padding, or by musl's zero pad after a 32-bit length, the same bytes on a little-endian
    /// machine).
    /// </summary>
    public const int MessageHeaderWords = 8;

    /// <summary>The words of one <c>struct iovec</c> (base, length) on 64-bit Linux.</summary>
    public const int IoVectorWords = 2;

    /// <summary>
    /// True where <see cref="SendMany"/> may be called: Linux, 64-bit little-endian processes (x64, arm64). The headers
    /// are written as 64-bit words with each 32-bit field in the low half of its word, which a big-endian kernel would
    /// read from the high half.
    /// </summary>
    public static bool CanSendMany => OperatingSystem.IsLinux() && Environment.Is64BitProcess && BitConverter.IsLittleEndian;

    // MSG_DONTWAIT (Linux): the call does not block on a full socket.
    private const int DontWait = 0x40;

    /// <summary>What <see cref="ReceiveNow"/> returns when the socket has nothing to read now (EAGAIN, negated).</summary>
    public const int NothingToReadNow = -TryAgainLinux;

    /// <summary>What <see cref="SendMany"/> returns when the socket has no room now and took nothing (EAGAIN, negated).</summary>
    public const int NoRoomNow = -TryAgainLinux;

    /// <summary>
    /// Sends up to <paramref name="count"/> datagrams described by <paramref name="headers"/> (<see cref="MessageHeaderWords"/>
    /// words each); retries an interrupted call. Never blocks: at a full socket it returns what the kernel took so far,
    /// or EAGAIN when it took none, so the caller knows which datagrams are taken before it waits for room (a call that
    /// blocked inside the kernel after taking some told nothing of them until it returned). Returns how many the kernel
    /// took (the first that many), or the negative errno when it took none.
    /// </summary>
    public static unsafe int SendMany(SafeSocketHandle socket, long* headers, int count)
    {
        while (true)
        {
            var sent = SendMMsg(socket, headers, (uint)count, DontWait);
            if (sent >= 0)
            {
                return sent;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != Interrupted)
            {
                return -errno;
            }
        }
    }

    /// <summary>
    /// Reads what <paramref name="socket"/> holds into <paramref name="buffer"/> without blocking and without .NET's
    /// queue of operations on the socket (a pending <c>ReceiveAsync</c>, whose completion needs a pool thread, is not
    /// waited for); retries an interrupted call. Returns the bytes read (0: the peer's FIN), <see cref="NothingToReadNow"/>,
    /// or another negative errno (the socket failed: a reset, or a descriptor already closed).
    /// </summary>
    public static unsafe int ReceiveNow(SafeSocketHandle socket, Span<byte> buffer)
    {
        fixed (byte* bytes = buffer)
        {
            while (true)
            {
                var read = Recv(socket, bytes, buffer.Length, DontWait);
                if (read >= 0)
                {
                    return (int)read;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != Interrupted)
                {
                    return -errno;
                }
            }
        }
    }

    [LibraryImport(LibC, EntryPoint = "recv", SetLastError = true)]
    private static unsafe partial nint Recv(SafeSocketHandle socket, byte* buffer, nint length, int flags);

    [LibraryImport(LibC, EntryPoint = "sendmmsg", SetLastError = true)]
    private static unsafe partial int SendMMsg(SafeSocketHandle socket, long* headers, uint count, int flags);
}
