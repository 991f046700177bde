using LoguStyle.Testing;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A TLS syslog sink disposed while its receiver is sending (a real child process, TestApp tls-close: a TLS receiver that
/// sends without pause on every session it accepts). The close's notice must not run beside an OpenSSL operation on the
/// same session: a read of the receiver's bytes through the session, under way at the close, ended the process with a
/// segfault in libssl.
/// </summary>
public sealed class TlsCloseTests : IDisposable
{
    // 600 sessions: before the fix, 3 runs of 4 ended in a signal (SIGSEGV, SIGBUS, or SIGABRT from a double free).
    private const int Rounds = 600;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Dispose_WhileTheReceiverSends_TheProcessLives_EveryRecordArrives_EverySessionEndsWithCloseNotify()
    {
        using var process = RunningProcess.StartDotnet(RepositoryPaths.TestApp, ["tls-close", _folder.Path, Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture)], _folder.Path);
        var code = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));

        // Above 128: ended by signal (code - 128): 11 SIGSEGV, 7 SIGBUS, 6 SIGABRT.
        Assert.True(code == 0, $"exit code {code}{(code > 128 ? $" (ended by signal {code - 128})" : string.Empty)}: {process.StandardError}");
        Assert.Equal([$"received {Rounds}", $"clean {Rounds}"], process.Lines);
    }
}
