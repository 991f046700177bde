using System.Text.Json;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

#pragma warning disable CA1848, CA2254 // The template API is what is under test.

/// <summary>
/// Custom levels (issue 20.3) through the public API and MEL's own <c>LoggerFactory</c>: <c>logger.Success(...)</c> and
/// <c>logger.Log("NAME", ...)</c> reach every sink kind with the level's name, colour and icon, are filtered as their
/// base level everywhere, and a name nobody defined is logged at Information and reported once, never thrown.
/// </summary>
public partial class CustomLevelTests : IDisposable
{
    private const string Format = "<level>{level,-8}</level>|{level:u3}|{level:icon}|{message}";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Success_InEverySinkKind_IsWrittenWithItsNameColourAndIcon_AndItsBaseLevel()
    {
        var run = LogEverywhere(new LoguStyleLoggerOptions(), logger => logger.Success("Order {OrderId} paid", 7));

        Assert.Equal("\u001b[32;1mSUCCESS \u001b[0m|SUC|\u2705|Order 7 paid", run.Console.Single());
        Assert.Equal("SUCCESS |SUC|\u2705|Order 7 paid", run.Text.Single());
        AssertJson(run, "SUCCESS");
        var record = Assert.Single(run.Records);
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal("SUCCESS", record.LevelName);
        Assert.Equal("Order 7 paid", record.Message);
        Assert.Equal(7, Assert.Single(record.Properties).Value);

        // The template form takes no caller, as a plain MEL call (docs/api.md, caller info).
        Assert.Equal((null, null, 0), (record.CallerFunction, record.CallerFilePath, record.CallerLine));
    }

    [Fact]
    public void Success_ReadBackByLogFileRead_InEveryJsonFormat_HasItsNameAndItsBase()
    {
        LogEverywhere(new LoguStyleLoggerOptions(), logger => logger.Success("Order {OrderId} paid", 7));

        foreach (var format in Enum.GetValues<JsonFormat>())
        {
            var record = Assert.Single(LogFile.Read(_folder.File($"app.{format}.json")));
            Assert.Equal((LogLevel.Information, "SUCCESS"), (record.Level, record.LevelName));
            Assert.Equal(["OrderId"], record.Properties.Select(p => p.Key));
        }
    }

    [Fact]
    public void Log_ACustomLevelDefinedInCode_IsFoundIgnoringCase_AndWrittenAsDeclared()
    {
        var name = Unique("Notice");
        var options = new LoguStyleLoggerOptions { CustomLevels = { [name] = new CustomLevel { Base = LogLevel.Warning, Color = "<cyan>", Icon = "!" } } };

        var run = LogEverywhere(options, logger => logger.Log(name.ToUpperInvariant(), "Disk {Percent}% full", 91));

        Assert.Equal($"\u001b[36m{name,-8}\u001b[0m|NOT|!|Disk 91% full", run.Console.Single());
        AssertJson(run, name, LogLevel.Warning);
        Assert.Equal(LogLevel.Warning, Assert.Single(run.Records).Level);
    }

    [Fact]
    public void Success_RestyledInOptions_KeepsItsNameAndBase()
    {
        var options = new LoguStyleLoggerOptions { CustomLevels = { ["success"] = new CustomLevel { Color = "<magenta>" } } };

        var run = LogEverywhere(options, logger => logger.Success("done"));

        Assert.Equal("\u001b[35mSUCCESS \u001b[0m|SUC|\u2705|done", run.Console.Single());
    }

