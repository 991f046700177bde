using System.Globalization;
using LoguStyle.Sinks.Syslog;
using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>
/// Mode <c>syslog-exit &lt;port&gt; &lt;ca file&gt; &lt;records&gt; &lt;connections&gt; exit|unhandled</c>: an enqueued
/// TLS Syslog sink (application name <c>logustyle-test</c>, <c>&lt;connections&gt;</c> connections) to a receiver on
/// 127.0.0.1 that trusts nothing but <c>&lt;ca file&gt;</c>; two threads log <c>&lt;records&gt;</c> records each
/// ("exit t i"), then the process ends without a dispose: <c>Environment.Exit(3)</c> or an unhandled exception. The
/// exit's drain is what ends the sink's connections.
/// </summary>
internal static class SyslogExit
{
    public static int Run(int port, string caFile, int records, int connections, bool unhandled)
    {
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new SyslogSinkOptions("tls")
                {
                    Protocol = SyslogProtocol.Tls,
                    Host = "127.0.0.1",
                    Port = port,
                    CertificatePath = caFile,
                    AppName = "logustyle-test",
                    Connections = connections,
                    QueueCapacity = records * 2,
                    Format = "{message}",
                },
            },
            ExitTimeout = TimeSpan.FromSeconds(10),
        });
        var logger = provider.CreateLogger("TestApp");
        var threads = Enumerable.Range(0, 2).Select(t => new Thread(() =>
        {
            for (var i = 0; i < records; i++)
            {
                logger.LogInformation("exit {Thread} {Index}", t, i);
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"logged {records * 2}"));
        if (unhandled)
        {
            throw new InvalidOperationException("the test app dies here");
        }

        Environment.Exit(3);
        return 3;
    }
}
