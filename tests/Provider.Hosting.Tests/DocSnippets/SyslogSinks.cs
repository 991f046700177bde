using LoguStyle;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>docs/syslog.md.</summary>
internal static class SyslogSinks
{
    public static void Run(Microsoft.Extensions.Hosting.HostApplicationBuilder builder)
    {
        builder.Logging.AddLoguStyle(log => log
            .AddConsole()
            .AddSyslog("10.0.0.5", protocol: SyslogProtocol.Tcp)      // TCP (octet counting) to 10.0.0.5:514
            .AddSyslog(s =>
            {
                s.Protocol = SyslogProtocol.Tls;                      // RFC 5425, port 6514
                s.Host = "logs.example.com";
                s.CertificatePath = "/etc/ssl/logs-ca.pem";           // trust only this CA for the server
                s.Facility = SyslogFacility.Local0;
                s.Level = LogLevel.Information;
                s.Name = "central";
            }));
    }
}
