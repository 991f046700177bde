using System.Text.Json;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// The exceptions of the Native AOT app in every format (docs/json.md: each format's stack text is the
/// <c>{exception}</c> token's, without native offsets, state-machine names or the machinery of await): the app's
/// logs/errors sinks (a text file and a file per <see cref="JsonFormat"/>) get an exception with an inner one, one
/// thrown through a chain of async methods with an async inner exception, an AggregateException of two failed
/// tasks, and one thrown through generic code (async methods and an iterator of generic types and methods, an async
/// lambda, a generic async local function). A partial of <see cref="AotPublishTests"/> so the slow publish is shared.
/// </summary>
public partial class AotPublishTests
{
    private const string Shipping =
        "System.InvalidOperationException: Shipping refused order 7\n" +
        "   at Shipping.ShipAsync(...)\n" +
        "   at Program.<Main>$(...)\n" +
        " ---> System.TimeoutException: The warehouse did not answer for order 7\n" +
        "   at Shipping.CheckStockAsync(...)\n" +
        "   at Shipping.ReserveAsync(...)\n" +
        "   at Shipping.ShipAsync(...)";

    // Generic code (Generics in tests/Provider.AotApp): each frame reads as its method, as a plain one does.
    private const string Generics =
        "System.InvalidOperationException: No slot for 7 in north\n" +
        "   at Shelf`1.Slot`1.Slots(...)\n" +
        "   at Shelf`1.Slot`1.FillAsync(...)\n" +
        "   at Store`1.<>c__DisplayClass0_0.<SaveAsync>b__0(...)\n" +
        "   at Store`1.SaveAsync(...)\n" +
        "   at Generics.HopAsync(...)\n" +
        "   at Generics.<RunAsync>g__Hop|0_0(...)\n" +
        "   at Generics.RunAsync(...)\n" +
        "   at Program.<Main>$(...)";

    [Fact]
    public void AsyncException_RawNativeAotText_HasTheNoiseTheLogsCleanAway()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        // .NET's own ToString() of the exception the other tests read cleaned: were LoguStyle to write it as it is,
        // their offsets, MoveNext and line checks would fail.
        var raw = File.ReadAllText(Path.Combine(run.Logs, "raw", "shipping.txt"));
        Assert.Contains(" + 0x", raw, StringComparison.Ordinal);
        Assert.Contains("<ShipAsync>d__", raw, StringComparison.Ordinal);
        Assert.Contains(".MoveNext()", raw, StringComparison.Ordinal);

