using LoguStyle.Diagnostics;
using LoguStyle.Formatting;
using LoguStyle.Sinks;
using LoguStyle.Sinks.Syslog;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// Two generations of a Syslog sink share a connection across a reload only when their keys are equal: a certificate
/// or CA bundle replaced at the same path (a rotation) must give a new key, so the new generation opens a TLS session
/// with the new files (RsyslogTests.Tls_CaBundleReplacedAtTheSamePathThenReload_... shows it at a real rsyslogd).
/// </summary>
public sealed class SyslogReceiverKeyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Key_CertificateFilesReplacedAtTheSamePaths_DiffersEachTime_UnchangedFilesGiveTheSameKey()
    {
        var first = TestCertificates.Create(_folder.Path, "first");
        var second = TestCertificates.Create(_folder.Path, "second");
        var authorities = _folder.File("ca.pem");
        var client = _folder.File("client.pem");
        File.Copy(first.CaFile, authorities);
        File.Copy(first.ClientFile, client);

        var original = await KeyAsync(authorities, client);
        Assert.Equal(original, await KeyAsync(authorities, client));

        File.Copy(second.ClientFile, client, overwrite: true);
        var newClient = await KeyAsync(authorities, client);
        Assert.NotEqual(original, newClient);

        File.Copy(second.CaFile, authorities, overwrite: true);
        var newAuthorities = await KeyAsync(authorities, client);
        Assert.NotEqual(newClient, newAuthorities);
        Assert.NotEqual(original, newAuthorities);
    }

    // The key of a TLS sink built from the files as they are now (what a reload does); it never connects.
    private static async Task<SyslogReceiverKey> KeyAsync(string authorities, string client)
    {
        var sink = new SyslogSink(
            new SyslogSinkOptions { Protocol = SyslogProtocol.Tls, Port = 6514, CertificatePath = authorities, ClientCertificatePath = client, AppName = "shop" },
            TimeProvider.System,
            new SinkErrorReporter("syslog", TimeProvider.System, TextWriter.Null),
            LevelTable.Default);
        await using (sink)
        {
            return sink.Receiver;
        }
    }
}
