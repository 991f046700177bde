using System.Collections.Concurrent;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests;

public partial class LoguStyleLoggerProviderTests
{
    [Fact]
    public void CreateLogger_NoSinks_WritesTheDefaultConsoleSink()
    {
        using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions());

        Assert.Equal(["console"], provider.SinkNames);
    }

    [Fact]
    public void Log_Record_CarriesEveryField()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        var records = new List<LogRecord>();
        var options = new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("d", records.Add) } };
        using (var provider = new LoguStyleLoggerProvider(options, time))
        {
            time.Advance(TimeSpan.FromSeconds(2));
            var logger = provider.CreateLogger("Sample.Worker");
            using (logger.BeginScope("outer"))
            using (logger.BeginScope(new Dictionary<string, object?> { ["OrderId"] = 7 }))
            {
                logger.LogWarning(new EventId(5, "Named"), new InvalidOperationException("x"), "User {UserId} bought {Count}", 42, 3);
            }
        }

        var record = Assert.Single(records);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 2, TimeSpan.Zero), record.Timestamp);
        Assert.Equal(LogLevel.Warning, record.Level);
        Assert.Equal("Sample.Worker", record.Category);
        Assert.Equal(new EventId(5, "Named"), record.EventId);
        Assert.Equal("User 42 bought 3", record.Message);
        Assert.Equal("User {UserId} bought {Count}", record.Template);
        Assert.Equal([new("UserId", 42), new("Count", 3)], record.Properties);
        Assert.Equal("x", record.Exception?.Message);
        Assert.Equal(2, record.Scopes.Count);
        Assert.Equal("outer", record.Scopes[0]);
        Assert.True(record.TryGetProperty("OrderId", out var orderId));
        Assert.Equal(7, orderId);
        Assert.Equal(Environment.CurrentManagedThreadId, record.ThreadId);
        Assert.Equal(Environment.ProcessId, record.ProcessId);
        Assert.Equal(TimeSpan.FromSeconds(2), record.Elapsed);
    }

    [Fact]
    public void IsEnabled_PrecomputedFromSinkLevelsAndFilters()
    {
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new DelegateSinkOptions("a", _ => { }) { Level = LogLevel.Warning },
                new DelegateSinkOptions("b", _ => { }) { Filter = { ["Microsoft"] = LogLevel.None, ["App"] = LogLevel.Debug, [""] = LogLevel.Error } },
            },
        };
        using var provider = new LoguStyleLoggerProvider(options);

        var app = provider.CreateLogger("App.Orders");
        var microsoft = provider.CreateLogger("Microsoft.Hosting");
        var other = provider.CreateLogger("Other");

        Assert.True(app.IsEnabled(LogLevel.Debug));
        Assert.False(app.IsEnabled(LogLevel.Trace));
        Assert.False(microsoft.IsEnabled(LogLevel.Information));
        Assert.True(microsoft.IsEnabled(LogLevel.Warning));
        Assert.False(other.IsEnabled(LogLevel.Information));
        Assert.True(other.IsEnabled(LogLevel.Warning));
        Assert.False(other.IsEnabled(LogLevel.None));
    }

    [Fact]
    public void Log_SeveralSinks_EachSeesOnlyWhatItAccepts()
    {
        var all = new List<string>();
        var errors = new List<string>();
        var appOnly = new List<string>();
        var odd = new List<string>();
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new DelegateSinkOptions("all", r => all.Add(r.Message)),
                new DelegateSinkOptions("errors", r => errors.Add(r.Message)) { Level = LogLevel.Error },
                new DelegateSinkOptions("app", r => appOnly.Add(r.Message)) { Filter = { [""] = LogLevel.None, ["App"] = LogLevel.Trace } },
                new DelegateSinkOptions("odd", r => odd.Add(r.Message)) { Predicate = r => r.Message.EndsWith('1') || r.Message.EndsWith('3') },
            },
        };
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            provider.CreateLogger("App.A").LogInformation("m1");
            provider.CreateLogger("Lib.B").LogError("m2");
            provider.CreateLogger("App.C").LogCritical("m3");
            provider.CreateLogger("Lib.D").LogDebug("m4");
        }

        Assert.Equal(["m1", "m2", "m3", "m4"], all);
        Assert.Equal(["m2", "m3"], errors);
        Assert.Equal(["m1", "m3"], appOnly);
        Assert.Equal(["m1", "m3"], odd);
    }

    [Fact]
    public void Log_ConsoleSinks_WriteFormattedLinesWithTheirOwnFormats()
    {
        var console = new MemoryConsole();
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                console.Sink("plain", "{level:u3} {message}", colorize: ColorMode.Never),
                console.Sink("colour", "<red>{message}</>", colorize: ColorMode.Always),
            },
        };
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            provider.CreateLogger("c").LogInformation("hi {Name}", "ann");
        }

        Assert.Equal(["INF hi ann", "\u001b[31mhi ann\u001b[0m"], console.Lines);
    }

    [Fact]
    public void Log_ConsoleAutoOnTerminal_WritesColours()
    {
        var console = new MemoryConsole();
        var options = new LoguStyleLoggerOptions { Sinks = { console.Sink(terminal: true) } };
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            provider.CreateLogger("c").LogInformation("hi");
        }

        // Auto on a terminal colours unless the test environment says otherwise (NO_COLOR, TERM=dumb; the rules
        // themselves are tested in ColorPolicyTests).
        var expectColours = ColorPolicy.ShouldColorize(ColorMode.Auto, isTerminal: true, Environment.GetEnvironmentVariable);
        Assert.Equal(expectColours, console.Text.Contains('\u001b', StringComparison.Ordinal));
        Assert.Contains("| INFO     | c - ", console.Text.Replace("\u001b[1m", "", StringComparison.Ordinal).Replace("\u001b[0m", "", StringComparison.Ordinal).Replace("\u001b[36m", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_ThrowingSink_NeverThrowsAndOtherSinksKeepWriting()
    {
        var errorOutput = new StringWriter();
        var good = new List<string>();
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new DelegateSinkOptions("bad", _ => throw new IOException("disk on fire")),
                new DelegateSinkOptions("predicate", _ => { }) { Predicate = _ => throw new InvalidOperationException("bad predicate") },
                new DelegateSinkOptions("good", r => good.Add(r.Message)),
            },
        };
        string whileLogging;
        using (var provider = new LoguStyleLoggerProvider(options, TimeProvider.System, errorOutput))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("one");
            logger.LogInformation("two");
            whileLogging = errorOutput.ToString();
        }

        Assert.Equal(["one", "two"], good);
        Assert.Contains("sink 'bad' could not write a record: IOException: disk on fire (1 record(s) not written so far)", whileLogging, StringComparison.Ordinal);
        Assert.Contains("sink 'predicate' could not write a record: InvalidOperationException: bad predicate", whileLogging, StringComparison.Ordinal);

        // One line a minute while it logs; the dispose tells the second failure in its closing line.
        Assert.Single(whileLogging.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.Contains("'bad'", StringComparison.Ordinal));
        Assert.Contains("sink 'bad' could not write 1 more record(s) after its last line (2 not written in all; the last: IOException: disk on fire)", errorOutput.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Log_ThrowingFormatterArgument_WritesOneReadableRecord()
    {
        var records = new List<LogRecord>();
        var options = new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("d", records.Add) } };
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            provider.CreateLogger("c").LogInformation("Value {V}", new ThrowingToString());
        }

        // The value that failed is a marker; the rest of the message is written as MEL would have written it.
        Assert.Equal("Value <ThrowingToString.ToString() threw InvalidOperationException>", Assert.Single(records).Message);
    }

    [Fact]
    public void Constructor_BadTemplate_ThrowsNamingTheSink()
    {
        var options = new LoguStyleLoggerOptions { Sinks = { new ConsoleSinkOptions("mine") { Format = "{nope}" } } };

        var ex = Assert.Throws<LoguStyle.FormatTemplateException>(() => new LoguStyleLoggerProvider(options));

        Assert.Equal("mine", ex.SinkName);
    }

    [Fact]
    public void Constructor_DuplicateSinkNames_Throws()
    {
        var options = new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("x", _ => { }), new DelegateSinkOptions("X", _ => { }) } };

        var ex = Assert.Throws<ArgumentException>(() => new LoguStyleLoggerProvider(options));

        Assert.Contains("Two sinks are named 'X'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconfigure_WhileThreadsLog_LosesAndDuplicatesNothing()
    {
        var seen = new ConcurrentQueue<string>();
        var reconfigured = new List<string>();
        LoguStyleLoggerOptions Options(int generation) => new()
        {
            Sinks = { new DelegateSinkOptions("capture", r => seen.Enqueue(r.Message)) { Level = generation % 2 == 0 ? LogLevel.Trace : LogLevel.Information } },
        };

        const int Threads = 4;
        const int PerThread = 20_000;
        var provider = new LoguStyleLoggerProvider(Options(0));
        var logger = provider.CreateLogger("c");
        var producers = Enumerable.Range(0, Threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                logger.LogInformation("{Thread}-{Index}", t, i);
            }
        })).ToArray();

        var generation = 0;
        while (!producers.All(p => p.IsCompleted))
        {
            provider.Reconfigure(Options(++generation));
            reconfigured.Add(generation.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Task.WhenAll(producers);
        await provider.DisposeAsync();

        Assert.NotEmpty(reconfigured);
        var messages = seen.ToArray();
        Assert.Equal(Threads * PerThread, messages.Length);
        Assert.Equal(Threads * PerThread, messages.Distinct().Count());
    }

    [Fact]
    public void Reconfigure_BadTemplate_KeepsTheOldSinks()
    {
        var seen = new List<string>();
        using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("d", r => seen.Add(r.Message)) } });

        Assert.Throws<LoguStyle.FormatTemplateException>(() =>
            provider.Reconfigure(new LoguStyleLoggerOptions { Sinks = { new ConsoleSinkOptions { Format = "<red>" } } }));
        provider.CreateLogger("c").LogInformation("still here");

        Assert.Equal(["still here"], seen);
        Assert.Equal(["d"], provider.SinkNames);
    }

    [Fact]
    public void Reconfigure_NewLevels_ApplyToExistingLoggers()
    {
        var seen = new List<string>();
        var sink = new DelegateSinkOptions("d", r => seen.Add(r.Message)) { Level = LogLevel.Warning };
        using var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } });
        var logger = provider.CreateLogger("c");

        logger.LogInformation("dropped");
        Assert.False(logger.IsEnabled(LogLevel.Information));
        provider.Reconfigure(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("d", r => seen.Add(r.Message)) { Level = LogLevel.Information } } });
        logger.LogInformation("kept");

        Assert.True(logger.IsEnabled(LogLevel.Information));
        Assert.Equal(["kept"], seen);
    }

    [Fact]
    public void Dispose_ThenLog_WritesNothing_CountsTheCallAsTheSinksError_WithoutThrowing()
    {
        // A call after Dispose returned is refused and counted like one made while it ran (DisposeUnderLoadTests: the
        // calls of dispose's last instants went uncounted when the loggers were pointed at no sinks there).
        var seen = new List<string>();
        var name = "d-" + Guid.NewGuid().ToString("N");
        using var meter = new SinkMeter();
        var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions(name, r => seen.Add(r.Message)) } });
        var logger = provider.CreateLogger("c");
        provider.Dispose();

        logger.LogInformation("after");
        provider.Dispose();

        Assert.Empty(seen);
        Assert.Equal((0L, 1L), (meter.Read("logustyle.records.written", name), meter.Read("logustyle.sink.errors", name)));
    }

    private sealed class ThrowingToString
    {
        public override string ToString() => throw new InvalidOperationException("no");
    }
}