        // A generic state machine carries its arity: <HopAsync>d__1`2 (outside test of issue 18: it was kept as it was).
        var generic = File.ReadAllText(Path.Combine(run.Logs, "raw", "generics.txt"));
        Assert.Contains("<HopAsync>d__1`2.MoveNext() + 0x", generic, StringComparison.Ordinal);
        Assert.Contains("<Slots>d__1`1.MoveNext() + 0x", generic, StringComparison.Ordinal);
    }

    [Fact]
    public void TextSink_AsyncInnerAggregateAndGenericExceptions_ReadWithTheirMethodNamesAndNoNativeNoise()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var records = TextRecords();
        Assert.Equal(
            ["Payment failed for order 7", "Shipping failed for order 7", "Labels failed for order 7", "Generics failed for order 7"],
            records.Select(r => r.Message));
        Assert.Equal(Shipping, records[1].Exception);
        Assert.Equal(Generics, records[3].Exception);
        AssertAggregate(records[2].Exception);
        foreach (var (_, exception) in records)
        {
            AssertClean(exception);
        }
    }

    [Fact]
    public void LoguStyleJson_Exceptions_HaveTypeMessageInnerAndCleanStacks()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var lines = ErrorLines("logustyle");
        using var shipping = JsonDocument.Parse(lines[1]);
        var exception = shipping.RootElement.GetProperty("exception");
        Assert.Equal("System.InvalidOperationException", exception.GetProperty("type").GetString());
        Assert.Equal("Shipping refused order 7", exception.GetProperty("message").GetString());
        Assert.Equal("   at Shipping.ShipAsync(...)\n   at Program.<Main>$(...)", exception.GetProperty("stack").GetString());
        var inner = exception.GetProperty("inner");
        Assert.Equal("System.TimeoutException", inner.GetProperty("type").GetString());
        Assert.Equal("The warehouse did not answer for order 7", inner.GetProperty("message").GetString());
        Assert.Equal("   at Shipping.CheckStockAsync(...)\n   at Shipping.ReserveAsync(...)\n   at Shipping.ShipAsync(...)", inner.GetProperty("stack").GetString());

        using var labels = JsonDocument.Parse(lines[2]);
        var aggregate = labels.RootElement.GetProperty("exception");
        Assert.Equal("System.AggregateException", aggregate.GetProperty("type").GetString());
        Assert.Contains("at Program.<Main>$(...)", aggregate.GetProperty("stack").GetString(), StringComparison.Ordinal);
        var children = aggregate.GetProperty("inner").EnumerateArray().ToList();
        Assert.Equal(["No label printer in north", "No label printer in south"], children.Select(c => c.GetProperty("message").GetString()));
        Assert.All(children, c => Assert.Equal("System.IO.IOException", c.GetProperty("type").GetString()));
        Assert.All(children, c => Assert.Equal("   at Shipping.LabelAsync(...)", c.GetProperty("stack").GetString()));
        foreach (var line in lines)
        {
            AssertClean(line);
        }
    }

    [Theory]
    [InlineData("clef")]
    [InlineData("ecs")]
    [InlineData("otel")]
    public void OtherJsonFormats_Exceptions_AreTheTextSinksCleanText_WithTypeAndMessage(string format)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var text = TextRecords();
        var lines = ErrorLines(format);
        Assert.Equal(text.Count, lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            var (type, message, stack) = ExceptionFields(format, json.RootElement);
            Assert.Equal(text[i].Exception, stack);
            Assert.Equal(text[i].Exception[..text[i].Exception.IndexOf(':', StringComparison.Ordinal)], type);
            if (format != "clef")
            {
                Assert.StartsWith(message + "\n", text[i].Exception[(type.Length + 2)..], StringComparison.Ordinal);
            }
        }
    }

    private static void AssertAggregate(string exception)
    {
        Assert.StartsWith("System.AggregateException: One or more errors occurred. (No label printer in north) (No label printer in south)\n", exception, StringComparison.Ordinal);
        Assert.Contains("\n   at Program.<Main>$(...)\n", exception, StringComparison.Ordinal);
        Assert.EndsWith(
            "\n ---> (Inner Exception #0) System.IO.IOException: No label printer in north\n   at Shipping.LabelAsync(...)" +
            "\n ---> (Inner Exception #1) System.IO.IOException: No label printer in south\n   at Shipping.LabelAsync(...)",
            exception,
            StringComparison.Ordinal);
    }

    // What docs/json.md and docs/configuration.md promise a Native AOT stack is without; in JSON a line break is "\n".
    private static void AssertClean(string text)
    {
        foreach (var noise in new[] { " + 0x", "MoveNext", ">d__", "End of stack trace", "TaskAwaiter", "AsyncTaskMethodBuilder", "AsyncMethodBuilderCore", "ExceptionDispatchInfo", ":line " })
        {
            Assert.DoesNotContain(noise, text, StringComparison.Ordinal);
        }
    }

    private static (string Type, string Message, string Stack) ExceptionFields(string format, JsonElement root)
    {
        switch (format)
        {
            case "clef":
                // CLEF has only @x; a reader takes type and message from its first line (docs/json.md).
                var x = root.GetProperty("@x").GetString()!;
                return (x[..x.IndexOf(':', StringComparison.Ordinal)], string.Empty, x);
            case "ecs":
                return (root.GetProperty("error.type").GetString()!, root.GetProperty("error.message").GetString()!, root.GetProperty("error.stack_trace").GetString()!);
            default:
                var attributes = root.GetProperty("attributes").EnumerateArray()
                    .Where(a => a.GetProperty("value").TryGetProperty("stringValue", out _))
                    .ToDictionary(a => a.GetProperty("key").GetString()!, a => a.GetProperty("value").GetProperty("stringValue").GetString()!);
                return (attributes["exception.type"], attributes["exception.message"], attributes["exception.stacktrace"]);
        }
    }

    /// <summary>The records of logs/errors/errors.log (<c>{level:u3} {message}{exception}</c>): a record starts at "ERR ".</summary>
    private List<(string Message, string Exception)> TextRecords()
    {
        var records = new List<(string Message, List<string> Lines)>();
        foreach (var line in File.ReadAllLines(Path.Combine(run.Logs, "errors", "errors.log")))
        {
            if (line.StartsWith("ERR ", StringComparison.Ordinal))
            {
                records.Add((line[4..], []));
            }
            else
            {
                records[^1].Lines.Add(line);
            }
        }

        return [.. records.Select(r => (r.Message, string.Join('\n', r.Lines)))];
    }

    private List<string> ErrorLines(string format) =>
        [.. File.ReadAllLines(Path.Combine(run.Logs, "errors", $"errors.{format}.json")).Where(l => l.Length > 0)];
}
