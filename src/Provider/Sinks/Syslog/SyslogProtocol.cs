namespace LoguStyle;

/// <summary>How a Syslog sink reaches its receiver (configuration key <c>Protocol</c>).</summary>
public enum SyslogProtocol
{
    /// <summary>RFC 5426: one message a UDP datagram, cut at <see cref="SyslogSinkOptions.MaxMessageBytes"/>. Default port 514.</summary>
    Udp,

    /// <summary>RFC 6587: a TCP stream, framed by <see cref="SyslogSinkOptions.Framing"/>. Default port 514.</summary>
    Tcp,

    /// <summary>RFC 5425: TCP with TLS, octet-counted; the server's certificate is validated. Default port 6514.</summary>
    Tls,

    /// <summary>The local daemon's Unix datagram socket (<c>/dev/log</c>), in the RFC 3164 format local daemons expect.</summary>
    Local,
}
