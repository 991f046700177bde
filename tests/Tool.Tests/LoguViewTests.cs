using System.Text;
using LoguStyle.Tool.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tool.Tests;

/// <summary><c>logu view</c> as a real process, on files written by the real file sinks.</summary>
public sealed class LoguViewTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<JsonFormat> EveryFormat => [JsonFormat.LoguStyle, JsonFormat.Clef, JsonFormat.Ecs, JsonFormat.Otel];

    public void Dispose() => _folder.Dispose();

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public async Task View_EveryJsonFormat_PrintsWhatTheDefaultTextSinkPrinted(JsonFormat format)
    {
        // The same records through a JSON sink and a text sink with the default layout (the console sink's): logu's
        // rendering of the JSON is the text sink's file, line for line (colours off: the output is not a terminal).
        var json = _folder.File("app.json");
        var text = _folder.File("app.log");
        SinkFiles.Write(
            [new FileSinkOptions(json) { Serialize = true, JsonFormat = format }, new FileSinkOptions(text)],
            40,
            SinkFiles.Mixed);

        var run = await Logu.RunAsync(_folder.Path, "view", json);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.StandardError));
        Assert.Equal(await File.ReadAllTextAsync(text), run.StandardOutput);
        Assert.Equal(40, run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public async Task View_LoguruStyleCalls_ShowTheirCallerInEveryFormatButClef(JsonFormat format)
    {
        // Loguru-style calls carry their caller; a text sink without a Format writes them with {function}:{line}.
        // CLEF has no caller fields (its reified properties are @t @m @mt @l @x @i @r @tr @sp), so a CLEF file
        // prints as a text sink whose Format is the default layout, which never shows a caller.
        var json = _folder.File("app.json");
        var withCaller = _folder.File("caller.log");
        var withoutCaller = _folder.File("plain.log");
        SinkFiles.Write(
            [
                new FileSinkOptions(json) { Serialize = true, JsonFormat = format },
                new FileSinkOptions(withCaller),
                new FileSinkOptions(withoutCaller) { Format = FormatTemplate.Default },
            ],
            6,
            (logger, i) => logger.Info($"Order {i} placed"));

        var run = await Logu.RunAsync(_folder.Path, "view", json);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.StandardError));
        Assert.Equal(await File.ReadAllTextAsync(format == JsonFormat.Clef ? withoutCaller : withCaller), run.StandardOutput);
        Assert.Equal(format != JsonFormat.Clef, run.StandardOutput.Contains($":{nameof(View_LoguruStyleCalls_ShowTheirCallerInEveryFormatButClef)}:", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("gz")]
    [InlineData("zip")]
    [InlineData("br")]
    public async Task View_RotatedAndCompressedFiles_EveryRecordOnceInTheOrderWritten(string compression)
    {
        var path = _folder.File("app.json");
        SinkFiles.Write([new FileSinkOptions(path) { Serialize = true, Rotation = "2 KB", Compression = compression }], 120, (logger, i) => logger.LogInformation("record {Index}", i));
        Assert.True(Directory.GetFiles(_folder.Path, "app.*.json." + compression).Length >= 3, string.Join(", ", Directory.GetFiles(_folder.Path)));

        var run = await Logu.RunAsync(_folder.Path, "view", "app.json", "--format", "{message}");

        Assert.Equal((0, string.Empty), (run.ExitCode, run.StandardError));
        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"record {i}"), Lines(run.StandardOutput));
    }

    [Fact]
    public async Task View_TruncatedLastLine_IsSkippedWithoutAReport_AndADamagedLineInsideIsReported()
    {
        var path = _folder.File("app.json");
        SinkFiles.Write([new FileSinkOptions(path) { Serialize = true }], 5, (logger, i) => logger.LogInformation("record {Index}", i));
        var lines = await File.ReadAllLinesAsync(path);

        // A process killed part way through its last record.
        await File.AppendAllTextAsync(path, lines[^1][..(lines[^1].Length / 2)]);
        var torn = await Logu.RunAsync(_folder.Path, "view", "app.json", "--format", "{message}");

        Assert.Equal((0, string.Empty), (torn.ExitCode, torn.StandardError));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"record {i}"), Lines(torn.StandardOutput));

        // The same half line with records after it is damage: reported once, the other records still printed.
        await File.AppendAllTextAsync(path, "\n" + lines[0] + "\n");
        var damaged = await Logu.RunAsync(_folder.Path, "view", "app.json", "--format", "{message}");

        Assert.Equal(0, damaged.ExitCode);
        Assert.Equal([.. Enumerable.Range(0, 5).Select(i => $"record {i}"), "record 0"], Lines(damaged.StandardOutput));
        Assert.Matches(@"^logu: could not read all of '.*app\.json' \(InvalidDataException: line 6 is not a record", damaged.StandardError);
        Assert.Single(Lines(damaged.StandardError));
    }

    public static TheoryData<string[], Func<LogRecord, bool>> Filters => new()
    {
        { ["--level", "Warning"], r => r.Level >= LogLevel.Warning },
        { ["--level", "error"], r => r.Level >= LogLevel.Error },
        { ["--category", "Shop.Orders"], r => r.Category == "Shop.Orders" },
        { ["--category", "Shop"], r => r.Category.StartsWith("Shop.", StringComparison.Ordinal) },
        { ["--category", "Billing", "--category", "Shop.OrdersArchive"], r => r.Category != "Shop.Orders" },
        { ["--since", "2026-11-24T12:00:00Z"], r => r.Timestamp >= new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero) },
        { ["--until", "2026-11-24 12:00:00+01:00"], r => r.Timestamp < new DateTimeOffset(2026, 11, 24, 11, 0, 0, TimeSpan.Zero) },
        { ["--since", "2026-11-24T10:00Z", "--until", "2026-11-24T11:00Z"], r => r.Timestamp.Hour == 10 },
        { ["--grep", "^Payment \\d+ failed"], r => r.Message.StartsWith("Payment", StringComparison.Ordinal) },
        { ["--grep", "é✓$"], r => r.Level == LogLevel.Error },
        { ["--where", "Customer=Alice"], r => r.TryGetProperty("Customer", out var c) && (string?)c == "Alice" },
        { ["--where", "OrderId=14"], r => r.TryGetProperty("OrderId", out var id) && Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture) == 14 },
        { ["--where", "Paid=true", "--where", "Customer=Bob"], r => r.TryGetProperty("Paid", out var p) && p is true && r.TryGetProperty("Customer", out var c) && (string?)c == "Bob" },
        { ["--level", "Warning", "--category", "Shop", "--where", "Customer=Bob"], r => r.Level >= LogLevel.Warning && r.Category.StartsWith("Shop.", StringComparison.Ordinal) && r.TryGetProperty("Customer", out var c) && (string?)c == "Bob" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task View_Filter_KeepsExactlyTheRecordsThatMatch(string[] filter, Func<LogRecord, bool> keeps)
    {
        var path = _folder.File("app.json");
        SinkFiles.Write([new FileSinkOptions(path) { Serialize = true, Rotation = "3 KB", Compression = "gz" }], 60, SinkFiles.Mixed);
        var expected = LogFile.Read(path).Where(keeps).Select(r => $"{r.Timestamp:O} {r.Message}").ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < 60, "the filter keeps some records, not all");

        var run = await Logu.RunAsync(_folder.Path, ["view", "app.json", "--format", "{time:yyyy-MM-ddTHH:mm:ss.fffffffzzz} {message}", .. filter]);

        Assert.Equal((0, string.Empty), (run.ExitCode, run.StandardError));
        Assert.Equal(expected, Lines(run.StandardOutput));
    }

    [Fact]
    public async Task View_SinceADuration_KeepsTheRecordsOfThatLastStretch()
    {
        // Records every 10 minutes over the last 3 hours, none within 5 minutes of the 1-hour boundary.
        var path = _folder.File("app.json");
        var start = DateTimeOffset.UtcNow.AddHours(-3).AddMinutes(5);
        SinkFiles.Write([new FileSinkOptions(path) { Serialize = true }], 18, (logger, i) => logger.LogInformation("record {Index}", i), SinkFiles.Clock(start));

        var run = await Logu.RunAsync(_folder.Path, "view", "app.json", "--since", "1h", "--format", "{message}");

        Assert.Equal((0, string.Empty), (run.ExitCode, run.StandardError));
        Assert.Equal(Enumerable.Range(12, 6).Select(i => $"record {i}"), Lines(run.StandardOutput));
    }

    [Fact]
    public async Task View_Json_PassesTheKeptLinesThroughByteForByte()
    {
        var path = _folder.File("app.json");
        SinkFiles.Write([new FileSinkOptions(path) { Serialize = true, JsonFormat = JsonFormat.Clef }], 40, SinkFiles.Mixed);
        var bytes = await File.ReadAllBytesAsync(path);
        var expected = SplitLines(bytes).Where(line => Encoding.UTF8.GetString(line).Contains("\"@l\":\"Error\"", StringComparison.Ordinal)).SelectMany(line => line).ToArray();
        Assert.NotEmpty(expected);

        var run = await Logu.ShellAsync(_folder.Path, "{logu} view app.json --json --level Error > out.json");

        Assert.Equal((0, string.Empty), (run.ExitCode, run.StandardError));
        Assert.Equal(expected, await File.ReadAllBytesAsync(_folder.File("out.json")));
    }

    [Fact]
    public async Task View_IntoHeadOne_StopsQuietlyWithExitCodeZero()
    {
        // Far more output than a pipe holds, so logu is still writing when head exits.
        var path = _folder.File("app.json");
        SinkFiles.Write([new FileSinkOptions(path) { Serialize = true }], 5000, (logger, i) => logger.LogInformation("record {Index} with some padding to fill the pipe quickly", i), step: TimeSpan.FromSeconds(1));

        var run = await Logu.ShellAsync(_folder.Path, "{logu} view app.json | head -1; echo \"logu exited ${PIPESTATUS[0]}\" >&2");

        Assert.Equal(0, run.ExitCode);
        Assert.Single(Lines(run.StandardOutput));
        Assert.Contains("record 0 with some padding", run.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("logu exited 0", run.StandardError.Trim());
    }

    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("1", null, null, true)]
    [InlineData("1", "1", null, false)]
    [InlineData(null, null, "always", true)]
    [InlineData("1", null, "never", false)]
    [InlineData(null, "1", "always", true)]
    public async Task View_Colours_FollowTheConsoleSinksRules(string? forceColor, string? noColor, string? colorOption, bool colored)
    {
        var path = _folder.File("app.json");
        SinkFiles.Write([new FileSinkOptions(path) { Serialize = true }], 3, SinkFiles.Mixed);
        string[] arguments = colorOption is null ? ["view", "app.json"] : ["view", "app.json", "--color", colorOption];

        var run = await Logu.RunAsync(_folder.Path, new Dictionary<string, string?> { ["FORCE_COLOR"] = forceColor, ["NO_COLOR"] = noColor }, arguments);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(colored, run.StandardOutput.Contains("\u001b[32m2026-11-24", StringComparison.Ordinal));
        Assert.Equal(colored, run.StandardOutput.Contains('\u001b', StringComparison.Ordinal));
    }

    [Fact]
    public async Task View_CustomFormatAndLevelName_UsesTheConsoleTemplateLanguage()
    {
        var path = _folder.File("app.json");
        SinkFiles.Write([new FileSinkOptions(path) { Serialize = true, JsonFormat = JsonFormat.Ecs }], 1, (logger, _) => logger.Success("Order {OrderId} paid \u001b[31m", 7));

        var run = await Logu.RunAsync(_folder.Path, "view", "app.json", "--format", "<red>{time:HH:mm}</red> {level:u3} {level} {category} {extra[OrderId]}: {message}");

        Assert.Equal((0, string.Empty), (run.ExitCode, run.StandardError));
        Assert.Equal("09:00 SUC SUCCESS Shop.Orders 7: Order 7 paid \\x1B[31m\n", run.StandardOutput);
    }

    [Fact]
    public async Task View_PathWithNoFiles_ExitsTwoNamingThePath()
    {
        var run = await Logu.RunAsync(_folder.Path, "view", "logs/missing.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.StandardOutput);
        Assert.StartsWith("logu: no log files at 'logs/missing.json'", run.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("view", "app.json", "--level", "Loud")]
    [InlineData("view", "app.json", "--since", "soon")]
    [InlineData("tail", "app.json", "--nope")]
    public async Task BadArgument_ExitsOneWithAOneLineMessage(params string[] arguments)
    {
        var run = await Logu.RunAsync(_folder.Path, arguments);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.StandardOutput);
        Assert.Equal(2, Lines(run.StandardError).Count);
        Assert.Matches("^logu.*accepted: ", run.StandardError);
        Assert.Equal("Try 'logu --help'.", Lines(run.StandardError)[1]);
    }

    internal static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r'))];

    private static IEnumerable<byte[]> SplitLines(byte[] bytes)
    {
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                yield return bytes[start..(i + 1)];
                start = i + 1;
            }
        }
    }
}
