using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Buffering;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// LoguStyle as an <c>IBufferedLogger</c> under Microsoft.Extensions.Telemetry's global log buffer (issue 18.4, item 1):
/// records released by a flush keep their own time, thread, trace and span ids, event id, template and properties.
/// </summary>
public class BufferedLoggerTests : IDisposable
{
    private const string Category = "Tests.Buffered";
    private const string TextFormat = "{time:yyyy-MM-ddTHH:mm:ss.fffffffzzz}|{thread}|{traceid}|{spanid}|{category}|{level}|{eventid}|{eventname}|{message}|{extra[OrderId]}";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Flush_FromAnotherThreadLater_EachRecordKeepsItsOwnTimeThreadTraceSpanAndValues_InTextAndJson()
    {
        var textPath = _folder.File("app.log");
        var jsonPath = _folder.File("app.json");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders()
            .AddLoguStyle(log => log
                .AddFile(textPath, format: TextFormat)
                .AddFile(jsonPath, serialize: true, enqueue: true))
            .AddGlobalBuffer(LogLevel.Information)
            .EnableEnrichment(o => o.CaptureStackTraces = true);
        builder.Services.AddProcessLogEnricher(o => o.ThreadId = true);
        builder.Services.AddLogEnricher<DocSnippets.ActivityLogEnricher>();

        var calls = new List<Call>();
        (string Trace, string Span, int Thread) flush;

        // The logging threads stay alive until the flush is done: a thread that ended may have its managed thread id
        // given to the flushing thread, and the records' ids could not be told from the flush's.
        using var loggingThreadsMayEnd = new ManualResetEventSlim();
        var loggingThreads = new List<Thread>();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
            for (var i = 0; i < 3; i++)
            {
                var order = i;
                Call? call = null;

                // Each record on a thread of its own, inside an activity of its own; the last one with an exception.
                var thread = new Thread(() =>
                {
                    using var activity = new Activity("order").Start();
                    var before = DateTimeOffset.UtcNow;
                    if (order < 2)
                    {
                        logger.LogInformation(new EventId(100 + order, "Placed"), "Order {OrderId} placed by {User}", order, "ann");
                    }
                    else
                    {
                        logger.LogInformation(new EventId(100 + order, "Placed"), Thrown.Payment(), "Order {OrderId} placed by {User}", order, "ann");
                    }

                    Volatile.Write(ref call, new Call(order, before, DateTimeOffset.UtcNow, Environment.CurrentManagedThreadId, activity.TraceId.ToHexString(), activity.SpanId.ToHexString()));
                    loggingThreadsMayEnd.Wait();
                });
                thread.Start();
                loggingThreads.Add(thread);
                Assert.True(SpinWait.SpinUntil(() => Volatile.Read(ref call) is not null, TimeSpan.FromSeconds(30)), "the logging thread did not log");
                calls.Add(call!);

                // The clock moves on between records, so each has a time of its own.
                Assert.True(SpinWait.SpinUntil(() => DateTimeOffset.UtcNow > call!.After.AddMilliseconds(30), TimeSpan.FromSeconds(5)));
            }

            await host.Services.GetRequiredService<LoguStyleLoggerProvider>().FlushAsync();
            Assert.DoesNotContain(Category, File.ReadAllText(textPath));

            var flushing = new Thread(() => FlushInAnActivity(host.Services.GetRequiredService<GlobalLogBuffer>(), out flush));
            flush = default;
            flushing.Start();
            flushing.Join();
            loggingThreadsMayEnd.Set();
            Assert.True(loggingThreads.TrueForAll(thread => thread.Join(TimeSpan.FromSeconds(30))));
            await host.StopAsync();
        }

