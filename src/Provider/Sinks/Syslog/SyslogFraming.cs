namespace LoguStyle;

/// <summary>How messages are delimited on a TCP or TLS stream (RFC 6587; configuration key <c>Framing</c>).</summary>
public enum SyslogFraming
{
    /// <summary>RFC 6587 3.4.1: each message is preceded by its length in bytes and a space (<c>57 &lt;14&gt;1 ...</c>). The default.</summary>
    OctetCounting,

    /// <summary>
    /// RFC 6587 3.4.2: each message ends with a line feed. A line break inside a message is written as the two characters
    /// <c>\n</c> (<c>\r</c> likewise), so it cannot end the message early. For receivers that need it.
    /// </summary>
    LineFeed,
}
