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

    // What both tests share: the stuck call's events, stderr, the meter and a syslog receiver that only has to exist.
    private readonly ManualResetEventSlim _entered = new();
    private readonly ManualResetEventSlim _release = new();
    private readonly StringWriter _output = new();
    private readonly SinkMeter _meter = new();
    private readonly UdpClient _syslog = new(new IPEndPoint(IPAddress.Loopback, 0));

    private int SyslogPort => ((IPEndPoint)_syslog.Client.LocalEndPoint!).Port;

    private string[] Removed => [$"delegate-{_id}", $"text-{_id}", $"json-{_id}", $"console-{_id}", $"syslog-{_id}"];

    public void Dispose()
    {
        _release.Set();
        _entered.Dispose();
        _release.Dispose();
        _output.Dispose();
        _meter.Dispose();
        _syslog.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task CallReleasedAfterAReloadRemovedTheSinksAfterIt_EachRemovedSinkRefusesAndCountsIt_NoRawException()
    {
        var (release, output, meter) = (_release, _output, _meter);
        var (errors, port, removedDelegate, removed) = (TextWriter.Synchronized(output), SyslogPort, $"delegate-{_id}", Removed);
        var kept = $"kept-{_id}";
        var settings = _folder.File("appsettings.json");
        WriteSettings(settings, port, withTheRemovedSinks: true);

        // The delegate sink comes from code, which a reload runs again: the edit takes it out too.
        var keepDelegate = 1;
        using var files = new PhysicalFileProvider(_folder.Path);
        var host = BuildHost(files, errors, () => new DelegateSinkOptions(removedDelegate, _ => { }), () => Volatile.Read(ref keepDelegate) == 1);
        try
        {
            await host.StartAsync();
            var provider = host.Services.GetRequiredService<LoguStyleLoggerProvider>();
            var reloader = host.Services.GetRequiredService<ConfigurationReloader>();
            Assert.Equal($"stuck-{_id}", provider.SinkNames[0]);
            Assert.Equal(removed.Append(kept).Order(StringComparer.Ordinal), provider.SinkNames.Skip(1).Order(StringComparer.Ordinal));
            var blocked = LogFirstThenBlock(host);

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

    /// <summary>
    /// Outside re-test 15d, defect 3: a second edit added the removed sinks back before the blocked call was released;
    /// the call then reached the removed sinks' stand-ins, which refused it, although a sink of each name was in use
    /// again. A stand-in hands the record to the provider's current sink of its name when there is one.
    /// </summary>
    [Fact]
    public async Task CallReleasedAfterOneReloadRemovedTheSinksAndAnotherAddedThemBack_TheReaddedSinksWriteIt()
    {
        var (release, output, meter) = (_release, _output, _meter);
        var (errors, port, removedDelegate, removed) = (TextWriter.Synchronized(output), SyslogPort, $"delegate-{_id}", Removed);
        var written = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var settings = _folder.File("appsettings.json");
        WriteSettings(settings, port, withTheRemovedSinks: true);

        var keepDelegate = 1;
        using var files = new PhysicalFileProvider(_folder.Path);
        var host = BuildHost(files, errors, () => new DelegateSinkOptions(removedDelegate, record => written.Enqueue(record.Message)), () => Volatile.Read(ref keepDelegate) == 1);
        try
        {
            await host.StartAsync();
            var provider = host.Services.GetRequiredService<LoguStyleLoggerProvider>();
            var blocked = LogFirstThenBlock(host);

            // One edit removes the sinks (it closes them under the stuck call), the next adds them back.
            Volatile.Write(ref keepDelegate, 0);
            WriteSettings(settings, port, withTheRemovedSinks: false);
            Assert.True(await TestHost.WaitUntil(() => provider.SinkNames.Count == 2, Deadline), "the first edit was never applied");
            Volatile.Write(ref keepDelegate, 1);
            WriteSettings(settings, port, withTheRemovedSinks: true);
            Assert.True(await TestHost.WaitUntil(() => provider.SinkNames.Count == 7, Deadline), "the second edit was never applied");

            release.Set();
            Assert.True(blocked.Join(Deadline), "the released call never returned");

            var stderr = output.ToString();
            Assert.DoesNotContain("refused", stderr, StringComparison.Ordinal);

            // The stop drains the syslog sink's queue: every count is final then.
            await host.StopAsync().WaitAsync(Deadline);
            var counts = removed.Select(name => $"{name}: written {meter.Read("logustyle.records.written", name)} errors {meter.Read("logustyle.sink.errors", name)}");
            Assert.True(
                removed.All(name => meter.Read("logustyle.records.written", name) == 2 && meter.Read("logustyle.sink.errors", name) == 0),
                string.Join("; ", counts));
            Assert.Equal(["first", "block"], written);
            Assert.Equal(["first", "block"], File.ReadAllLines(_folder.File("text.log")));
            Assert.Equal(["first", "block"], File.ReadAllLines(_folder.File("kept.log")));
        }
        finally
        {
            release.Set();
            host.Dispose();
        }
    }

    /// <summary>Logs "first", then "block" on a thread of its own, and returns that thread once it is stuck.</summary>
    private Thread LogFirstThenBlock(IHost host)
    {
        var logger = TestHost.Logger(host);
        logger.LogInformation("first");
        var blocked = new Thread(() => logger.LogInformation("block")) { IsBackground = true };
        blocked.Start();
        Assert.True(_entered.Wait(Deadline), "the call never reached the stuck sink");
        return blocked;
    }

    /// <summary>
    /// A host whose sinks come from appsettings.json in the folder, behind a code sink that blocks a "block" call until
    /// the test releases it; <paramref name="removable"/> is added while <paramref name="withIt"/> says so (a reload runs it again).
    /// </summary>
    private IHost BuildHost(PhysicalFileProvider files, TextWriter errors, Func<DelegateSinkOptions> removable, Func<bool> withIt)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonFile(files, "appsettings.json", optional: false, reloadOnChange: true);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Services.AddSingleton(sp => new LoguStyleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue, TimeProvider.System, errors));
        builder.Logging.AddLoguStyle(log => log.AddSink(
            record =>
            {
                if (record.Message == "block")
                {
                    _entered.Set();
                    _release.Wait();
                }
            },
            sink => sink.Name = $"stuck-{_id}"));
        builder.Services.Configure<LoguStyleLoggerOptions>(options =>
        {
            if (withIt())
            {
                options.Sinks.Add(removable());
            }
        });
        return builder.Build();
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
