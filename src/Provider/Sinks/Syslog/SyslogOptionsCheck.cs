using System.Globalization;
using System.Security.Cryptography;

namespace LoguStyle.Sinks.Syslog;

/// <summary>The start-up checks of a Syslog sink's keys; each problem names the key, the value and what is accepted.</summary>
internal static class SyslogOptionsCheck
{
    public const string PortAccepted = "a whole number from 1 to 65535";
    public const string ConnectionsAccepted = "a whole number from 1 to 16";

    /// <summary>The most connections a sink opens: rsyslog's imtcp reads them on a few workers, and a sender on a
    /// small machine gains nothing from more writer threads than cores beyond that.</summary>
    public const int MaxConnections = 16;
    public const string SdIdAccepted = "a name@enterprise-number of 1 to 32 printable ASCII characters without '=', ']', '\"' or space, such as \"myapp@32473\" (an SD-ID without '@' is one IANA registered, whose parameters RFC 5424 defines)";
    private const int MaxDatagram = 65507;
    private const int MinMessage = 64;

    public static void Check(SyslogSinkOptions sink, List<OptionsProblem> problems)
    {
        // Each problem is worded after the key, with the value quoted, as the configuration reader words a bad value.
        // A problem judged against Protocol names it (see OptionsProblem.JudgedAgainst).
        void Add(string key, string problem, string? judgedAgainst = null) =>
            problems.Add(OptionsProblem.OfValue(sink.Name, key, problem) with { JudgedAgainst = judgedAgainst });

        const string HostAccepted = "accepted: a host name or address, e.g. \"127.0.0.1\" or \"logs.example.com\" (for Protocol Local, a socket path or nothing for /dev/log).";
        if (string.IsNullOrWhiteSpace(sink.Host))
        {
            Add("Host", $"'{sink.Host}' is not a host name or address; {HostAccepted}");
        }
        else if (sink.Protocol == SyslogProtocol.Local && !sink.Host.StartsWith('/') && sink.Host != SyslogSinkOptions.DefaultHost)
        {
            // The daemon's socket is a path: anything else (a relative path, the network receiver's name left from
            // another protocol) was once replaced by /dev/log without a word.
            Add("Host", $"'{sink.Host}' is not a socket path; with Protocol Local, Host is the path of the daemon's socket, starting with /; leave Host out for /dev/log.", "Protocol");
        }
        else if (sink.Protocol != SyslogProtocol.Local && sink.Host.StartsWith('/'))
        {
            Add("Host", $"'{sink.Host}' is a socket path, which only Protocol Local sends to; {HostAccepted}", "Protocol");
        }
        else if (sink.Protocol != SyslogProtocol.Local && sink.Host.Any(c => char.IsWhiteSpace(c) || c is '/' or '\\' or '@' or '#' or '?' or '\'' or '"'))
        {
            // Only what no host name or address holds: a name the resolver cannot find is said when the sink connects.
            Add("Host", $"'{sink.Host}' is not a host name or address; {HostAccepted}", "Protocol");
        }

        if (sink.Port is < 1 or > 65535)
        {
            Add("Port", string.Create(CultureInfo.InvariantCulture, $"'{sink.Port}' is not a port; accepted: {PortAccepted}."));
        }
        else if (sink.Port is { } port && sink.Protocol == SyslogProtocol.Local)
        {
            // The daemon's socket has no port: a Port left from another protocol would be ignored, which hides the switch.
            Add("Port", string.Create(CultureInfo.InvariantCulture, $"'{port}' is a port, which Protocol Local does not use (it sends to the socket path in Host); leave Port out."), "Protocol");
        }

        if (sink.Connections is < 1 or > MaxConnections)
        {
            Add("Connections", string.Create(CultureInfo.InvariantCulture, $"'{sink.Connections}' is not a number of connections; accepted: {ConnectionsAccepted}."));
        }

        var datagram = sink.Protocol is SyslogProtocol.Udp or SyslogProtocol.Local;
        if (sink.MaxMessageBytes is { } max && (max < MinMessage || (datagram && max > MaxDatagram)))
        {
            var range = datagram
                ? string.Create(CultureInfo.InvariantCulture, $"from {MinMessage} to {MaxDatagram} (the largest UDP datagram)")
                : string.Create(CultureInfo.InvariantCulture, $"of {MinMessage} or more");
            Add("MaxMessageBytes", $"'{max.ToString(CultureInfo.InvariantCulture)}' is not a message size for {sink.Protocol}; accepted: a whole number of bytes {range}.", "Protocol");
        }

        CheckName(sink.AppName, "AppName", "an app name", SyslogText.MaxAppName, SyslogText.IsPrintable, "printable ASCII characters (33 to 126, no space)", (key, problem) => Add(key, problem));
        CheckName(sink.MessageId, "MessageId", "a message id", SyslogText.MaxMessageId, SyslogText.IsPrintable, "printable ASCII characters (33 to 126, no space)", (key, problem) => Add(key, problem));
        if (!IsSdId(sink.StructuredDataId))
        {
            Add("StructuredDataId", $"'{sink.StructuredDataId}' is not an SD-ID; accepted: {SdIdAccepted}.");
        }

        if (sink.Protocol == SyslogProtocol.Tls && sink.Framing == SyslogFraming.LineFeed)
        {
            Add("Framing", "'LineFeed' cannot be used with Protocol 'Tls': RFC 5425 frames by octet counting only; accepted: OctetCounting, or leave Framing out.");
        }
        else if (datagram && sink.Framing == SyslogFraming.LineFeed)
        {
            // A datagram is its own frame: LineFeed there would be ignored, which hides a protocol left from a TCP set-up.
            Add("Framing", $"'LineFeed' frames a stream, and Protocol {sink.Protocol} sends each message as one datagram; accepted: Framing only with Protocol Tcp, or leave Framing out.", "Protocol");
        }

        if (!sink.Enqueue)
        {
            // Ignored before: a Syslog sink always has its queue, so the network never blocks a logging call.
            Add("Enqueue", "'False': a Syslog sink is always enqueued (the network never blocks a logging call); accepted: true, or leave Enqueue out.");
        }

        CheckTls(sink, Add);
    }

