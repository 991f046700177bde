using System.Collections.Concurrent;
using LoguStyle.Hosting.Tests.Support;
using LoguStyle.Sinks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Tests;

public class AddLoguStyleTests
{
    [Fact]
    public void AddLoguStyle_NoArgumentsNoConfiguration_GivesTheColouredConsoleSink()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddLoguStyle());
        using var provider = services.BuildServiceProvider();

        var loggerProvider = provider.GetServices<ILoggerProvider>().OfType<LoguStyleLoggerProvider>().Single();

        Assert.Equal(["console"], loggerProvider.SinkNames);
        Assert.Empty(provider.GetRequiredService<IOptions<LoguStyleLoggerOptions>>().Value.Sinks);
    }

    [Fact]
    public void AddLoguStyle_ASinkInCode_ReplacesTheDefaultConsole()
    {
        using var folder = new TempFolder();
        var path = folder.File("app.log");
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddLoguStyle(log => log.AddFile(path)));
        using var provider = services.BuildServiceProvider();

        Assert.Equal([path], provider.GetRequiredService<LoguStyleLoggerProvider>().SinkNames);
    }

    [Fact]
    public async Task AddLoguStyle_ASinkInConfiguration_ReplacesTheDefaultConsole()
    {
        using var folder = new TempFolder();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LoguStyle:Sinks:file:Type"] = "File",
            ["Logging:LoguStyle:Sinks:file:Path"] = folder.File("app.log"),
        });
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddLoguStyle();
        using var host = builder.Build();
        await host.StartAsync();

        Assert.Equal(["file"], host.Services.GetRequiredService<LoguStyleLoggerProvider>().SinkNames);
        await host.StopAsync();
    }

    [Fact]
    public void AddFile_NullRotationRetentionCompressionStrings_MeanLeftOut_NoThrowAtStartUp()
    {
        // A value read from settings that may be missing, passed as a string (Loguru's compression=None).
        using var folder = new TempFolder();
        var path = folder.File("app.log");
        string? missing = null;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddLoguStyle(log => log.AddFile(path, rotation: missing, retention: missing, compression: missing)));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ILoggerFactory>().CreateLogger("c").LogInformation("one record");
        provider.Dispose();

        Assert.Equal([path], Directory.GetFiles(folder.Path));
        Assert.Contains("one record", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddLoguStyle_CodeAndConfigurationSinks_Compose()
    {
        using var test = new TestHost("""{ "Sinks": { "errors": { "Type": "Console", "Stream": "Stderr", "Level": "Error" } } }""");
        using var host = test.Builder.Build();
        await host.StartAsync();

        var provider = host.Services.GetRequiredService<LoguStyleLoggerProvider>();
        var options = host.Services.GetRequiredService<IOptions<LoguStyleLoggerOptions>>().Value;

        Assert.Equal(["capture", "errors"], provider.SinkNames);
        var errors = Assert.IsType<ConsoleSinkOptions>(options.Sinks[1]);
        Assert.Equal(ConsoleOutput.Stderr, errors.Stream);
        Assert.Equal(LogLevel.Error, errors.Level);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("", true)]
    [InlineData(""" "LogUnhandledExceptions": false, """, false)]
    public async Task Configuration_LogUnhandledExceptions_IsBound_OnByDefault(string key, bool expected)
    {
        using var test = new TestHost($$"""{ {{key}} "Sinks": { "errors": { "Type": "Console", "Stream": "Stderr", "Level": "Error" } } }""");
        using var host = test.Builder.Build();
        await host.StartAsync();

        Assert.Equal(expected, host.Services.GetRequiredService<IOptions<LoguStyleLoggerOptions>>().Value.LogUnhandledExceptions);
        await host.StopAsync();
    }

    [Fact]
    public async Task Configuration_SinkNamedLikeACodeSink_ChangesThatSinksKeys()
    {
        using var test = new TestHost("""{ "Sinks": { "capture": { "Level": "Warning", "Filter": { "Noisy": "None" } } } }""");
        using var host = test.Builder.Build();
        await host.StartAsync();

        var logger = TestHost.Logger(host);
        logger.LogInformation("info");
        logger.LogWarning("warning");
        TestHost.Logger(host, "Noisy.Part").LogError("noisy");

        Assert.Equal(["warning"], test.Messages);
        await host.StopAsync();
    }

    [Fact]
    public async Task Configuration_ConsoleWithoutType_IsTheConsoleSink()
    {
        using var test = new TestHost("""{ "Sinks": { "console": { "Level": "Debug", "Colorize": "false" } } }""");
        using var host = test.Builder.Build();
        await host.StartAsync();

        var console = host.Services.GetRequiredService<IOptions<LoguStyleLoggerOptions>>().Value.Sinks.OfType<ConsoleSinkOptions>().Single();

        Assert.Equal(LogLevel.Debug, console.Level);
        Assert.Equal(ColorMode.Never, console.Colorize);
        await host.StopAsync();
    }

    [Fact]
    public async Task Configuration_FilterWithEmptyAndDefaultKeys_LongestPrefixWins()
    {
        using var test = new TestHost("""{ "Sinks": { "capture": { "Filter": { "": "Warning", "App": "Debug", "App.Quiet": "Error" } } } }""");
        using var host = test.Builder.Build();
        await host.StartAsync();

        TestHost.Logger(host, "Lib").LogInformation("lib-info");
        TestHost.Logger(host, "Lib").LogWarning("lib-warning");
        TestHost.Logger(host, "App.Orders").LogDebug("app-debug");
        TestHost.Logger(host, "App.Quiet.X").LogWarning("quiet-warning");
        TestHost.Logger(host, "App.Quiet.X").LogError("quiet-error");

        Assert.Equal(["lib-warning", "app-debug", "quiet-error"], test.Messages);
        var capture = host.Services.GetRequiredService<IOptions<LoguStyleLoggerOptions>>().Value.Sinks.Single(s => s.Name == "capture");
        Assert.Equal(LogLevel.Warning, capture.Filter[""]);
        await host.StopAsync();
    }

    [Fact]
    public async Task ProviderAlias_LogLevelSection_FiltersLikeForAnyProvider()
    {
        using var test = new TestHost("""{ "LogLevel": { "Default": "Warning" } }""");
        using var host = test.Builder.Build();
        await host.StartAsync();

        TestHost.Logger(host).LogInformation("info");
        TestHost.Logger(host).LogWarning("warning");

        Assert.Equal(["warning"], test.Messages);
        await host.StopAsync();
    }

    [Fact]
    public async Task TextSink_ScopesAndExceptions_AreRendered()
    {
        var lines = new ConcurrentQueue<string>();
        using var test = new TestHost("{}", log => log.AddTextSink(lines.Enqueue, text => { text.Format = "{scopes} | {level:u3} {message}{exception}"; text.Name = "text"; }));
        using var host = test.Builder.Build();
        await host.StartAsync();

        var logger = TestHost.Logger(host);
        using (logger.BeginScope("Request {RequestId}", 7))
        using (logger.BeginScope(new Dictionary<string, object> { ["OrderId"] = 42 }))
        {
            logger.LogError(new InvalidOperationException("boom"), "Failed {What}", "payment");
        }

        var text = Assert.Single(lines);
        Assert.StartsWith("Request 7 => OrderId=42 | ERR Failed payment\nSystem.InvalidOperationException: boom", text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public void LoggerFactoryWithoutHost_Works_AndDisposeFlushesQueuedSinks()
    {
        var delivered = new ConcurrentQueue<string>();
        var factory = LoggerFactory.Create(logging => logging
            .SetMinimumLevel(LogLevel.Trace)
            .AddLoguStyle(log => log.AddSink(async (record, ct) =>
            {
                await Task.Yield();
                delivered.Enqueue(record.Message);
            })));

        var logger = factory.CreateLogger("c");
        for (var i = 0; i < 2_000; i++)
        {
            logger.LogDebug("record {Index}", i);
        }

        factory.Dispose();

        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => $"record {i}"), delivered);
    }

    [Fact]
    public async Task HostStop_FlushesRecordsTheApplicationLogsWhileStopping()
    {
        var delivered = new ConcurrentQueue<string>();
        using var test = new TestHost("{}", log => log.AddSink(
            async (record, ct) =>
            {
                await Task.Yield();
                delivered.Enqueue(record.Message);
            },
            sink => sink.Name = "slow"));
        test.Builder.Services.AddHostedService<LogsWhileStopping>();
        using var host = test.Builder.Build();
        await host.StartAsync();

        await host.StopAsync();

        Assert.Equal(LogsWhileStopping.Count, delivered.Count(m => m.StartsWith("stopping ", StringComparison.Ordinal)));
        Assert.Equal("stopping 999", delivered.Last(m => m.StartsWith("stopping ", StringComparison.Ordinal)));
    }

    [Fact]
    public void AddLoguStyle_UnnamedSinksInTwoCalls_GetDistinctNames()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging
            .AddLoguStyle(log => log.AddSink(_ => { }))
            .AddLoguStyle(log => log.AddSink(_ => { }).AddTextSink(_ => { })));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["sink1", "sink2", "sink3"], provider.GetRequiredService<LoguStyleLoggerProvider>().SinkNames);
        Assert.Single(provider.GetServices<ILoggerProvider>().OfType<LoguStyleLoggerProvider>());
    }

    [Fact]
    public void AddLoguStyle_SinksWithoutAName_AreNamedAsDocumented()
    {
        using var folder = new TempFolder();
        var path = folder.File("app.log");
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddLoguStyle(log => log
            .AddSink(_ => { })
            .AddConsole()
            .AddFile(path)
            .AddTextSink(_ => { })
            .AddSink((_, _) => ValueTask.CompletedTask)));
        using var provider = services.BuildServiceProvider();

        // Console: "console"; File: its path; the delegate sinks: sink1, sink2, ... in the order added.
        Assert.Equal(["sink1", "console", path, "sink2", "sink3"], provider.GetRequiredService<LoguStyleLoggerProvider>().SinkNames);
    }

    [Fact]
    public void AddLoguStyle_TimeProviderInServices_TimesRecords()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var records = new List<LogRecord>();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddLogging(logging => logging.AddLoguStyle(log => log.AddSink(records.Add)));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ILoggerFactory>().CreateLogger("c").LogWarning("w");

        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), Assert.Single(records).Timestamp.ToUniversalTime());
    }

    private sealed class LogsWhileStopping(ILogger<LogsWhileStopping> logger) : IHostedService
    {
        public const int Count = 1_000;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            for (var i = 0; i < Count; i++)
            {
                logger.LogInformation("stopping {Index}", i);
            }

            return Task.CompletedTask;
        }
    }
}
