using LoguStyle.Hosting.Configuration;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Tests;

public class SyslogConfigurationTests
{
    [Fact]
    public async Task Configuration_EverySyslogKey_IsBound()
    {
        using var folder = new TempFolder();
        var ca = folder.File("ca.pem");
        await File.WriteAllTextAsync(ca, CaPem());
        var caJson = ca.Replace("\\", "/", StringComparison.Ordinal);
        using var test = new TestHost($$"""
            { "Sinks": { "central": {
                "Type": "Syslog", "Host": "localhost", "Port": 16514, "Protocol": "Tls", "Framing": "OctetCounting",
                "Facility": "Local4", "AppName": "shop", "MessageId": "ORDERS", "StructuredDataId": "shop@12345",
                "MaxMessageBytes": 8192, "Bom": true, "CertificatePath": "{{caJson}}", "Level": "Warning",
                "Serialize": true, "JsonFormat": "Ecs", "QueueCapacity": 500, "QueueFullMode": "DropOldest" } } }
            """);
        using var host = test.Builder.Build();
        await host.StartAsync();

        var syslog = host.Services.GetRequiredService<IOptions<LoguStyleLoggerOptions>>().Value.Sinks.OfType<SyslogSinkOptions>().Single();

        Assert.Equal("central", syslog.Name);
        Assert.Equal("localhost", syslog.Host);
        Assert.Equal(16514, syslog.Port);
        Assert.Equal(SyslogProtocol.Tls, syslog.Protocol);
        Assert.Equal(SyslogFraming.OctetCounting, syslog.Framing);
        Assert.Equal(SyslogFacility.Local4, syslog.Facility);
        Assert.Equal("shop", syslog.AppName);
        Assert.Equal("ORDERS", syslog.MessageId);
        Assert.Equal("shop@12345", syslog.StructuredDataId);
        Assert.Equal(8192, syslog.MaxMessageBytes);
        Assert.True(syslog.Bom);
        Assert.Equal(caJson, syslog.CertificatePath);
        Assert.Equal(LogLevel.Warning, syslog.Level);
        Assert.True(syslog.Serialize);
        Assert.Equal(JsonFormat.Ecs, syslog.JsonFormat);
        Assert.Equal(500, syslog.QueueCapacity);
        Assert.Equal(QueueFullMode.DropOldest, syslog.QueueFullMode);
        await host.StopAsync();
    }

    [Fact]
    public async Task Configuration_SyslogWithDefaults_IsEnqueuedAndDropsTheNewestWhenFull()
    {
        using var test = new TestHost("""{ "Sinks": { "syslog": { "Type": "Syslog", "Port": 9 } } }""");
        using var host = test.Builder.Build();
        await host.StartAsync();

        var syslog = host.Services.GetRequiredService<IOptions<LoguStyleLoggerOptions>>().Value.Sinks.OfType<SyslogSinkOptions>().Single();

        Assert.Equal("127.0.0.1", syslog.Host);
        Assert.Equal(SyslogProtocol.Udp, syslog.Protocol);
        Assert.True(syslog.Enqueue);
        Assert.Equal(QueueFullMode.DropWrite, syslog.QueueFullMode);
        await host.StopAsync();
    }

