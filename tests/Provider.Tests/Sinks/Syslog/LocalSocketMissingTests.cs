using LoguStyle.Testing;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// A Syslog sink over the local socket whose socket file is not there (no daemon, or Host names the wrong path). Found
/// from outside: stderr said <c>SocketException: Cannot assign requested address</c>, .NET's words for the kernel's
/// ENOENT, which send a reader to the network instead of to the path.
/// </summary>
public sealed class LocalSocketMissingTests
{
    [Theory]
    [InlineData("nothing")]
    [InlineData("directory")]
    [InlineData("file")]
    public async Task NoSocketAtThePath_StderrSaysWhatIsThere(string what)
    {
        using var folder = new TempFolder();
        var path = folder.File("missing.sock");
        if (what == "directory")
        {
            // Outside test outside31, D5: a directory was said not to exist.
            Directory.CreateDirectory(path);
        }
        else if (what == "file")
        {
            // Outside test outside32, N2: a regular file was "Connection refused".
            File.WriteAllText(path, "not a socket");
        }

        var stderr = new StringWriter();
        var errors = TextWriter.Synchronized(stderr);
        await using var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { new SyslogSinkOptions { Protocol = SyslogProtocol.Local, Host = path, AppName = "t" } } },
            TimeProvider.System,
            errors);

        provider.CreateLogger("c").LogInformation("hello");

        var expected = what switch
        {
            "directory" => $"{path} is a directory, not a socket (set Host to the path of the daemon's socket, e.g. /dev/log)",
            "file" => $"{path} is a file, not a socket (set Host to the path of the daemon's socket, e.g. /dev/log)",
            _ => $"{path} does not exist: no daemon's socket is there (start the syslog daemon, or set Host to the path of its socket)",
        };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!Text(stderr, errors).Contains(expected, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(Text(stderr, errors).Contains(expected, StringComparison.Ordinal), Text(stderr, errors));
        Assert.DoesNotContain("Cannot assign requested address", Text(stderr, errors), StringComparison.Ordinal);
        Assert.DoesNotContain("Connection refused", Text(stderr, errors), StringComparison.Ordinal);
    }

    private static string Text(StringWriter stderr, TextWriter errors)
    {
        lock (errors)
        {
            return stderr.ToString();
        }
    }
}
