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
/// <param name="Credentials">
/// TLS: the SHA-256 of those files' contents, read when the sink was built (<see cref="SyslogTrust.Fingerprint"/>). A
/// reload done to rotate a certificate or CA bundle at the same path then opens a new TLS session with the new files,
/// rather than carrying on over the old one and its old credentials until it breaks.
/// </param>
internal readonly record struct SyslogReceiverKey(
    SyslogProtocol Protocol,
    string Endpoint,
    SyslogFraming? Framing,
    string? CertificatePath,
    string? ClientCertificatePath,
    string? Credentials);
