using System.Collections.Concurrent;
using LoguStyle.Hosting.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Support;

/// <summary>
/// Builds a real generic host whose configuration is an appsettings.json file in a temp folder (reloadOnChange),
/// wired as the default host wires logging, with LoguStyle added and a capturing sink named "capture".
/// </summary>
internal sealed class TestHost : IDisposable
{
    private readonly TempFolder _folder = new();

    // The test's own, disposed with it: the one AddJsonFile would make is never disposed when the host is not (a host
    // whose start-up fails), and each holds an inotify instance while it watches; a suite of hosts ran out of them
    // (the user limit is 128 here).
    private readonly PhysicalFileProvider _files;

    public TestHost(string loguStyleJson, Action<LoguStyleBuilder>? configure = null, string? logLevelJson = null)
    {
        SettingsPath = _folder.File("appsettings.json");
        WriteSettings(loguStyleJson, logLevelJson);

        _files = new PhysicalFileProvider(_folder.Path);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonFile(_files, Path.GetFileName(SettingsPath), optional: false, reloadOnChange: true);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddLoguStyle(log =>
        {
            log.AddSink(record => Captured.Enqueue(record), sink => sink.Name = "capture");
            configure?.Invoke(log);
        });
        Builder = builder;
    }

    public HostApplicationBuilder Builder { get; }

    public string SettingsPath { get; }

    public ConcurrentQueue<LogRecord> Captured { get; } = new();

    public IEnumerable<string> Messages => Captured.Select(r => r.Message);

    /// <summary>
    /// Replaces the settings file: written beside it and moved over it, so the watcher never reads half a file; or,
    /// <paramref name="inPlace"/>, rewritten where it is, as many editors save (the watcher then sees several changes).
    /// </summary>
    public void WriteSettings(string loguStyleJson, string? logLevelJson = null, bool inPlace = false)
    {
        var json = $$"""
            {
              "Logging": {
                "LogLevel": {{logLevelJson ?? """{ "Default": "Trace", "Microsoft": "None" }"""}},
                "LoguStyle": {{loguStyleJson}}
              }
            }
            """;

        if (inPlace)
        {
            File.WriteAllText(SettingsPath, json);
            return;
        }

        var temp = SettingsPath + ".tmp";
        File.WriteAllText(temp, json);
        File.Move(temp, SettingsPath, overwrite: true);
    }

    public void Dispose()
    {
        _files.Dispose();
        _folder.Dispose();
    }

    /// <summary>Builds and starts the host; returns it with its reloader and a logger.</summary>
    public async Task<(IHost Host, ConfigurationReloader Reloader, ILogger Logger)> StartAsync()
    {
        var host = Builder.Build();
        await host.StartAsync();
        return (host, host.Services.GetRequiredService<ConfigurationReloader>(), Logger(host));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> WaitUntil(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }

    public static ILogger Logger(IHost host, string category = "Tests.Category") =>
        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);
}
