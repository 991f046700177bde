using System.Runtime.CompilerServices;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

/// <summary>
/// <c>logger.Success($"...")</c> and <c>logger.Log("NAME", $"...")</c>: the interpolated handler's structure (template,
/// names, typed values, the caller) with the level's name, filtered as its base, holes not evaluated when it is off.
/// </summary>
public partial class CustomLevelTests
{
    private int _evaluated;

    [Fact]
    public void SuccessInterpolated_InEverySinkKind_HasItsNameTheTemplateTypedValuesAndTheCaller()
    {
        var orderId = 7;
        var total = 12.5m;
        var line = 0;
        var run = LogEverywhere(new LoguStyleLoggerOptions(), logger =>
        {
            logger.Success($"Order {orderId} paid {total:F2}"); line = Line();
        });

        Assert.Equal("\u001b[32;1mSUCCESS \u001b[0m|SUC|\u2705|Order 7 paid 12.50", run.Console.Single());
        Assert.Equal("SUCCESS |SUC|\u2705|Order 7 paid 12.50", run.Text.Single());
        AssertJson(run, "SUCCESS");
        var record = Assert.Single(run.Records);
        Assert.Equal((LogLevel.Information, "SUCCESS"), (record.Level, record.LevelName));
        Assert.Equal("Order {orderId} paid {total:F2}", record.Template);
        Assert.Equal([new KeyValuePair<string, object?>("orderId", 7), new("total", 12.5m)], record.Properties);
        Assert.Equal((nameof(SuccessInterpolated_InEverySinkKind_HasItsNameTheTemplateTypedValuesAndTheCaller), line), (record.CallerFunction, record.CallerLine));
    }

    [Fact]
    public void LogNamedInterpolated_ACustomLevel_IsWrittenAsDeclaredAtItsBase_WithExceptionAndEventId()
    {
        var name = Unique("Notice");
        var options = new LoguStyleLoggerOptions { CustomLevels = { [name] = new CustomLevel { Base = LogLevel.Warning, Color = "<cyan>", Icon = "!" } } };
        var percent = 91;
        var failure = new InvalidOperationException("disk");

        var run = LogEverywhere(options, logger => logger.Log(name.ToUpperInvariant(), new EventId(5, "Disk"), failure, $"Disk {percent}% full"));

        Assert.Equal($"\u001b[36m{name,-8}\u001b[0m|NOT|!|Disk 91% full", run.Console[0]);
        AssertJson(run, name, LogLevel.Warning);
        var record = Assert.Single(run.Records);
        Assert.Equal((LogLevel.Warning, name, 5, "Disk {percent}% full"), (record.Level, record.LevelName, record.EventId.Id, record.Template));
        Assert.Same(failure, record.Exception);
        Assert.Equal(91, Assert.Single(record.Properties).Value);
    }

    [Fact]
    public void SuccessAndLogNamedInterpolated_BaseLevelOff_EvaluateNoHole_LogNothing()
    {
        var options = new LoguStyleLoggerOptions();
        var records = new List<LogRecord>();
        options.Sinks.Add(new DelegateSinkOptions("records", records.Add) { Level = LogLevel.Warning });
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            var logger = provider.CreateLogger("c");
            logger.Success($"{Evaluate()}");
            logger.Success(new InvalidOperationException(), $"{Evaluate()}");
            logger.Log("SUCCESS", $"{Evaluate()}");
            logger.Log("debug", new EventId(1), $"{Evaluate()}");
            logger.Log("WARNING", $"kept {Evaluate()}");
        }

        Assert.Equal(1, _evaluated);
        Assert.Equal(["kept 1"], records.Select(r => r.Message));
        Assert.Null(records[0].LevelName);
    }

    [Fact]
    public void LogNamedInterpolated_AnUnknownName_IsLoggedAtInformationAndReported_NeverThrown()
    {
        var errors = new StringWriter();
        var previous = LevelRegistry.ErrorOutput;
        LevelRegistry.ErrorOutput = errors;
        try
        {
            var name = Unique("Nope");
            var value = 3;
            var run = LogEverywhere(new LoguStyleLoggerOptions(), logger => logger.Log(name, $"value {value}"));

            var record = Assert.Single(run.Records);
            Assert.Equal((LogLevel.Information, null, "value 3"), (record.Level, record.LevelName, record.Message));
            Assert.Contains(name, errors.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            LevelRegistry.ErrorOutput = previous;
        }
    }

    private int Evaluate() => ++_evaluated;

    private static int Line([CallerLineNumber] int line = 0) => line;
}
