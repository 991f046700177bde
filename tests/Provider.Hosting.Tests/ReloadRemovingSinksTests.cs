using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LoguStyle.Hosting.Configuration;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Issue 15, defect (b): a direct logging call blocked in one sink while a configuration reload REMOVED the sinks after
/// it (the new configuration has no sink of their names) went on, once released, to those old sinks, closed by then: a
/// file sink's raw ObjectDisposedException on stderr, and the record not counted (a delegate sink even wrote it).
/// </summary>
public sealed class ReloadRemovingSinksTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly TempFolder _folder = new();

    // The meter is process-wide and tests run in parallel: names no other test uses.
    private readonly string _id = Guid.NewGuid().ToString("N");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task CallReleasedAfterAReloadRemovedTheSinksAfterIt_EachRemovedSinkRefusesAndCountsIt_NoRawException()
    {
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        using var output = new StringWriter();
        var errors = TextWriter.Synchronized(output);
        using var meter = new SinkMeter();
        using var syslog = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)syslog.Client.LocalEndPoint!).Port;
        var removedDelegate = $"delegate-{_id}";
        string[] removed = [removedDelegate, $"text-{_id}", $"json-{_id}", $"console-{_id}", $"syslog-{_id}"];
        var kept = $"kept-{_id}";
        var settings = _folder.File("appsettings.json");
        WriteSettings(settings, port, withTheRemovedSinks: true);

        // The delegate sink comes from code, which a reload runs again: the edit takes it out too.
        var keepDelegate = 1;
        using var files = new PhysicalFileProvider(_folder.Path);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonFile(files, "appsettings.json", optional: false, reloadOnChange: true);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Services.AddSingleton(sp => new LoguStyleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue, TimeProvider.System, errors));
        builder.Logging.AddLoguStyle(log => log.AddSink(
            record =>
            {
                if (record.Message == "block")
                {
                    entered.Set();
                    release.Wait();
                }
            },
            sink => sink.Name = $"stuck-{_id}"));
        builder.Services.Configure<LoguStyleLoggerOptions>(options =>
        {
            if (Volatile.Read(ref keepDelegate) == 1)
            {
                options.Sinks.Add(new DelegateSinkOptions(removedDelegate, _ => { }));
            }
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            var provider = host.Services.GetRequiredService<LoguStyleLoggerProvider>();
            var reloader = host.Services.GetRequiredService<ConfigurationReloader>();
            Assert.Equal($"stuck-{_id}", provider.SinkNames[0]);
            Assert.Equal(removed.Append(kept).Order(StringComparer.Ordinal), provider.SinkNames.Skip(1).Order(StringComparer.Ordinal));
            var logger = TestHost.Logger(host);
            logger.LogInformation("first");
            var blocked = new Thread(() => logger.LogInformation("block")) { IsBackground = true };
            blocked.Start();
            Assert.True(entered.Wait(Deadline), "the call never reached the stuck sink");

            // The edit: only the stuck sink and 'kept' are left. The reload waits its 0.3 s for the stuck call, then
            // closes the old sinks under it.
            Volatile.Write(ref keepDelegate, 0);
            WriteSettings(settings, port, withTheRemovedSinks: false);
            Assert.True(await TestHost.WaitUntil(() => reloader.Applied >= 1, Deadline), "the edit was never applied");
            Assert.Equal([$"stuck-{_id}", kept], provider.SinkNames);

            release.Set();
            Assert.True(blocked.Join(Deadline), "the released call never returned");

            var stderr = output.ToString();
            Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("could not write a record", stderr, StringComparison.Ordinal);
            foreach (var name in removed)
            {
                Assert.Equal(1, meter.Read("logustyle.records.written", name));
                Assert.Equal(1, meter.Read("logustyle.sink.errors", name));
                Assert.Contains($"LoguStyle: sink '{name}' refused 1 record(s) of logging calls still under way when a reload removed the sink", stderr, StringComparison.Ordinal);
            }

            // The sink the reload kept writes the record ("old sinks or new ones, never neither"); the stop flushes it.
            await host.StopAsync().WaitAsync(Deadline);
            Assert.Equal(["first", "block"], File.ReadAllLines(_folder.File("kept.log")));
            Assert.Equal(["first"], File.ReadAllLines(_folder.File("text.log")));
            Assert.Single(File.ReadAllLines(_folder.File("app.json")));
        }
        finally
        {
            release.Set();
            host.Dispose();
        }
    }

    private void WriteSettings(string path, int syslogPort, bool withTheRemovedSinks)
    {
        string Quoted(string file) => JsonSerializer.Serialize(_folder.File(file));
        var removedSinks = withTheRemovedSinks
            ? $$"""
                ,
                "text-{{_id}}": { "Type": "File", "Path": {{Quoted("text.log")}}, "Format": "{message}" },
                "json-{{_id}}": { "Type": "File", "Path": {{Quoted("app.json")}}, "Serialize": true },
                "console-{{_id}}": { "Type": "Console", "Format": "{message}" },
                "syslog-{{_id}}": { "Type": "Syslog", "Port": {{syslogPort}}, "AppName": "t", "Format": "{message}" }
                """
            : string.Empty;
        var json = $$"""
            {
              "Logging": {
                "LogLevel": { "Default": "Information", "Microsoft": "None" },
                "LoguStyle": {
                  "DisposeTimeout": "300 ms",
                  "Sinks": {
                    "kept-{{_id}}": { "Type": "File", "Path": {{Quoted("kept.log")}}, "Format": "{message}" }{{removedSinks}}
                  }
                }
              }
            }
            """;
        File.WriteAllText(path + ".tmp", json);
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
