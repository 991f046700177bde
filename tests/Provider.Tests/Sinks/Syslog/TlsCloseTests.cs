using System.Globalization;
using LoguStyle.Testing;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A TLS syslog sink disposed while its receiver is sending (a real child process, TestApp tls-close: a TLS receiver that
/// sends without pause on every session it accepts). Nothing may run an OpenSSL operation on the session beside
/// another: the close watch reading the receiver's bytes through the session at the close's notice ended the process
/// with a signal in libssl. Each dispose still sends close_notify.
/// </summary>
public sealed class TlsCloseTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>TLS 1.3, as a receiver negotiates by default: the process lives and every record arrives.</summary>
    [Fact]
    public async Task Dispose_WhileTheReceiverSends_TheProcessLives_EveryRecordArrives()
    {
        // Enough sessions that a read beside the notice ends the process in most runs (docs/syslog.md).
        const int Rounds = 600;
        var lines = await RunAsync(Rounds);
        Assert.Equal([$"received {Rounds}"], lines);
    }

    /// <summary>
    /// TLS 1.2, whose record layer shows an alert as such: every session's last record is the close notice (a read of 0
    /// from the receiver's SslStream does not tell it from a bare end of the connection).
    /// </summary>
    [Fact]
    public async Task Dispose_WhileTheReceiverSends_Tls12_TheProcessLives_EverySessionEndsWithCloseNotify()
    {
        const int Rounds = 200;
        var lines = await RunAsync(Rounds, "tls12");
        Assert.Equal([$"received {Rounds}", $"close_notify {Rounds}"], lines);
    }

    /// <summary>Runs TestApp tls-close; it must exit 0 (above 128: ended by that signal); its stdout lines.</summary>
    private async Task<IReadOnlyList<string>> RunAsync(int rounds, params string[] more)
    {
        using var process = RunningProcess.StartDotnet(RepositoryPaths.TestApp, ["tls-close", _folder.Path, rounds.ToString(CultureInfo.InvariantCulture), .. more], _folder.Path);
        var code = await process.WaitForExitAsync(TimeSpan.FromMinutes(3));
        Assert.True(code == 0, $"exit code {code}{(code > 128 ? $" (ended by signal {code - 128})" : string.Empty)}: {process.StandardError}");
        return process.Lines;
    }
}
