using System.Globalization;
using LoguStyle.Sinks.Syslog;
using Microsoft.Extensions.Logging;

namespace LoguStyle.TestApp;

/// <summary>
/// Mode <c>syslog-exit &lt;port&gt; &lt;ca file&gt; &lt;records&gt; &lt;connections&gt; exit|unhandled [starved]</c>: an
/// enqueued TLS Syslog sink (application name <c>logustyle-test</c>, <c>&lt;connections&gt;</c> connections) to a
/// receiver on 127.0.0.1 that trusts nothing but <c>&lt;ca file&gt;</c> (<c>-</c>: plain TCP); two threads log
/// <c>&lt;records&gt;</c> records each ("exit t i"), then the process ends without a dispose: <c>Environment.Exit(3)</c>
/// or an unhandled exception. The exit's drain is what ends the sink's connections. With <c>starved</c>, the first record
/// is flushed (connected), then the pool is starved (no work item runs from there on), "starved" is printed, and the rest
/// are logged once a file <c>go</c> exists in the working folder.
/// </summary>
internal static class SyslogExit
{
    public static int Run(int port, string caFile, int records, int connections, bool unhandled, bool starved = false)
    {
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new SyslogSinkOptions("tls")
                {
                    Protocol = caFile == "-" ? SyslogProtocol.Tcp : SyslogProtocol.Tls,
                    Host = "127.0.0.1",
                    Port = port,
                    CertificatePath = caFile == "-" ? null : caFile,
                    AppName = "logustyle-test",
                    Connections = connections,
                    QueueCapacity = records * 2,
                    Format = "{message}",
                },
            },
            ExitTimeout = TimeSpan.FromSeconds(10),
        });
        var logger = provider.CreateLogger("TestApp");
        if (starved)
        {
            logger.LogInformation("connected");
            provider.FlushAsync().Wait();
            if (!PoolStarver.Starve())
            {
                return 4;
            }

            // The receiver sends its bytes now, which the sink's watch, a pool read, never takes; then it says "go".
            Console.WriteLine("starved");
            if (!SpinWait.SpinUntil(() => File.Exists("go"), TimeSpan.FromSeconds(30)))
            {
                Console.Error.WriteLine("no go within 30 s");
                return 4;
            }
        }

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
