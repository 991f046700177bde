using LoguStyle.Tool.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tool.Tests;

/// <summary>
/// <c>logu view</c> (a real process) of exceptions in each JSON format prints what the text sink with the default
/// layout printed (tool.md): their <c>Data</c> lines, a CR LF inside a message, an aggregate's children and a chain
/// deeper than the written bound with its marker.
/// </summary>
public sealed class LoguViewExceptionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<JsonFormat> EveryFormat => LoguViewTests.EveryFormat;

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public async Task View_Exceptions_PrintWhatTheDefaultTextSinkPrinted(JsonFormat format)
    {
        var json = _folder.File("app.json");
        var text = _folder.File("app.log");
        Exception[] exceptions = [WithData(Thrown(new InvalidOperationException("with data"))), Thrown(new ArgumentException("outer", Thrown(new InvalidOperationException("inner cr\r\nlf")))), Thrown(new AggregateException("both", WithData(new TimeoutException("first")), new InvalidOperationException("second\r\nline"))), Chain(120)];
        SinkFiles.Write(
            [new FileSinkOptions(json) { Serialize = true, JsonFormat = format }, new FileSinkOptions(text)],
            exceptions.Length,
            (logger, i) => logger.LogError(exceptions[i], "failed {Index}", i));

        var run = await Logu.RunAsync(_folder.Path, "view", json);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.StandardError));
        var expected = await File.ReadAllTextAsync(text);
        Assert.Contains("   Data: OrderId = 42", expected, StringComparison.Ordinal);
        Assert.Equal(format == JsonFormat.LoguStyle ? LoguStyleJsonChain(expected) : expected, run.StandardOutput);
    }

    // LoguStyle JSON nests 41 exceptions of a chain, so a reader with the default depth of 64 parses it (json.md): of the
    // 120-deep chain, levels 41 to 100 and the text's marker give way to LoguStyle JSON's marker of the 79 it cut.
    private static string LoguStyleJsonChain(string expected)
    {
        var newLine = Environment.NewLine;
        var from = expected.IndexOf(newLine + " ---> System.InvalidOperationException: level 41" + newLine, StringComparison.Ordinal);
        const string TextMarker = " ---> ... 19 more inner exceptions, deeper than 100 levels";
        var to = expected.IndexOf(TextMarker, StringComparison.Ordinal) + TextMarker.Length;
        Assert.True(from > 0 && to > from, "the text sink's 120-deep chain");
        return expected[..from] + newLine + " ---> ... 79 more inner exceptions, nested deeper than 40 levels in LoguStyle JSON" + expected[to..];
    }

    private static Exception WithData(Exception exception)
    {
        exception.Data["OrderId"] = 42;
        exception.Data["Who"] = "me \"quoted\"";
        return exception;
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

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception caught)
        {
            return caught;
        }
    }
}
