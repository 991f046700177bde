using System.Globalization;
using LoguStyle.Sinks.Syslog;
using Microsoft.Extensions.Configuration;
using static LoguStyle.Hosting.Configuration.ConfigurationValues;

namespace LoguStyle.Hosting.Configuration;

/// <summary>Reads the keys only Syslog sinks have. Ranges and names are checked at start-up by the engine's <c>SyslogOptionsCheck</c>.</summary>
internal static class SyslogSinkKeyReader
{
    public const string Keys = "Host, Port, Protocol, Framing, Facility, AppName, MessageId, StructuredDataId, MaxMessageBytes, Bom, CertificatePath, ClientCertificatePath, Connections";

    private const string Printable = "printable ASCII characters (33 to 126, no space)";

    private static readonly (string Name, SyslogFacility Value)[] Facilities =
        [.. Enum.GetValues<SyslogFacility>().Select(facility => (facility.ToString(), facility))];

    /// <summary>Applies <paramref name="key"/> to <paramref name="syslog"/>; false when it is not a Syslog key.</summary>
    public static bool TryApply(IConfigurationSection key, SyslogSinkOptions syslog, List<string> errors)
    {
        switch (key.Key.ToUpperInvariant())
        {
            case "HOST":
                syslog.Host = ReadValue(key, "a host name or address; accepted: a name or address, e.g. \"127.0.0.1\" or \"logs.example.com\" (for Protocol Local, a socket path starting with /)", errors) ?? syslog.Host;
                return true;
            case "PORT":
                syslog.Port = ReadNumber(key, "a port", SyslogOptionsCheck.PortAccepted, errors) ?? syslog.Port;
                return true;
            case "PROTOCOL":
                syslog.Protocol = ReadChoice(key, "a syslog protocol", "Udp, Tcp, Tls, Local", Named<SyslogProtocol>(), errors) ?? syslog.Protocol;
                return true;
            case "FRAMING":
                syslog.Framing = ReadChoice(key, "a syslog framing", "OctetCounting, LineFeed", Named<SyslogFraming>(), errors) ?? syslog.Framing;
                return true;
            case "FACILITY":
                syslog.Facility = ReadChoice(key, "a syslog facility", string.Join(", ", Facilities.Select(f => f.Name)), Facilities, errors) ?? syslog.Facility;
                return true;
            case "APPNAME":
                syslog.AppName = ReadValue(key, $"an app name; accepted: 1 to {SyslogText.MaxAppName} {Printable}", errors) ?? syslog.AppName;
                return true;
            case "MESSAGEID":
                syslog.MessageId = ReadValue(key, $"a message id; accepted: 1 to {SyslogText.MaxMessageId} {Printable}", errors) ?? syslog.MessageId;
                return true;
            case "STRUCTUREDDATAID":
                syslog.StructuredDataId = ReadValue(key, $"an SD-ID; accepted: {SyslogOptionsCheck.SdIdAccepted}", errors) ?? syslog.StructuredDataId;
                return true;
            case "MAXMESSAGEBYTES":
                syslog.MaxMessageBytes = ReadNumber(key, "a message size", "a whole number of bytes, 64 or more (at most 65507 for Udp and Local)", errors) ?? syslog.MaxMessageBytes;
                return true;
            case "BOM":
                syslog.Bom = ReadBool(key, errors) ?? syslog.Bom;
                return true;
            case "CERTIFICATEPATH":
                syslog.CertificatePath = ReadValue(key, "a PEM file of CA certificates; accepted: a file path", errors) ?? syslog.CertificatePath;
                return true;
            case "CLIENTCERTIFICATEPATH":
                syslog.ClientCertificatePath = ReadValue(key, "a certificate file; accepted: a file path to a PEM file with its key, or a .pfx file", errors) ?? syslog.ClientCertificatePath;
                return true;
            case "CONNECTIONS":
                syslog.Connections = ReadNumber(key, "a number of connections", SyslogOptionsCheck.ConnectionsAccepted, errors) ?? syslog.Connections;
                return true;
            default:
                return false;
        }
    }

    private static (string Name, T Value)[] Named<T>()
        where T : struct, Enum => [.. Enum.GetValues<T>().Select(value => (value.ToString(), value))];

    private static int? ReadNumber(IConfigurationSection key, string what, string accepted, List<string> errors)
    {
        var text = ReadValue(key, $"{what}; accepted: {accepted}", errors)?.Trim();
        if (text is null)
        {
            return null;
        }

        // A sign is read, so that '-1' is told it is out of range (SyslogOptionsCheck), not that it is no whole number.
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        errors.Add($"{PathOf(key)}: '{text}' is not a whole number; accepted: {accepted}.");
        return null;
    }
}
