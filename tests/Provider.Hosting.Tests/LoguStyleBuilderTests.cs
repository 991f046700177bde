using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Tests;

/// <summary>The builder's two forms of each sink: the Loguru one-liner and the complete form over the options object.</summary>
public class LoguStyleBuilderTests
{
    [Fact]
    public void AddFile_OneLinerAndCompleteForm_DescribeTheSameSink()
    {
        using var folder = new TempFolder();
        var path = folder.File("app.log");

        // No format: a Format beside Serialize is refused at start-up, since JSON lines leave it unused (OptionsCheckTests).
        var oneLiner = SinksOf(log => log.AddFile(
            path, rotation: "10 MB", retention: 5, compression: "gz", level: LogLevel.Debug, serialize: true, jsonFormat: JsonFormat.Ecs, enqueue: true));
        var complete = SinksOf(log => log.AddFile(path, file =>
        {
            file.Rotation = "10 MB";
            file.Retention = 5;
            file.Compression = "gz";
            file.Level = LogLevel.Debug;
            file.Serialize = true;
            file.JsonFormat = JsonFormat.Ecs;
            file.Enqueue = true;
        }));

        var (a, b) = (Assert.IsType<FileSinkOptions>(Assert.Single(oneLiner)), Assert.IsType<FileSinkOptions>(Assert.Single(complete)));
        Assert.Equal(Describe(a), Describe(b));
        Assert.Equal(path, b.Name);
    }

    [Theory]
    [InlineData(JsonFormat.Clef, "@t")]
    [InlineData(JsonFormat.Ecs, "@timestamp")]
    [InlineData(JsonFormat.Otel, "timeUnixNano")]
    public void AddFile_OneLinerWithJsonFormat_WritesLinesOfThatFormat(JsonFormat jsonFormat, string timeField)
    {
        using var folder = new TempFolder();
        var path = folder.File("app.json");
        using (var factory = LoggerFactory.Create(logging => logging.AddLoguStyle(log => log.AddFile(path, serialize: true, jsonFormat: jsonFormat))))
        {
            factory.CreateLogger("Sample.Orders").LogInformation("Order {OrderId} placed", 42);
        }

        using var line = System.Text.Json.JsonDocument.Parse(Assert.Single(File.ReadAllLines(path)));
        Assert.True(line.RootElement.TryGetProperty(timeField, out _), line.RootElement.GetRawText());
        Assert.Equal("Order 42 placed", Assert.Single(LogFile.Read(path)).Message);
    }

    [Fact]
    public void AddFile_CompleteForm_SetsWhatTheOneLinerLeavesOut()
    {
        using var folder = new TempFolder();
        var path = folder.File("app.log");

        var sink = Assert.IsType<FileSinkOptions>(Assert.Single(SinksOf(log => log.AddFile(path, file =>
        {
            file.Name = "audit";
            file.Shared = true;
            file.AutoFlush = true;
            file.Delay = true;
            file.Watch = true;
            file.RotateOnShutdown = true;
            file.SingleLine = true;
            file.QueueCapacity = 50;
            file.QueueFullMode = QueueFullMode.DropWrite;
            file.Filter["Microsoft"] = LogLevel.Warning;
        }))));

        Assert.Equal(
            "audit|True|True|True|True|True|True|50|DropWrite|Microsoft=Warning",
            $"{sink.Name}|{sink.Shared}|{sink.AutoFlush}|{sink.Delay}|{sink.Watch}|{sink.RotateOnShutdown}|{sink.SingleLine}|{sink.QueueCapacity}|{sink.QueueFullMode}|{string.Join(",", sink.Filter.Select(f => $"{f.Key}={f.Value}"))}");
    }

