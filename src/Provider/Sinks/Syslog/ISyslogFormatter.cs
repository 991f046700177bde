namespace LoguStyle.Sinks.Syslog;

/// <summary>Turns a record into one syslog message, without framing: RFC 5424 for the network, RFC 3164 for the local socket.</summary>
internal interface ISyslogFormatter
{
    /// <summary>Writes the message for <paramref name="record"/>, cut to the sink's limit.</summary>
    /// <returns>The message's length in bytes before the cut (more than was written when it was cut).</returns>
    int Render(LogRecord record, Formatting.Utf8Buffer output);
}
