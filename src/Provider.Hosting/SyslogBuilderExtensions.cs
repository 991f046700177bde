namespace LoguStyle.Hosting;

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
    public static LoguStyleBuilder AddSyslog(this LoguStyleBuilder builder, string host = "127.0.0.1", int? port = null) =>
        builder.AddSyslog(options =>
        {
            options.Host = host;
            options.Port = port;
        });

    /// <summary>Adds a Syslog sink whose options <paramref name="configure"/> sets; their names are the configuration keys.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the sink's options: host, port, protocol, facility, level, format, ...</param>
    /// <param name="name">The sink's name (its key under <c>Logging:LoguStyle:Sinks</c>); default <c>"syslog"</c>.</param>
    /// <returns>The builder.</returns>
    public static LoguStyleBuilder AddSyslog(this LoguStyleBuilder builder, Action<SyslogSinkOptions> configure, string name = SyslogSinkOptions.DefaultName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new SyslogSinkOptions(name);
        configure(options);
        return builder.AddSink(options);
    }
}