    [Fact]
    public void AddSyslog_InCode_AddsTheSinkWithItsOptions()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddLoguStyle(log => log
            .AddSyslog("logs.example", 1514)
            .AddSyslog(s => { s.Protocol = SyslogProtocol.Tcp; s.Name = "tcp"; })));
        using var provider = services.BuildServiceProvider();

        var sinks = provider.GetRequiredService<IOptions<LoguStyleLoggerOptions>>().Value.Sinks.OfType<SyslogSinkOptions>().ToList();

        Assert.Equal(["syslog", "tcp"], sinks.Select(s => s.Name));
        Assert.Equal(("logs.example", 1514, SyslogProtocol.Udp), (sinks[0].Host, sinks[0].Port, sinks[0].Protocol));
        Assert.Equal(SyslogProtocol.Tcp, sinks[1].Protocol);
    }

    [Fact]
    public void AddSyslog_OneLinerWithAProtocol_TakesIt_AndThePortStaysTheProtocolsDefault()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddLoguStyle(log => log.AddSyslog("logs.example", protocol: SyslogProtocol.Tls)));
        using var provider = services.BuildServiceProvider();

        var sink = provider.GetRequiredService<IOptions<LoguStyleLoggerOptions>>().Value.Sinks.OfType<SyslogSinkOptions>().Single();

        Assert.Equal(("logs.example", null, SyslogProtocol.Tls), (sink.Host, sink.Port, sink.Protocol));
    }

    public static TheoryData<string, string> BadSyslogValues => new()
    {
        { """ "Protocol": "Relp" """, "Logging:LoguStyle:Sinks:s:Protocol: 'Relp' is not a syslog protocol; accepted: Udp, Tcp, Tls, Local." },
        { """ "Framing": "Nul" """, "Logging:LoguStyle:Sinks:s:Framing: 'Nul' is not a syslog framing; accepted: OctetCounting, LineFeed." },
        { """ "Facility": "Local8" """, "Logging:LoguStyle:Sinks:s:Facility: 'Local8' is not a syslog facility; accepted: Kern, User, Mail, Daemon, Auth, Syslog, Lpr, News, Uucp, Cron, AuthPriv, Ftp, Ntp, Audit, Alert, Clock, Local0, Local1, Local2, Local3, Local4, Local5, Local6, Local7." },
        { """ "Port": "http" """, "Logging:LoguStyle:Sinks:s:Port: 'http' is not a whole number; accepted: a whole number from 1 to 65535." },
        { """ "Port": 70000 """, "Logging:LoguStyle:Sinks:s:Port: '70000' is not a port; accepted: a whole number from 1 to 65535." },
        { """ "Port": [1, 2] """, "Logging:LoguStyle:Sinks:s:Port: expected a port, found a section (an array or an object); accepted: a whole number from 1 to 65535." },
        { """ "Enqueue": false """, "Logging:LoguStyle:Sinks:s:Enqueue: 'False': a Syslog sink is always enqueued (the network never blocks a logging call); accepted: true, or leave Enqueue out." },
        { """ "Protocol": "Udp", "Framing": "LineFeed" """, "Logging:LoguStyle:Sinks:s:Framing: 'LineFeed' frames a stream, and Protocol Udp sends each message as one datagram; accepted: Framing only with Protocol Tcp, or leave Framing out." },
        { """ "Protocol": { "a": 1 } """, "Logging:LoguStyle:Sinks:s:Protocol: expected a syslog protocol, found a section (an array or an object); accepted: Udp, Tcp, Tls, Local." },
        { """ "Protocol": "Local", "Port": 1234 """, "Logging:LoguStyle:Sinks:s:Port: '1234' is a port, which Protocol Local does not use (it sends to the socket path in Host); leave Port out." },
        { """ "MaxMessageBytes": 100000 """, "Logging:LoguStyle:Sinks:s:MaxMessageBytes: '100000' is not a message size for Udp; accepted: a whole number of bytes from 64 to 65507 (the largest UDP datagram)." },
        { """ "Protocol": "Tcp", "MaxMessageBytes": 10 """, "Logging:LoguStyle:Sinks:s:MaxMessageBytes: '10' is not a message size for Tcp; accepted: a whole number of bytes of 64 or more." },
        { """ "AppName": "my app" """, "Logging:LoguStyle:Sinks:s:AppName: 'my app' is not an app name; accepted: 1 to 48 printable ASCII characters (33 to 126, no space)." },
        { """ "MessageId": "ÄÖ" """, "Logging:LoguStyle:Sinks:s:MessageId: 'ÄÖ' is not a message id; accepted: 1 to 32 printable ASCII characters (33 to 126, no space)." },
        { """ "StructuredDataId": "shop@acme" """, "Logging:LoguStyle:Sinks:s:StructuredDataId: 'shop@acme' is not an SD-ID; accepted: a name@enterprise-number of 1 to 32 printable ASCII characters without '=', ']', '\"' or space, such as \"myapp@32473\" (an SD-ID without '@' is one IANA registered, whose parameters RFC 5424 defines)." },
        { """ "Protocol": "Tls", "Framing": "LineFeed" """, "Logging:LoguStyle:Sinks:s:Framing: 'LineFeed' cannot be used with Protocol 'Tls': RFC 5425 frames by octet counting only; accepted: OctetCounting, or leave Framing out." },
        { """ "CertificatePath": "/etc/ca.pem" """, "Logging:LoguStyle:Sinks:s:CertificatePath: '/etc/ca.pem' is used only with Protocol 'Tls', but Protocol is 'Udp'; set Protocol to 'Tls', or leave CertificatePath out." },
        { """ "Protocol": "Tls", "CertificatePath": "/nonexistent/ca.pem" """, "Logging:LoguStyle:Sinks:s:CertificatePath: '/nonexistent/ca.pem' is not a file; accepted: a PEM file of CA certificates." },
        { """ "Bom": "yes" """, "Logging:LoguStyle:Sinks:s:Bom: 'yes' is not a switch; accepted: true, false." },
        { """ "Rotation": "1 day" """, "Logging:LoguStyle:Sinks:s:Rotation: unknown key 'Rotation' for a Syslog sink; accepted: Type, Level, MaxLevel, CallerInfo, Format, Filter, Serialize, JsonFormat, SingleLine, Enqueue, QueueCapacity, QueueFullMode, Host, Port, Protocol, Framing, Facility, AppName, MessageId, StructuredDataId, MaxMessageBytes, Bom, CertificatePath, ClientCertificatePath, Connections." },
        { """ "Connections": 0 """, "Logging:LoguStyle:Sinks:s:Connections: '0' is not a number of connections; accepted: a whole number from 1 to 16." },
        { """ "Connections": 17 """, "Logging:LoguStyle:Sinks:s:Connections: '17' is not a number of connections; accepted: a whole number from 1 to 16." },
        { """ "Connections": "four" """, "Logging:LoguStyle:Sinks:s:Connections: 'four' is not a whole number; accepted: a whole number from 1 to 16." },

        // Outside test of issue 19: a negative number was told it is no whole number; a path or a name with a space as
        // a network receiver passed start-up and failed at the first send.
        { """ "Connections": -1 """, "Logging:LoguStyle:Sinks:s:Connections: '-1' is not a number of connections; accepted: a whole number from 1 to 16." },
        { """ "Protocol": "Tcp", "Host": "/dev/log" """, "Logging:LoguStyle:Sinks:s:Host: '/dev/log' is a socket path, which only Protocol Local sends to; accepted: a host name or address, e.g. \"127.0.0.1\" or \"logs.example.com\" (for Protocol Local, a socket path or nothing for /dev/log)." },
        { """ "Host": "no such host" """, "Logging:LoguStyle:Sinks:s:Host: 'no such host' is not a host name or address; accepted: a host name or address" },

        // Outside test of issue 16: an SD-ID without '@' (IANA's) passed; with Protocol Local, a Host that is no absolute
        // path was replaced by /dev/log without a word.
        { """ "StructuredDataId": "bad" """, "Logging:LoguStyle:Sinks:s:StructuredDataId: 'bad' is not an SD-ID; accepted: a name@enterprise-number" },
        { """ "Protocol": "Local", "Host": "dev/log" """, "Logging:LoguStyle:Sinks:s:Host: 'dev/log' is not a socket path; with Protocol Local, Host is the path of the daemon's socket, starting with /; leave Host out for /dev/log." },
        { """ "Protocol": "Local", "Host": "logs.example.com" """, "Logging:LoguStyle:Sinks:s:Host: 'logs.example.com' is not a socket path;" },
    };

    [Theory]
    [MemberData(nameof(BadSyslogValues))]
    public async Task StartUp_BadSyslogValue_FailsNamingKeyValueAndAcceptedForms(string keys, string expected)
    {
        using var test = new TestHost($$"""{ "Sinks": { "s": { "Type": "Syslog", {{keys}} } } }""");
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            using var host = test.Builder.Build();
            await host.StartAsync();
            await host.StopAsync();
        });

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A Protocol that cannot be read, beside keys judged against Protocol (a certificate path, a message size): the one
    /// problem is the Protocol's; the others would be judged against the default (Udp), a value nobody set.
    /// </summary>
    [Fact]
    public async Task StartUp_BadProtocolBesideACertificatePath_OnlyTheProtocolIsReported()
    {
        using var test = new TestHost("""{ "Sinks": { "s": { "Type": "Syslog", "Protocol": "Tls13", "CertificatePath": "/etc/ca.pem", "MaxMessageBytes": 100000 } } }""");
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            using var host = test.Builder.Build();
            await host.StartAsync();
            await host.StopAsync();
        });

        Assert.Contains("Logging:LoguStyle:Sinks:s:Protocol: 'Tls13' is not a syslog protocol; accepted: Udp, Tcp, Tls, Local.", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Protocol is 'Udp'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("for Udp", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>A bad value of each key the Syslog key reader reads (with the keys it needs beside it), and its text.</summary>
    private static readonly Dictionary<string, (string Json, string Value)> BadValueOfEachSyslogKey = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Host"] = (""" "Host": "  " """, "  "),
        ["Port"] = (""" "Port": 70000 """, "70000"),
        ["Protocol"] = (""" "Protocol": "Relp" """, "Relp"),
        ["Framing"] = (""" "Framing": "Nul" """, "Nul"),
        ["Facility"] = (""" "Facility": "Local8" """, "Local8"),
        ["AppName"] = (""" "AppName": "my app" """, "my app"),
        ["MessageId"] = (""" "MessageId": "ÄÖ" """, "ÄÖ"),
        ["StructuredDataId"] = (""" "StructuredDataId": "shop@acme" """, "shop@acme"),
        ["MaxMessageBytes"] = (""" "MaxMessageBytes": 100000 """, "100000"),
        ["Bom"] = (""" "Bom": "yes" """, "yes"),
        ["CertificatePath"] = (""" "Protocol": "Tls", "CertificatePath": "/nonexistent/ca.pem" """, "/nonexistent/ca.pem"),
        ["ClientCertificatePath"] = (""" "Protocol": "Tls", "ClientCertificatePath": "/nonexistent/client.pfx" """, "/nonexistent/client.pfx"),
        ["Connections"] = (""" "Connections": 17 """, "17"),
    };

    /// <summary>Every key of <see cref="SyslogSinkKeyReader.Keys"/>, so a key added to the reader is added here or fails.</summary>
    public static TheoryData<string> SyslogKeys => [.. SyslogSinkKeyReader.Keys.Split(", ")];

    [Theory]
    [MemberData(nameof(SyslogKeys))]
    public async Task StartUp_EverySyslogKey_ABadValue_NamesTheFullKeyTheQuotedValueAndTheAcceptedForms(string key)
    {
        Assert.True(BadValueOfEachSyslogKey.TryGetValue(key, out var bad), $"no bad value of {key} in the table");
        var message = await ValidationTests.StartUpError($$"""{ "Sinks": { "s": { "Type": "Syslog", {{bad.Json}} } } }""");

        var line = message.Split(Environment.NewLine).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith($"Logging:LoguStyle:Sinks:s:{key}: '{bad.Value}' ", StringComparison.Ordinal));
        Assert.True(line is not null, message);
        Assert.Contains("; accepted: ", line, StringComparison.Ordinal);
    }

    /// <summary>
    /// Outside test outside31, D3: a CertificatePath that is no PEM file said "holds no PEM certificate. (Parameter
    /// 'options')", and a client certificate without its key gave .NET's message alone, named as the client key even
    /// when the CA file was the bad one. Each file is now checked on its own, under its key, with what is accepted.
    /// </summary>
    [Fact]
    public async Task StartUp_CertificateFilesWithoutAUsableCertificate_NameTheirKeyAndWhatIsAccepted()
    {
        using var folder = new TempFolder();
        var ca = folder.File("ca.pem");
        var client = folder.File("client.pem");
        await File.WriteAllTextAsync(ca, "not a certificate");
        await File.WriteAllTextAsync(client, CaPem());

        var message = await ValidationTests.StartUpError($$"""{ "Sinks": { "s": { "Type": "Syslog", "Protocol": "Tls", "CertificatePath": "{{ca}}", "ClientCertificatePath": "{{client}}" } } }""");

        Assert.Contains($"Logging:LoguStyle:Sinks:s:CertificatePath: '{ca}' holds no PEM certificate (no -----BEGIN CERTIFICATE----- block); accepted: a PEM file of CA certificates.", message, StringComparison.Ordinal);
        var clientLine = message.Split(Environment.NewLine).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith($"Logging:LoguStyle:Sinks:s:ClientCertificatePath: '{client}' ", StringComparison.Ordinal));
        Assert.True(clientLine is not null, message);
        Assert.EndsWith("; accepted: a PEM file with the certificate and its private key, or a .pfx/.p12 file without a password.", clientLine, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", message, StringComparison.Ordinal);
    }

    private static string CaPem()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test CA", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return ca.ExportCertificatePem();
    }
}
