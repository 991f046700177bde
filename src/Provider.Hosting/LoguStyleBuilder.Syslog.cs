namespace LoguStyle;

/// <summary>The Syslog sinks, instance methods as AddFile and AddConsole are, so they need no using directive of their own.</summary>
public sealed partial class LoguStyleBuilder
{
    /// <summary>
    /// Adds a Syslog sink over UDP (RFC 5424 messages, RFC 5426 transport) to <paramref name="host"/>:
    /// <c>log.AddSyslog()</c> sends to <c>127.0.0.1:514</c>. The sink is named <c>"syslog"</c>.
    /// </summary>
    /// <param name="host">The receiver's host name or address; null (the default) for <c>127.0.0.1</c>.</param>
    /// <param name="port">The receiver's port; null (the default) for the protocol's port, 514 over UDP.</param>
    /// <returns>This builder.</returns>
    /// <example>
    /// <code>
    /// log.AddSyslog("10.0.0.5");   // UDP to 10.0.0.5:514
    /// </code>
    /// </example>
    public LoguStyleBuilder AddSyslog(string? host = null, int? port = null) =>
        AddSyslog(options =>
        {
            // Null keeps the options' own default, so the default lives in one place and is not compiled into callers.
            options.Host = host ?? options.Host;
            options.Port = port;
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