    [Fact]
    public void AddConsole_OneLinerAndCompleteForm_DescribeTheSameSink()
    {
        var filter = new Dictionary<string, LogLevel> { [""] = LogLevel.Information, ["Noisy.Lib"] = LogLevel.Error };

        var oneLiner = SinksOf(log => log.AddConsole("{message}", LogLevel.Debug, ColorMode.Never, ConsoleOutput.Stderr, filter));
        var complete = SinksOf(log => log.AddConsole(console =>
        {
            console.Format = "{message}";
            console.Level = LogLevel.Debug;
            console.Colorize = ColorMode.Never;
            console.Stream = ConsoleOutput.Stderr;
            console.Filter[""] = LogLevel.Information;
            console.Filter["Noisy.Lib"] = LogLevel.Error;
        }));

        Assert.Equal(Describe(Assert.Single(oneLiner)), Describe(Assert.Single(complete)));
        Assert.Equal("console", Assert.Single(complete).Name);
    }

    [Fact]
    public void AddSink_CompleteForms_ANamedDelegateSinkTakesNoNumber()
    {
        var sinks = SinksOf(log => log
            .AddSink(_ => { }, sink => sink.Name = "audit")
            .AddSink(_ => { }, sink => sink.Enqueue = true)
            .AddTextSink(_ => { }, text => text.Name = "text")
            .AddSink((_, _) => ValueTask.CompletedTask, sink => sink.Level = LogLevel.Critical)
            .AddTextSink(_ => { }, text => text.Serialize = true));

        Assert.Equal(["audit", "sink1", "text", "sink2", "sink3"], sinks.Select(sink => sink.Name));
        Assert.True(sinks[1].Enqueue);
        Assert.Equal(LogLevel.Critical, sinks[3].Level);
        Assert.True(sinks[4].Serialize);
    }

    [Fact]
    public void AddSink_OneLiner_SetsLevelAndPredicate()
    {
        Func<LogRecord, bool> predicate = record => record.Message.Contains("pay", StringComparison.Ordinal);

        var sink = Assert.Single(SinksOf(log => log.AddSink(_ => { }, level: LogLevel.Error, predicate: predicate)));

        Assert.Equal((LogLevel.Error, predicate, "sink1"), (sink.Level, sink.Predicate, sink.Name));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Name_Blank_IsRefusedWhereItIsSet(string name)
    {
        Assert.Throws<ArgumentException>(() => SinksOf(log => log.AddConsole(console => console.Name = name)));
    }

    [Fact]
    public async Task AddConsole_ReadmesStdoutAndStderrSplit_StartsWithTwoConsolesOfTheirOwnBands()
    {
        // README.md's row for Loguru's stdout sink below WARNING beside a stderr sink from WARNING up: the second
        // console needs a name of its own (an unnamed console is "console"), so the row names it.
        using var test = new TestHost("{}", log => log
            .AddConsole(console => console.MaxLevel = LogLevel.Information)
            .AddConsole(console => { console.Name = "errors"; console.Stream = ConsoleOutput.Stderr; console.Level = LogLevel.Warning; }));
        using var host = test.Builder.Build();
        await host.StartAsync();
        var sinks = host.Services.GetRequiredService<IOptions<LoguStyleLoggerOptions>>().Value.Sinks;
        await host.StopAsync();

        var (stdout, stderr) = (Assert.IsType<ConsoleSinkOptions>(sinks[1]), Assert.IsType<ConsoleSinkOptions>(sinks[2]));
        Assert.Equal(("console", ConsoleOutput.Stdout, LogLevel.Trace, LogLevel.Information), (stdout.Name, stdout.Stream, stdout.Level, stdout.MaxLevel));
        Assert.Equal(("errors", ConsoleOutput.Stderr, LogLevel.Warning), (stderr.Name, stderr.Stream, stderr.Level));
    }

    private static List<SinkOptions> SinksOf(Action<LoguStyleBuilder> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddLoguStyle(configure));
        using var provider = services.BuildServiceProvider();
        return [.. provider.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue.Sinks];
    }

    /// <summary>Every public property of a sink's options, as text (a filter as its pairs), to compare two sinks whole.</summary>
    private static string Describe(SinkOptions sink) => string.Join(
        "\n",
        sink.GetType().GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.GetValue(sink) switch
        {
            IDictionary<string, LogLevel> filter => $"{p.Name}={string.Join(",", filter.Select(f => $"{f.Key}:{f.Value}"))}",
            var value => $"{p.Name}={value}",
        }));
}
