using LoguStyle.Formatting;

namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// The messages written since the last send, kept until the receiver has them: framed for a stream (RFC 6587) or as
/// they are, one per datagram. A send that fails sends the same batch again after the reconnect: a stream's whole, a
/// datagram batch's from the first message the kernel did not take (<see cref="Sent"/>).
/// </summary>
internal sealed class SyslogBatch
{
    private readonly Utf8Buffer _bytes = new(64 * 1024);
    private readonly List<int> _ends = [];

    // Which messages are the sink's reports about itself (a queue's drop report): they are sent, but are no logged
    // call, so they are counted as bytes and never as records written or failed.
    private readonly List<bool> _isReport = [];
    private readonly SyslogFraming? _framing;
    private int _sent;

    /// <param name="framing">The stream's framing; null for datagrams.</param>
    public SyslogBatch(SyslogFraming? framing) => _framing = framing;

    public int Count => _ends.Count;

    /// <summary>
    /// The messages, from the first, that a datagram transport handed to the kernel: each is its own datagram, so a send
    /// that fails part-way (a local daemon that went away mid-batch) is taken up after them, and those already sent are
    /// not sent twice. A plain TCP transport sets it when a send fails (<see cref="MarkAcceptedBytes"/>): the messages the
    /// kernel took whole, which a give-up counts as written (the connection's graceful end sends them); a retry sends a
    /// stream's batch again whole and first sets it back to 0 (<see cref="SendAgain"/>). A TLS transport leaves it at 0:
    /// which bytes of a failed write reached the receiver is unknown.
    /// </summary>
    public int Sent
    {
        // Read by the exit's count on another thread while the writer sends (see SyslogSink.CountHeldAtExit).
        get => Volatile.Read(ref _sent);
        private set => Volatile.Write(ref _sent, value);
    }

    /// <summary>
    /// True for a datagram batch (UDP, the local socket): each message the kernel took is on its way whole, and
    /// <see cref="Sent"/> follows the send as it goes, not only once it failed.
    /// </summary>
    public bool IsDatagrams => _framing is null;

    /// <summary>
    /// The logged records among the messages not yet <see cref="Sent"/> (the sink's reports about itself left out): what
    /// a batch held or given up holds. Counted when asked, which is only when a send failed.
    /// </summary>
    public int Records
    {
        get
        {
            var records = 0;
            for (var i = Sent; i < _ends.Count; i++)
            {
                records += _isReport[i] ? 0 : 1;
            }

            return records;
        }
    }

    /// <summary>Whether message <paramref name="index"/> is a report of the sink about itself, not a logged record.</summary>
    public bool IsReport(int index) => _isReport[index];

    public int Length => _bytes.WrittenCount;

    /// <summary>Every message, framed: what a stream transport writes.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes.WrittenSpan;

    /// <summary>Message <paramref name="index"/> as added (framed, on a stream): what a datagram transport sends.</summary>
    public ReadOnlySpan<byte> Message(int index)
    {
        var (start, end) = Bounds(index);
        return _bytes.WrittenSpan[start..end];
    }

    /// <summary>Where message <paramref name="index"/> starts and ends in <see cref="Bytes"/>.</summary>
    public (int Start, int End) Bounds(int index) => (index == 0 ? 0 : _ends[index - 1], _ends[index]);

    public void Add(ReadOnlySpan<byte> message, bool isReport)
    {
        switch (_framing)
        {
            case SyslogFraming.OctetCounting:
                // RFC 6587 3.4.1: MSG-LEN SP SYSLOG-MSG, the length in bytes, in decimal.
                var span = _bytes.GetSpan(11);
                message.Length.TryFormat(span, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
                _bytes.Advance(written);
                _bytes.Write(" "u8);
                _bytes.Write(message);
                break;
            case SyslogFraming.LineFeed:
                // RFC 6587 3.4.2: the line feed ends the message, so one inside it is escaped.
                SingleLineFormatter.WriteEscaped(message, _bytes);
                _bytes.Write("\n"u8);
                break;
            default:
                _bytes.Write(message);
                break;
        }

        _ends.Add(_bytes.WrittenCount);
        _isReport.Add(isReport);
    }

    /// <summary>
    /// A stream's send failed after the kernel took the first <paramref name="bytes"/> bytes of <see cref="Bytes"/>:
    /// the messages that end within them are <see cref="Sent"/> (a message cut by the failure is not, nor one cut inside
    /// its octet-counting header). A line-feed framed message whose line feed alone was cut off counts as sent: rsyslog's
    /// imtcp takes what precedes the connection's end as its last message (the stream's end closes the frame). RFC 6587
    /// does not promise that; a receiver that drops an unterminated last line loses that one message counted written.
    /// </summary>
    public void MarkAcceptedBytes(int bytes)
    {
        var trailer = _framing == SyslogFraming.LineFeed ? 1 : 0;
        var whole = 0;
        while (whole < _ends.Count && _ends[whole] - trailer <= bytes)
        {
            whole++;
        }

        Sent = whole;
    }

    /// <summary>
    /// A failed send is made again after the reconnect: a stream's batch goes again whole, so what the failed connection
    /// took is no longer <see cref="Sent"/>. It is counted when the retry's connection takes it, or as failed at a
    /// give-up before that (a reset connection discarded what its receiver had not read; one that timed out may still
    /// deliver it, and the retry sends it again). Counted written at the failure, a retry that then got less of the batch
    /// through had the records between the two counted written and failed. A datagram batch goes on after its Sent.
    /// </summary>
    public void SendAgain()
    {
        if (_framing is not null)
        {
            Sent = 0;
        }
    }

    /// <summary>
    /// Called after each <see cref="MarkSent"/>, on the sending thread: the sink counts the datagrams the kernel took as
    /// written then, not once the whole batch is sent, which at a daemon that reads slowly may be long after.
    /// </summary>
    public Action? SentProgress { get; set; }

    /// <summary>The kernel took the next <paramref name="count"/> messages.</summary>
    public void MarkSent(int count)
    {
        Sent += count;
        SentProgress?.Invoke();
    }

    public void Clear()
    {
        Sent = 0;
        _bytes.Clear();
        _ends.Clear();
        _isReport.Clear();
    }
}
