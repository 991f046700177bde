using LoguStyle.Sinks;

namespace LoguStyle;

/// <summary>
/// A sink that sends each record to a syslog receiver (rsyslog, syslog-ng, journald's socket) as an RFC 5424 message
/// (RFC 3164 on the local socket), over UDP, TCP, TLS or <c>/dev/log</c>. Always enqueued: the network never blocks the
/// logging call. Property names are the configuration keys. See docs/syslog.md.
/// </summary>
public sealed class SyslogSinkOptions : SinkOptions
{
    /// <summary>The name <c>AddSyslog</c> gives its sink unless told otherwise.</summary>
    internal const string DefaultName = "syslog";

    /// <summary>The default <see cref="StructuredDataId"/>: <c>logustyle@32473</c> (32473 is the enterprise number RFC 5612 reserves for examples).</summary>
    internal const string DefaultStructuredDataId = "logustyle@32473";

    /// <summary>The default <see cref="Host"/>, which <see cref="SyslogProtocol.Local"/> reads as "<c>/dev/log</c>".</summary>
    internal const string DefaultHost = "127.0.0.1";

    /// <summary>The default MSG template: the category, then the message and the exception, if any, on the lines after it.</summary>
    internal const string DefaultFormat = "{category} - {message}{exception}";

    /// <summary>The default <see cref="MaxMessageBytes"/> for UDP and the local socket.</summary>
    internal const int DefaultDatagramBytes = 2048;

    /// <summary>
    /// The default <see cref="MaxMessageBytes"/> for TCP and TLS: 64 KiB, the largest frame syslog-ng reads by default
    /// (<c>log-msg-size</c>) and below rsyslog's <c>MaxFrameSize</c> (200,000), over which rsyslog stops reading frames and
    /// loses the rest of the connection's stream.
    /// </summary>
    internal const int DefaultStreamBytes = 64 * 1024;

    /// <summary>Creates syslog sink options; the sink is enqueued and drops the newest record when its queue is full.</summary>
    /// <param name="name">The sink's name; null (the default) for <c>"syslog"</c>.</param>
    public SyslogSinkOptions(string? name = null)
        : base(name ?? DefaultName)
    {
        // The network never blocks the caller: a queue always stands in front, and a receiver that is away fills it
        // until records are dropped (counted and reported), rather than making logging calls wait.
        Enqueue = true;
        QueueFullMode = LoguStyle.QueueFullMode.DropWrite;
    }

    /// <summary>
    /// The receiver's host name or address. Default <c>127.0.0.1</c>. With <see cref="SyslogProtocol.Local"/>, the path of
    /// the daemon's socket, starting with <c>/</c>; left at its default, <c>/dev/log</c>. Any other value fails at start-up.
    /// </summary>
    public string Host { get; set; } = DefaultHost;

    /// <summary>The receiver's port, 1 to 65535. Default null: 514, or 6514 for <see cref="SyslogProtocol.Tls"/>.</summary>
    public int? Port { get; set; }

    /// <summary>The transport. Default <see cref="SyslogProtocol.Udp"/>.</summary>
    public SyslogProtocol Protocol { get; set; } = SyslogProtocol.Udp;

    /// <summary>How messages are delimited on TCP (TLS is always octet-counted). Default <see cref="SyslogFraming.OctetCounting"/>.</summary>
    public SyslogFraming Framing { get; set; } = SyslogFraming.OctetCounting;

    /// <summary>The facility of every message. Default <see cref="SyslogFacility.User"/>.</summary>
    public SyslogFacility Facility { get; set; } = SyslogFacility.User;

    /// <summary>
    /// APP-NAME: 1 to 48 printable ASCII characters. Default null: the entry assembly's name (characters outside
    /// printable ASCII written as <c>_</c>, cut at 48).
    /// </summary>
    public string? AppName { get; set; }

    /// <summary>
    /// A fixed MSGID for every message: 1 to 32 printable ASCII characters. Default null: the record's event name, else
    /// its event id when not 0, else <c>-</c>.
    /// </summary>
    public string? MessageId { get; set; }

    /// <summary>
    /// The SD-ID of the element that carries the record's properties and scopes: <c>name@enterprise-number</c>, 1 to 32
    /// printable ASCII characters without <c>= ] "</c> or space (a name without <c>@</c> is one registered with IANA,
    /// whose parameters RFC 5424 defines, and is refused). Default
    /// <see cref="DefaultStructuredDataId"/>.
    /// </summary>
    public string StructuredDataId { get; set; } = DefaultStructuredDataId;

    /// <summary>
    /// The largest message in bytes (the frame's length prefix not counted); a longer one is cut on a UTF-8 character
    /// boundary. Default null: 2048 for UDP and the local socket, 65536 on TCP and TLS (a receiver loses the rest of the
    /// connection after a frame over its own limit: rsyslog's <c>MaxFrameSize</c> is 200,000 bytes).
    /// </summary>
    public int? MaxMessageBytes { get; set; }

    /// <summary>Write the UTF-8 byte-order mark before MSG, as RFC 5424 section 6.4 allows to mark it as UTF-8. Default false.</summary>
    public bool Bom { get; set; }

    /// <summary>
    /// For <see cref="SyslogProtocol.Tls"/>: a PEM file of the certificate authorities trusted for the server's
    /// certificate, instead of the system's store. Default null: the system's store. The server's name must match
    /// <see cref="Host"/> either way.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>
    /// For <see cref="SyslogProtocol.Tls"/>: the client's certificate, for receivers that ask for one: a PEM file holding
    /// the certificate and its unencrypted private key, or a PKCS#12 file (<c>.pfx</c>, <c>.p12</c>) without a
    /// password. Default null: none.
    /// </summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>
    /// How many connections to the receiver, 1 to 16, each with a writer of its own. Default 1. A receiver such as rsyslog
    /// reads each connection on its own, so several carry more records a second; each logging thread's records all go
    /// over one of them, so their order holds. See docs/syslog.md.
    /// </summary>
    public int Connections { get; set; } = 1;

    /// <inheritdoc />
    internal override string Kind => "Syslog";

    /// <summary>Test seam: the first wait before a reconnect (doubled per failure up to <see cref="MaxBackoff"/>).</summary>
    internal TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Test seam: the longest wait between two connection attempts.</summary>
    internal TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Test seam: how long a TCP or TLS send may go with the kernel taking none of its bytes before it fails.</summary>
    internal TimeSpan SendTimeout { get; set; } = Sinks.Syslog.SyslogEndpoints.SendTimeout;

    /// <summary>
    /// Test seam: the connection's socket send buffer (SO_SNDBUF), null for the system's. On loopback the system's grows
    /// to megabytes, far more than one batch: a small one lets a test block a send part-way through a batch.
    /// </summary>
    internal int? SendBufferBytes { get; set; }

    /// <summary>The port in use: <see cref="Port"/> or the protocol's default.</summary>
    internal int EffectivePort => Port ?? (Protocol == SyslogProtocol.Tls ? 6514 : 514);

    /// <summary>The message limit in use: <see cref="MaxMessageBytes"/> or the transport's default.</summary>
    internal int EffectiveMaxMessageBytes => MaxMessageBytes ?? (Protocol is SyslogProtocol.Udp or SyslogProtocol.Local ? DefaultDatagramBytes : DefaultStreamBytes);

    /// <summary>The socket path for <see cref="SyslogProtocol.Local"/>.</summary>
    internal string LocalSocketPath => Host == DefaultHost ? "/dev/log" : Host;
}
