namespace LoguStyle;

/// <summary>
/// Adds Syslog sinks in code: <c>log.AddSyslog()</c> sends to <c>127.0.0.1:514</c> over UDP;
/// <c>log.AddSyslog(s =&gt; { s.Protocol = SyslogProtocol.Tcp; s.Host = "logs.example.com"; })</c> sets any key.
/// </summary>
public static class SyslogBuilderExtensions
{
    /// <summary>Adds a Syslog sink over UDP (RFC 5424 messages, RFC 5426 transport) to <paramref name="host"/>.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="host">The receiver's host name or address; default <c>127.0.0.1</c>.</param>
    /// <param name="port">The receiver's port; default 514.</param>
    /// <returns>The builder.</returns>
    /// <example>
    /// <code>
    /// log.AddSyslog("10.0.0.5");   // UDP to 10.0.0.5:514
    /// </code>
    /// </example>
    public static LoguStyleBuilder AddSyslog(this LoguStyleBuilder builder, string host = "127.0.0.1", int? port = null) =>
        builder.AddSyslog(options =>
        {
            options.Host = host;
            options.Port = port;
        });

    /// <summary>
    /// Adds a Syslog sink whose options <paramref name="configure"/> sets (the complete form); their names are the
    /// configuration keys. The sink is named <c>"syslog"</c> unless <paramref name="configure"/> sets its <c>Name</c>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the sink's options: host, port, protocol, facility, level, format, ...; it runs once, here.</param>
    /// <returns>The builder.</returns>
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
    public static LoguStyleBuilder AddSyslog(this LoguStyleBuilder builder, Action<SyslogSinkOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SyslogSinkOptions();
        configure(options);
        return builder.AddSink(options);
    }
}
