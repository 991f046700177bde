namespace LoguStyle;

/// <summary>The Syslog sinks, instance methods as AddFile and AddConsole are, so they need no using directive of their own.</summary>
public sealed partial class LoguStyleBuilder
{
    /// <summary>
    /// Adds a Syslog sink (RFC 5424 messages) to <paramref name="host"/>, over UDP unless <paramref name="protocol"/> says
    /// otherwise: <c>log.AddSyslog()</c> sends to <c>127.0.0.1:514</c>. The sink is named <c>"syslog"</c>.
    /// </summary>
    /// <param name="host">
    /// The receiver's host name or address; null (the default) for <c>127.0.0.1</c> (with <see cref="SyslogProtocol.Local"/>,
    /// the daemon's socket path; null for <c>/dev/log</c>).
    /// </param>
    /// <param name="port">The receiver's port; null (the default) for the protocol's port: 514, or 6514 over TLS.</param>
    /// <param name="protocol">The transport; null (the default) for <see cref="SyslogProtocol.Udp"/>.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddSyslog("10.0.0.5");                                // UDP to 10.0.0.5:514
    /// log.AddSyslog("logs.example.com", protocol: SyslogProtocol.Tcp);   // TCP, octet-counted, to port 514
    /// </code>
    /// </example>
    public LoguStyleBuilder AddSyslog(string? host = null, int? port = null, SyslogProtocol? protocol = null) =>
        AddSyslog(options =>
        {
            // Null keeps the options' own default, so the default lives in one place and is not compiled into callers.
            options.Host = host ?? options.Host;
            options.Port = port;
            options.Protocol = protocol ?? options.Protocol;
        });

    /// <summary>
    /// Adds a Syslog sink whose options <paramref name="configure"/> sets (the complete form); their names are the
    /// configuration keys. The sink is named <c>"syslog"</c> unless <paramref name="configure"/> sets its <c>Name</c>.
    /// </summary>
    /// <param name="configure">Sets the sink's options: host, port, protocol, facility, level, format, ...; it runs once, here.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddSyslog(syslog =&gt;
    /// {
    ///     syslog.Protocol = SyslogProtocol.Tls;
    ///     syslog.Host = "logs.example.com";
    ///     syslog.Port = 6514;
    ///     syslog.Level = LogLevel.Warning;
    /// });
    /// </code>
    /// </example>
    public LoguStyleBuilder AddSyslog(Action<SyslogSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SyslogSinkOptions();
        configure(options);
        return AddSink(options);
    }
}
