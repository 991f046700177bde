using System.Text.Json;
using System.Text.RegularExpressions;
using LoguStyle.Files;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Api;

public class LogFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("gz")]
    [InlineData("zip")]
    [InlineData("br")]
    public void Read_WriteRotateCompress_ReturnsEveryRecordOnceInOrder(string compression)
    {
        var path = _folder.File("app.json");
        WriteRotating(path, compression, 300, (logger, i) => logger.LogInformation("Order {OrderId} for {Amount}", i, 9.5m + i), last: logger =>
            logger.LogError(new InvalidOperationException("outer", new ArgumentException("inner")), "Failed {OrderId}", 300));

        Assert.True(LogFile.Files(path).Count(f => f.EndsWith("." + compression, StringComparison.Ordinal)) >= 10);
        var records = LogFile.Read(path).ToList();

        Assert.Equal(301, records.Count);
        Assert.Equal(Enumerable.Range(0, 301).Select(i => (long)i), records.Select(r => (long)r.Properties.Single(p => p.Key == "OrderId").Value!));
        Assert.Equal("Order 0 for 9.5", records[0].Message);
        Assert.Equal("Order {OrderId} for {Amount}", records[0].Template);
        Assert.Equal(LogLevel.Information, records[0].Level);
        Assert.Equal("Sample.Orders", records[0].Category);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero), records[0].Timestamp);
        Assert.True(records.Zip(records.Skip(1)).All(pair => pair.First.Timestamp <= pair.Second.Timestamp));
        var failure = Assert.IsType<LoggedException>(records[^1].Exception);
        Assert.Equal("System.InvalidOperationException", failure.TypeName);
        Assert.Equal("inner", Assert.IsType<LoggedException>(failure.InnerException).Message);
    }

    // A line that is not a record, inside the file: reported once, with the parser's message, not its stack trace (an
    // outside review found the library's source paths in the report); the lines around it are read.
    [Fact]
    public void Read_ALineThatIsNotARecord_IsReportedWithTheParsersMessageOnly_AndTheOtherLinesAreRead()
    {
        var path = _folder.File("mixed.json");
        const string Whole = "{\"time\":\"2026-11-24T09:00:00+00:00\",\"level\":\"INFO\",\"category\":\"c\",\"message\":\"whole\"}";
        File.WriteAllText(path, $"{Whole}\n2026-11-24 09:00:00 | INFO | c - a text line\n{Whole}\n");
        var reports = new List<Exception>();

        var messages = LogFile.Read(path, (_, error) => reports.Add(error)).Select(r => r.Message).ToList();

        Assert.Equal(["whole", "whole"], messages);
        var report = Assert.Single(reports);
        Assert.StartsWith("line 2 is not a record: ", report.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", report.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Environment.NewLine, report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedLastLine_IsSkipped()
    {
        var path = _folder.File("crash.json");
        File.WriteAllText(path, "{\"time\":\"2026-11-24T09:00:00+00:00\",\"level\":\"INFO\",\"category\":\"c\",\"message\":\"whole\"}\n{\"time\":\"2026-11-2");

        Assert.Equal(["whole"], LogFile.Read(path).Select(r => r.Message));
    }

    [Fact]
    public void Read_RepeatedNamesInPropsAndScopes_AreWrittenOnceEach_AndReadBack()
    {
        var path = _folder.File("pairs.json");
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(path) { Serialize = true } } }))
        {
            var logger = provider.CreateLogger("pairs");
            using (logger.BeginScope("Pair {A} {A}", 1, 2))
#pragma warning disable CA1727 // A value named like the "scope" field of its own object is the case under test.
            using (logger.BeginScope("Named {scope}", "inner"))
#pragma warning restore CA1727
            {
                logger.LogInformation("Pair {B} {B} {B_2}", 3, 4, 5);
            }
        }

        // No object in the line has a name twice (System.Text.Json refuses the line if one has).
        var line = Assert.Single(File.ReadAllLines(path));
        using (JsonDocument.Parse(line, new JsonDocumentOptions { AllowDuplicateProperties = false }))
        {
        }

        var record = Assert.Single(LogFile.Read(path));
        Assert.Equal(["B=3", "B_2=4", "B_2_2=5"], record.Properties.Select(p => $"{p.Key}={p.Value}"));
        var pair = Assert.IsType<Dictionary<string, object?>>(record.Scopes[0]);
        Assert.Equal(["scope=Pair 1 2", "A=1", "A_2=2"], pair.Select(p => $"{p.Key}={p.Value}"));
        var named = Assert.IsType<Dictionary<string, object?>>(record.Scopes[1]);
        Assert.Equal(["scope=Named inner", "scope_2=inner"], named.Select(p => $"{p.Key}={p.Value}"));
    }

    [Fact]
    public void Read_LineWithRepeatedNames_WrittenBeforeTheyWereMadeUnique_IsReadWithTheSameSuffixes()
    {
        var path = _folder.File("old.json");
        File.WriteAllText(path, """
            {"time":"2026-11-24T09:00:00+00:00","level":"INFO","category":"c","message":"Pair 1 2","props":{"A":1,"A":2},"scopes":[{"scope":"Pair 1 2","A":1,"A":2}]}
            {"time":"2026-11-24T09:00:01+00:00","level":"INFO","category":"c","message":"next"}

            """);

        var records = LogFile.Read(path).ToList();

        Assert.Equal(["Pair 1 2", "next"], records.Select(r => r.Message));
        Assert.Equal(["A=1", "A_2=2"], records[0].Properties.Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal(["scope=Pair 1 2", "A=1", "A_2=2"], Assert.IsType<Dictionary<string, object?>>(records[0].Scopes[0]).Select(p => $"{p.Key}={p.Value}"));
    }

    [Theory]
    [InlineData("gz", "corrupt")]
    [InlineData("gz", "truncated")]
    [InlineData("zip", "corrupt")]
    [InlineData("zip", "truncated")]
    [InlineData("br", "corrupt")]
    [InlineData("br", "truncated")]
    public void Read_DamagedArchive_IsReported_AndEveryOtherFileIsRead(string compression, string damage)
    {
        var path = _folder.File("app.json");
        WriteRotating(path, compression, 100, (logger, i) => logger.LogInformation("Order {OrderId}", i));

        var files = LogFile.Files(path);
        Assert.True(files.Count >= 4, string.Join(", ", files));
        var damaged = files[1];
        var bytes = File.ReadAllBytes(damaged);
        if (damage == "corrupt")
        {
            // Garbage over the middle of the compressed data.
            for (var i = bytes.Length / 3; i < bytes.Length * 2 / 3; i++)
            {
                bytes[i] = (byte)(i * 31);
            }

            File.WriteAllBytes(damaged, bytes);
        }
        else
        {
            File.WriteAllBytes(damaged, bytes[..(bytes.Length / 2)]);
        }

        var reports = new List<(string File, Exception Error)>();
        var ids = LogFile.Read(path, (file, error) => reports.Add((file, error))).Select(r => (long)r.Properties.Single(p => p.Key == "OrderId").Value!).ToList();

        var report = Assert.Single(reports);
        Assert.Equal(damaged, report.File);
        Assert.NotNull(report.Error);

        // Every record of the other files, in order: what is missing is one run, from the damaged file only.
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(99, ids[^1]);
        Assert.Equal(0, ids[0]);
        var missing = Enumerable.Range(0, 100).Select(i => (long)i).Except(ids).ToList();
        Assert.NotEmpty(missing);
        Assert.Equal(missing.Count - 1, missing[^1] - missing[0]);
    }

    [Fact]
    public void Parse_TextSinkWithARegex_YieldsTheNamedGroups()
    {
        var path = _folder.File("app.log");
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(path) { Format = "{level:u3} | {category} - {message}", Rotation = "100 B", Compression = "gz" } },
        }))
        {
            var logger = provider.CreateLogger("Parse.Me");
            for (var i = 0; i < 20; i++)
            {
                logger.LogWarning("item {I}", i);
            }
        }

        var rows = LogFile.Parse(path, new Regex(@"^(?<level>\w{3}) \| (?<category>\S+) - item (?<item>\d+)$")).ToList();

        Assert.Equal(Enumerable.Range(0, 20).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r["item"]).OrderBy(int.Parse));
        Assert.All(rows, r => Assert.Equal("WRN", r["level"]));
    }

    /// <summary>Writes <paramref name="count"/> records 10 ms apart (fake clock) to a JSON sink that rotates every 2 KB.</summary>
    private static void WriteRotating(string path, string compression, int count, Action<ILogger, int> log, Action<ILogger>? last = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        using var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { new FileSinkOptions(path) { Serialize = true, Rotation = "2 KB", Compression = compression } } },
            time);
        var logger = provider.CreateLogger("Sample.Orders");
        for (var i = 0; i < count; i++)
        {
            log(logger, i);
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        last?.Invoke(logger);
    }
}
