using System.Runtime.CompilerServices;
using System.Text.Json;
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
    public void SuccessAndLogNamed_AnInterpolatedStringWithoutHoles_KeepsTheCaller_AndItsBracesLiteral()
    {
        // C# makes a hole-less $"..." a constant string, which the template overload would take (losing the caller and
        // reading {{x}} as a hole); [OverloadResolutionPriority] sends it to the interpolated form, as Info($"...").
        var lines = new List<int>();
        var failure = new InvalidOperationException("x");
        var run = LogEverywhere(new LoguStyleLoggerOptions(), logger =>
        {
            logger.Success($"plain"); lines.Add(Line());
            logger.Success($"braces {{x}} kept"); lines.Add(Line());
            logger.Success(failure, $"with exception"); lines.Add(Line());
            logger.Success(new EventId(3), $"with event id"); lines.Add(Line());
            logger.Success(new EventId(4), failure, $"with both"); lines.Add(Line());
            logger.Log("SUCCESS", $"named"); lines.Add(Line());
            logger.Log("Warning", $"mel name {{y}}"); lines.Add(Line());
            logger.Log("SUCCESS", failure, $"named exception"); lines.Add(Line());
            logger.Log("SUCCESS", new EventId(5), $"named event id"); lines.Add(Line());
            logger.Log("SUCCESS", new EventId(6), failure, $"named both"); lines.Add(Line());
        });

        Assert.Equal(
            ["plain", "braces {x} kept", "with exception", "with event id", "with both", "named", "mel name {y}", "named exception", "named event id", "named both"],
            run.Records.Select(r => r.Message));
        Assert.All(run.Records, r => Assert.DoesNotContain(r.Properties, p => p.Key != "{OriginalFormat}"));
        Assert.Equal(
            lines.Select(l => (nameof(SuccessAndLogNamed_AnInterpolatedStringWithoutHoles_KeepsTheCaller_AndItsBracesLiteral), l)),
            run.Records.Select(r => (r.CallerFunction!, r.CallerLine)));
        using var json = JsonDocument.Parse(run.Json[JsonFormat.LoguStyle]);
        Assert.Equal(lines[^1], json.RootElement.GetProperty("line").GetInt32());
    }

    [Fact]
    public void SuccessAndLogNamed_TheTemplateForm_TakesArgumentsOfEveryType_AsHoles_NeverAsTheCaller()
    {
        var name = "Ada";
        string? nothing = null;
        var run = LogEverywhere(new LoguStyleLoggerOptions(), logger =>
        {
            logger.Success("User {Name}", name);
            logger.Success("User {Name} {File}", name, "f.cs");
            logger.Success("User {Name} {File} {Line}", name, "f.cs", 12);
            logger.Success("Null {Value}", nothing);
            logger.Success("Order {Id}", 7);
            logger.Success("Array {A} {B}", new object?[] { "a", 2 });
            logger.Log("SUCCESS", "User {Name}", name);
            logger.Log("SUCCESS", "User {Name} {File} {Line}", name, "f.cs", 12);
            logger.Success(new InvalidOperationException(), "User {Name}", name);
        });

        Assert.Equal(
            ["User Ada", "User Ada f.cs", "User Ada f.cs 12", "Null (null)", "Order 7", "Array a 2", "User Ada", "User Ada f.cs 12", "User Ada"],
            run.Records.Select(r => r.Message));
        Assert.All(run.Records, r => Assert.Equal((null, 0), (r.CallerFunction, r.CallerLine)));
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