        var json = LogFile.Read(jsonPath).Where(r => r.Category == Category).OrderBy(r => r.EventId.Id).ToList();
        var text = File.ReadAllLines(textPath).Where(l => l.Contains($"|{Category}|", StringComparison.Ordinal))
            .Select(l => l.Split('|')).OrderBy(f => f[6], StringComparer.Ordinal).ToList();
        Assert.Equal(3, json.Count);
        Assert.Equal(3, text.Count);
        for (var i = 0; i < 3; i++)
        {
            var call = calls[i];
            Assert.NotEqual(flush.Thread, call.Thread);
            Assert.NotEqual(flush.Trace, call.Trace);

            var record = json[i];
            Assert.InRange(record.Timestamp, call.Before, call.After);
            Assert.Equal(call.Thread, record.ThreadId);
            Assert.Equal(call.Trace, record.TraceId);
            Assert.Equal(call.Span, record.SpanId);
            Assert.Equal(LogLevel.Information, record.Level);
            Assert.Equal(new EventId(100 + i, "Placed"), record.EventId);
            Assert.Equal("Order {OrderId} placed by {User}", record.Template);
            Assert.Equal($"Order {i} placed by ann", record.Message);

            // The template's values once each; the tags that carried thread, trace and span are not written again.
            Assert.Equal([$"OrderId={i}", "User=ann"], record.Properties.Select(p => $"{p.Key}={p.Value}"));

            var line = text[i];
            var time = DateTimeOffset.ParseExact(line[0], "yyyy-MM-ddTHH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
            Assert.InRange(time, call.Before, call.After);
            Assert.Equal(
                [call.Thread.ToString(CultureInfo.InvariantCulture), call.Trace, call.Span, Category, "INFO", (100 + i).ToString(CultureInfo.InvariantCulture), "Placed", $"Order {i} placed by ann", i.ToString(CultureInfo.InvariantCulture)],
                line[1..10]);
        }

        // The exception as the exception, once: the buffer keeps its message, the ExtendedLogger's tags its type and stack.
        var exception = Assert.IsType<LoggedException>(json[2].Exception);
        Assert.Equal("System.InvalidOperationException", exception.TypeName);
        Assert.Equal("payment refused", exception.Message);
        Assert.Contains(nameof(Thrown.Payment), exception.StackTrace, StringComparison.Ordinal);
        var jsonLine = File.ReadAllLines(jsonPath).Single(l => l.Contains("\"eventId\":102", StringComparison.Ordinal));
        Assert.Contains("\"exception\":{\"type\":\"System.InvalidOperationException\",\"message\":\"payment refused\"", jsonLine, StringComparison.Ordinal);
        Assert.DoesNotContain("exception.", jsonLine, StringComparison.Ordinal);
        var textAfter = File.ReadAllText(textPath);
        Assert.Equal(1, Thrown.Occurrences(textAfter, "System.InvalidOperationException: payment refused"));
    }

    [Fact]
    public async Task Flush_ALoguruStyleCall_TheReleasedRecordCarriesNoCaller()
    {
        // The buffer keeps the call's pairs (BufferedLogRecord), not the state that carried the compiler's caller.
        var n = 1;
        var record = await ReleasedAsync(CallerInfo.None, logger => logger.Info($"buffered {n}"));

        Assert.Equal("buffered 1", record.Message);
        Assert.Equal((null, null, 0), (record.CallerFunction, record.CallerFilePath, record.CallerLine));
    }

    [Fact]
    public async Task Flush_IntoASinkWithCallerInfoStackTrace_TheReleasedRecordCarriesNoCaller()
    {
        // The stack at the release is the flusher's, not the logging call's: no caller is taken from it.
        var record = await ReleasedAsync(CallerInfo.StackTrace, logger => logger.LogInformation("buffered"));

        Assert.Equal("buffered", record.Message);
        Assert.Equal((null, null, 0), (record.CallerFunction, record.CallerFilePath, record.CallerLine));
    }

    // Logs one record into a global buffer in front of a delegate sink, flushes it, and gives the record released.
    private static async Task<LogRecord> ReleasedAsync(CallerInfo callerInfo, Action<ILogger> log)
    {
        var records = new System.Collections.Concurrent.ConcurrentQueue<LogRecord>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders()
            .AddLoguStyle(options => options.AddSink(records.Enqueue, sink => sink.CallerInfo = callerInfo))
            .AddGlobalBuffer(LogLevel.Information);
        using (var host = builder.Build())
        {
            await host.StartAsync();
            log(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category));
            Assert.DoesNotContain(records, r => r.Category == Category);
            host.Services.GetRequiredService<GlobalLogBuffer>().Flush();
            await host.StopAsync();
        }

        return Assert.Single(records, r => r.Category == Category);
    }

    private static void FlushInAnActivity(GlobalLogBuffer buffer, out (string Trace, string Span, int Thread) flush)
    {
        using var activity = new Activity("flush").Start();
        flush = (activity.TraceId.ToHexString(), activity.SpanId.ToHexString(), Environment.CurrentManagedThreadId);
        buffer.Flush();
    }

    private sealed record Call(int Order, DateTimeOffset Before, DateTimeOffset After, int Thread, string Trace, string Span);
}
