namespace LoguStyle.Sinks.Syslog;

/// <summary>
/// Where and how a Syslog sink sends: two generations with equal keys share one connection across a reload (see
/// <see cref="SyslogConnectionHandOver"/>); any difference gets a connection of its own.
/// </summary>
/// <param name="Protocol">The transport.</param>
/// <param name="Endpoint">The receiver as the transport names it (<c>tcp://host:port</c>, a socket path).</param>
/// <param name="Framing">TCP's framing; null for the other transports, whose framing is fixed.</param>
/// <param name="CertificatePath">The authorities trusted for the server, when configured.</param>
/// <param name="ClientCertificatePath">The client's certificate, when configured.</param>
internal readonly record struct SyslogReceiverKey(
    SyslogProtocol Protocol,
    string Endpoint,
    SyslogFraming? Framing,
    string? CertificatePath,
    string? ClientCertificatePath);
