using System.Reflection;
using LoguStyle.Formatting;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

/// <summary>
/// A chain of inner exceptions is written whole (configuration.md's <c>{exception}</c>: "then each inner exception"),
/// down to 100 inner levels; deeper, and at a cycle, a marker line says what was cut. The same in a text sink and
/// every <see cref="JsonFormat"/>, and read back equal by <see cref="LogFile.Read(string)"/>.
/// </summary>
public class ExceptionChainTests
{
    [Theory]
    [InlineData(12)]
    [InlineData(40)]
    [InlineData(41)]
    [InlineData(101)]
    public void EverySink_ChainWithinTheBound_IsWrittenWhole_TheRootCauseIncluded(int length)
    {
        var text = LogAndRead(Chain(length), out var read);

        Assert.Contains($" ---> System.InvalidOperationException: level {length - 1}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("more inner exception", text, StringComparison.Ordinal);
        foreach (var (format, back) in read)
        {
            // LoguStyle JSON nests 41 exceptions of a chain (json.md), so a default reader parses its line.
            var whole = format != JsonFormat.LoguStyle || length <= ExceptionTree.MaxJsonLevels + 1;
            Assert.Equal(format + ": " + (whole ? text : LoguStyleJsonText(length)), format + ": " + ExceptionText.Render(back, colored: false));
            Assert.Equal(whole ? length : ExceptionTree.MaxJsonLevels + 1, Depth(back));
        }
    }

    [Fact]
    public void EverySink_ChainDeeperThanTheBound_WritesTheFirst101_ThenSaysHowManyMore()
    {
        var text = LogAndRead(Chain(150), out var read);

        Assert.Contains(" ---> System.InvalidOperationException: level 100", text, StringComparison.Ordinal);
        Assert.DoesNotContain("level 101", text, StringComparison.Ordinal);
        Assert.EndsWith(Environment.NewLine + " ---> ... 49 more inner exceptions, deeper than 100 levels", text, StringComparison.Ordinal);
        foreach (var (format, back) in read)
        {
            Assert.Equal(format + ": " + (format == JsonFormat.LoguStyle ? LoguStyleJsonText(150) : text), format + ": " + ExceptionText.Render(back, colored: false));
        }
    }

    // What LoguStyle JSON keeps of a chain of length: levels 0 to 40, then its marker.
    private static string LoguStyleJsonText(int length) =>
        string.Join(
            Environment.NewLine,
            Enumerable.Range(0, ExceptionTree.MaxJsonLevels + 1).Select(i => (i == 0 ? string.Empty : " ---> ") + $"System.InvalidOperationException: level {i}")
                .Append($" ---> ... {length - ExceptionTree.MaxJsonLevels - 1} more inner exceptions, nested deeper than {ExceptionTree.MaxJsonLevels} levels in LoguStyle JSON"));

    [Fact]
    public void EverySink_InnerExceptionCycle_IsCutWithAMarker()
    {
        // .NET gives no way to build a cycle but reflection; a sink must still not loop on one.
        var first = new InvalidOperationException("first");
        var second = new ArgumentException("second", first);
        typeof(Exception).GetField("_innerException", BindingFlags.Instance | BindingFlags.NonPublic)!.SetValue(first, second);

        var text = LogAndRead(second, out var read);

        Assert.Equal(
            string.Join(
                Environment.NewLine,
                "System.ArgumentException: second",
                " ---> System.InvalidOperationException: first",
                " ---> ... System.ArgumentException again: an inner exception of itself"),
            text);
        foreach (var (format, back) in read)
        {
            Assert.Equal(format + ": " + text, format + ": " + ExceptionText.Render(back, colored: false));
        }
    }

    // Logs the exception through a text sink with the exception alone and a sink of each JsonFormat; returns the text
    // sink's exception text and each format's exception read back.
    private static string LogAndRead(Exception exception, out List<(JsonFormat Format, Exception Back)> read)
    {
        using var folder = new TempFolder();
        var options = new LoguStyleLoggerOptions();
        options.Sinks.Add(new FileSinkOptions(folder.File("app.log")) { Format = "{exception}" });
        foreach (var format in EveryJsonFormat.Formats)
        {
            options.Sinks.Add(new FileSinkOptions(EveryJsonFormat.File(folder, format)) { Serialize = true, JsonFormat = format });
        }

        using (var provider = new LoguStyleLoggerProvider(options))
        {
            provider.CreateLogger("Exception.Chain").LogError(exception, "failed");
        }

        read = [.. EveryJsonFormat.Formats.Select(format => (format, Assert.Single(LogFile.Read(EveryJsonFormat.File(folder, format))).Exception!))];
        // The {exception} token begins its text on a line of its own.
        return File.ReadAllText(folder.File("app.log")).Trim('\r', '\n');
    }

    // The exceptions of a simple chain as read back: LoguStyle's format reads the chain, the others its text.
    private static int Depth(Exception exception)
    {
        var text = exception.ToString();
        return text.Split(Environment.NewLine).Count(line => line.Contains("System.InvalidOperationException: level ", StringComparison.Ordinal));
    }

    private static Exception Chain(int length)
    {
        Exception? exception = null;
        for (var i = length - 1; i >= 0; i--)
        {
            exception = new InvalidOperationException($"level {i}", exception);
        }

        return exception!;
    }
}