    [Fact]
    public void CustomLevels_AreFilteredAsTheirBase_BySinkLevel_SinkFilter_AndMelsFilter()
    {
        var alert = Unique("Alert");
        var options = new LoguStyleLoggerOptions { CustomLevels = { [alert] = new CustomLevel { Base = LogLevel.Error } } };
        var all = new List<(string, string?)>();
        var bySinkLevel = new List<string>();
        var bySinkFilter = new List<string>();
        options.Sinks.Add(new DelegateSinkOptions("all", r => all.Add((r.Category, r.LevelName))));
        options.Sinks.Add(new DelegateSinkOptions("level", r => bySinkLevel.Add(r.LevelName!)) { Level = LogLevel.Warning });
        options.Sinks.Add(new DelegateSinkOptions("filter", r => bySinkFilter.Add(r.Category)) { Filter = { ["Noisy"] = LogLevel.Warning } });
        using var provider = new LoguStyleLoggerProvider(options);
        using (var factory = LoggerFactory.Create(b => b.AddProvider(provider).AddFilter("Quiet", LogLevel.Warning)))
        {
            foreach (var category in new[] { "Noisy.Cache", "Quiet.Cache" })
            {
                var logger = factory.CreateLogger(category);
                logger.Success("s");
                logger.Log(alert, "a");
            }
        }

        // SUCCESS (Information) stops at every Warning threshold: MEL's filter of Quiet, the sink's Level, the sink's
        // Filter for Noisy; the alert (Error) passes each of them.
        Assert.Equal([("Noisy.Cache", "SUCCESS"), ("Noisy.Cache", alert), ("Quiet.Cache", alert)], all);
        Assert.Equal([alert, alert], bySinkLevel);
        Assert.Equal(["Noisy.Cache", "Quiet.Cache"], bySinkFilter);
    }