    /// <summary>A private SD-ID: SD-NAME characters, at most 32, a name, '@', an enterprise number (digits, dot-separated).</summary>
    public static bool IsSdId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > SyslogText.MaxSdName || !id.All(SyslogText.IsSdNameChar))
        {
            return false;
        }

        // Without '@' an SD-ID is one IANA registered (timeQuality, origin, meta), whose parameters RFC 5424 defines
        // (section 7): not a name for this sink's properties.
        var at = id.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return false;
        }

        var number = id[(at + 1)..];
        return at > 0 && number.Length > 0 && number.Split('.').All(part => part.Length > 0 && part.All(char.IsAsciiDigit));
    }

    private static void CheckName(string? value, string key, string noun, int max, Func<char, bool> allowed, string what, Action<string, string> add)
    {
        if (value is not null && (value.Length is 0 || value.Length > max || !value.All(allowed)))
        {
            add(key, string.Create(CultureInfo.InvariantCulture, $"'{value}' is not {noun}; accepted: 1 to {max} {what}."));
        }
    }

    private static void CheckTls(SyslogSinkOptions sink, Action<string, string, string?> add)
    {
        foreach (var (key, path) in new[] { ("CertificatePath", sink.CertificatePath), ("ClientCertificatePath", sink.ClientCertificatePath) })
        {
            if (path is null)
            {
                continue;
            }

            if (sink.Protocol != SyslogProtocol.Tls)
            {
                add(key, $"'{path}' is used only with Protocol 'Tls', but Protocol is '{sink.Protocol}'; set Protocol to 'Tls', or leave {key} out.", "Protocol");
            }
            else if (!File.Exists(path))
            {
                add(key, $"'{path}' is not a file; accepted: a PEM file{(key == "CertificatePath" ? " of CA certificates" : " with the certificate and its key, or a .pfx/.p12 file")}.", null);
            }
        }

        if (sink.Protocol != SyslogProtocol.Tls || (sink.CertificatePath is { } ca && !File.Exists(ca)) || (sink.ClientCertificatePath is { } cc && !File.Exists(cc)))
        {
            return;
        }

        // Each file on its own, so the error names the key whose file is bad.
        if (sink.CertificatePath is { } authorities)
        {
            Load("CertificatePath", authorities, "a PEM file of CA certificates", bytes => SyslogTrust.Authorities(authorities, bytes), add);
        }

        if (sink.ClientCertificatePath is { } clientPath)
        {
            Load("ClientCertificatePath", clientPath, "a PEM file with the certificate and its private key, or a .pfx/.p12 file without a password", bytes => SyslogTrust.Client(clientPath, bytes).Dispose(), add);
        }
    }

    private static void Load(string key, string path, string accepted, Action<byte[]> load, Action<string, string, string?> add)
    {
        try
        {
            load(File.ReadAllBytes(path));
        }
        catch (InvalidDataException ex)
        {
            add(key, $"{ex.Message}; accepted: {accepted}.", null);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            add(key, $"'{path}' could not be loaded ({ex.Message.TrimEnd('.')}); accepted: {accepted}.", null);
        }
    }
}