    [Fact]
    public void Log_ANameNobodyDefined_IsWrittenAtInformation_AndReportedOnceOnStderr()
    {
        var typo = Unique("SUCESS");
        var errors = new StringWriter();
        LevelRegistry.ErrorOutput = errors;
        try
        {
            var run = LogEverywhere(new LoguStyleLoggerOptions(), logger =>
            {
                logger.Log(typo, "first {N}", 1);
                logger.Log(typo, "second {N}", 2);
            });

            Assert.Equal(["INFO    |INF|\u2139\uFE0F|first 1", "INFO    |INF|\u2139\uFE0F|second 2"], run.Text);
            Assert.All(run.Records, r => Assert.Null(r.LevelName));
            var report = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"logger.Log(\"{typo}\", ...) names no level; the record was logged at Information.", report, StringComparison.Ordinal);
            Assert.Contains("SUCCESS", report, StringComparison.Ordinal);
        }
        finally
        {
            LevelRegistry.ErrorOutput = null;
        }
    }

    [Fact]
    public void Log_AMelLevelByName_IsThatLevel_WithoutAName()
    {
        var run = LogEverywhere(new LoguStyleLoggerOptions(), logger => logger.Log("warning", "w"));

        Assert.Equal("WARNING |WRN|\u26A0\uFE0F|w", run.Text.Single());
        Assert.Null(Assert.Single(run.Records).LevelName);
    }

    [Fact]
    public void Success_ARecordLoggedWhileItsMessageIsRendered_DoesNotTakeTheName()
    {
        var records = new List<LogRecord>();
        var options = new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("d", records.Add) } };
        using var provider = new LoguStyleLoggerProvider(options);
        using var factory = LoggerFactory.Create(b => b.AddProvider(provider));
        var logger = factory.CreateLogger("c");

        logger.Success("outer {Value}", new LogsWhenFormatted(logger));

        Assert.Equal([("inner", (string?)null), ("outer inner", "SUCCESS")], records.Select(r => (r.Message, r.LevelName)).Order());
    }

    [Theory]
    [InlineData("1ABC", LogLevel.Information, null, "'1ABC' is not a level name")]
    [InlineData("has space", LogLevel.Information, null, "is not a level name")]
    [InlineData("Warning", LogLevel.Warning, null, "'Warning' is one of MEL's own levels")]
    [InlineData("OK_NONE", LogLevel.None, null, "Base 'None' of level 'OK_NONE' is not a level")]
    [InlineData("OK_COLOR", LogLevel.Information, "<nocolour>", "Color of level 'OK_COLOR'")]
    [InlineData("SUCCESS", LogLevel.Warning, null, "level 'SUCCESS' has base Information in this process")]
    public void Provider_ABadCustomLevelInCode_ThrowsArgumentException_NamingIt(string name, LogLevel baseLevel, string? color, string expected)
    {
        var options = new LoguStyleLoggerOptions { CustomLevels = { [name] = new CustomLevel { Base = baseLevel, Color = color } } };

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options).Dispose());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Provider_ALevelsBaseChangedByAnotherProvider_IsRefused()
    {
        var name = Unique("Fixed");
        new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { CustomLevels = { [name] = new CustomLevel { Base = LogLevel.Debug } }, Sinks = { new DelegateSinkOptions("d", _ => { }) } }).Dispose();

        var error = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { CustomLevels = { [name] = new CustomLevel { Base = LogLevel.Error } }, Sinks = { new DelegateSinkOptions("d", _ => { }) } }).Dispose());

        Assert.Contains($"level '{name}' has base Debug in this process", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A name no other test defines: the names are process-wide.</summary>
    private static string Unique(string stem) => stem + "_" + Guid.NewGuid().ToString("N")[..8];

    private static void AssertJson(Run run, string name, LogLevel level = LogLevel.Information)
    {
        using var own = JsonDocument.Parse(run.Json[JsonFormat.LoguStyle]);
        Assert.Equal(level == LogLevel.Information ? "INFO" : level.ToString().ToUpperInvariant(), own.RootElement.GetProperty("level").GetString());
        Assert.Equal(name, own.RootElement.GetProperty("levelName").GetString());
        Assert.Equal(["time", "level", "levelName", "category"], own.RootElement.EnumerateObject().Take(4).Select(p => p.Name));

        using var clef = JsonDocument.Parse(run.Json[JsonFormat.Clef]);
        Assert.Equal(level == LogLevel.Information, !clef.RootElement.TryGetProperty("@l", out _));
        Assert.Equal(name, clef.RootElement.GetProperty("LevelName").GetString());

        using var ecs = JsonDocument.Parse(run.Json[JsonFormat.Ecs]);
        Assert.Equal(level.ToString(), ecs.RootElement.GetProperty("log.level").GetString());
        Assert.Equal(name, ecs.RootElement.GetProperty("logustyle").GetProperty("levelName").GetString());

        using var otel = JsonDocument.Parse(run.Json[JsonFormat.Otel]);
        Assert.Equal(level == LogLevel.Information ? 9 : 13, otel.RootElement.GetProperty("severityNumber").GetInt32());
        Assert.Equal(name, otel.RootElement.GetProperty("severityText").GetString());
    }

    /// <summary>Logs through MEL's LoggerFactory into a console, a text file, a JSON file per format and a delegate sink.</summary>
    private Run LogEverywhere(LoguStyleLoggerOptions options, Action<ILogger> log)
    {
        var console = new MemoryConsole();
        var records = new List<LogRecord>();
        options.Sinks.Add(console.Sink(format: Format, colorize: ColorMode.Always));
        options.Sinks.Add(new FileSinkOptions(_folder.File("app.log")) { Format = Format });
        foreach (var format in Enum.GetValues<JsonFormat>())
        {
            options.Sinks.Add(new FileSinkOptions(_folder.File($"app.{format}.json")) { Serialize = true, JsonFormat = format });
        }

        options.Sinks.Add(new DelegateSinkOptions("records", records.Add));
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            using var factory = LoggerFactory.Create(b => b.AddProvider(provider));
            log(factory.CreateLogger("Shop.Orders"));
        }

        return new Run(
            console.Lines,
            File.ReadAllLines(_folder.File("app.log")),
            Enum.GetValues<JsonFormat>().ToDictionary(f => f, f => File.ReadAllLines(_folder.File($"app.{f}.json"))[^1]),
            records);
    }

    private sealed record Run(string[] Console, string[] Text, Dictionary<JsonFormat, string> Json, List<LogRecord> Records);

    private sealed class LogsWhenFormatted(ILogger logger)
    {
        public override string ToString()
        {
            logger.LogInformation("inner");
            return "inner";
        }
    }
}
