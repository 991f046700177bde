using System.Runtime.CompilerServices;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Buffering;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// <c>CallerInfo: StackTrace</c> with Microsoft.Extensions.Telemetry's ExtendedLogger in the chain
/// (<c>EnableEnrichment</c>): the caller found is the user's method, not the ExtendedLogger's own (an outside test of
/// issue 18 saw <c>LegacyPath</c> and <c>ModernPath</c>, the ExtendedLogger's private methods); and a Loguru-style call's
/// compiler caller through the ExtendedLogger of each set-up: enrichment, redaction, log buffering.
/// </summary>
public sealed partial class ExtendedLoggerCallerTests : IDisposable
{
    private static readonly JsonFormat[] CallerFormats = [JsonFormat.LoguStyle, JsonFormat.Ecs, JsonFormat.Otel];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PlainMelCall_ThroughTheExtendedLogger_NamesTheUsersMethod(bool enqueue)
    {
        var path = _folder.File("app.log");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders()
            .AddLoguStyle(log => log.AddFile(path, file =>
            {
                file.Format = "{function}|{message}";
                file.CallerInfo = CallerInfo.StackTrace;
                file.Enqueue = enqueue;
            }))
            .EnableEnrichment();

        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tests.ExtendedCaller");
            logger.LogInformation("Order {OrderId} placed", 7);
            await host.StopAsync();
        }

        Assert.Equal(
            [$"{nameof(PlainMelCall_ThroughTheExtendedLogger_NamesTheUsersMethod)}|Order 7 placed"],
            File.ReadAllLines(path).Where(line => line.Contains("Order", StringComparison.Ordinal)));
    }

    // A Loguru-style call keeps its compiler caller through the ExtendedLogger, which hands the provider a state of its
    // own (the caller used to be lost: empty {function}, no JSON caller fields).
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task LoguruCall_KeepsItsCompilerCaller_InTextAndJson_WithAndWithoutTheExtendedLogger(bool extended, bool enqueue)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var logging = builder.Logging.ClearProviders().AddLoguStyle(log => AddCallerSinks(log, enqueue));
        if (extended)
        {
            logging.EnableEnrichment();
        }

        int warnLine, successLine;
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tests.CompilerCaller");
            var orderId = 7;
            logger.Warn($"Order {orderId} late"); warnLine = Line();
            logger.Success($"Order {orderId} shipped"); successLine = Line();
            await host.StopAsync();
        }

        AssertCallers(nameof(LoguruCall_KeepsItsCompilerCaller_InTextAndJson_WithAndWithoutTheExtendedLogger), warnLine, successLine);
    }

    // With redaction on (EnableRedaction and a redactor for a classification), a Loguru-style call keeps its caller, and
    // a classified value logged between its calls, through the same logger, is redacted in every sink and takes no
    // caller of theirs.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LoguruCall_WithRedactionOn_KeepsItsCompilerCaller_AndAClassifiedValueIsRedactedInEverySink(bool enqueue)
    {
        const string Passport = "P-99887766";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddLoguStyle(log => AddCallerSinks(log, enqueue)).EnableRedaction();
        builder.Services.AddRedaction(redaction => redaction.SetRedactor<MaskRedactor>(new DataClassificationSet(SensitiveAttribute.Sensitive)));

        int warnLine, successLine;
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tests.CompilerCaller");
            var orderId = 7;
            logger.Warn($"Order {orderId} late"); warnLine = Line();
            Checked(logger, orderId, Passport);
            logger.Success($"Order {orderId} shipped"); successLine = Line();
            await host.StopAsync();
        }

        AssertCallers(nameof(LoguruCall_WithRedactionOn_KeepsItsCompilerCaller_AndAClassifiedValueIsRedactedInEverySink), warnLine, successLine);
        foreach (var path in SinkPaths())
        {
            var output = File.ReadAllText(path);
            Assert.DoesNotContain(Passport, output, StringComparison.Ordinal);
            var line = Assert.Single(File.ReadAllLines(path), line => line.Contains("checked for order 7", StringComparison.Ordinal));
            Assert.Contains("REDACTED", line, StringComparison.Ordinal);

            // The [LoggerMessage] record has no compiler caller (the Loguru-style calls' do not carry over to it).
            Assert.DoesNotContain(nameof(LoguruCall_WithRedactionOn_KeepsItsCompilerCaller_AndAClassifiedValueIsRedactedInEverySink), line, StringComparison.Ordinal);
        }
    }

    // With log buffering (AddGlobalBuffer at Information), a Warning goes through live and keeps its compiler caller. An
    // Information (SUCCESS) is held and released by a flush from another thread: the buffer keeps only the pairs' text,
    // and the caller is not among them, so the released record has none (docs/telemetry.md), nor the flusher's.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LoguruCall_WithLogBuffering_TheLiveRecordKeepsItsCompilerCaller_TheReleasedOneHasNone(bool enqueue)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddLoguStyle(log => AddCallerSinks(log, enqueue)).AddGlobalBuffer(LogLevel.Information);

        int warnLine;
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tests.CompilerCaller");
            var orderId = 7;
            logger.Warn($"Order {orderId} late"); warnLine = Line();
            logger.Success($"Order {orderId} shipped");
            await host.Services.GetRequiredService<LoguStyleLoggerProvider>().FlushAsync();
            Assert.DoesNotContain(File.ReadAllLines(_folder.File("app.log")), line => line.Contains("shipped", StringComparison.Ordinal));
            Release(host.Services.GetRequiredService<GlobalLogBuffer>());
            await host.StopAsync();
        }

        var file = Path.GetFileName(ThisFile());
        Assert.Equal(
            [$"{nameof(LoguruCall_WithLogBuffering_TheLiveRecordKeepsItsCompilerCaller_TheReleasedOneHasNone)}|{file}|{warnLine}|Order 7 late", "|||Order 7 shipped"],
            File.ReadAllLines(_folder.File("app.log")).Where(line => line.Contains("Order 7", StringComparison.Ordinal)));
        foreach (var format in CallerFormats)
        {
            var lines = File.ReadAllLines(_folder.File($"app.{format}.json")).Where(line => line.Contains("Order 7", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, lines.Count);
            var live = lines.Single(line => line.Contains("Order 7 late", StringComparison.Ordinal));
            Assert.Contains(warnLine.ToString(System.Globalization.CultureInfo.InvariantCulture), live, StringComparison.Ordinal);
            Assert.Equal(1, Thrown.Occurrences(live, $"\"{nameof(LoguruCall_WithLogBuffering_TheLiveRecordKeepsItsCompilerCaller_TheReleasedOneHasNone)}\""));
            var released = lines.Single(line => line.Contains("Order 7 shipped", StringComparison.Ordinal));
            Assert.DoesNotContain(JsonNames.Of(released), name => name is "function" or "log.origin.function" or "code.function.name");
        }
    }

    /// <summary>A text file with the caller tokens and a JSON file in each format that writes the caller.</summary>
    private void AddCallerSinks(LoguStyleBuilder log, bool enqueue)
    {
        log.AddFile(_folder.File("app.log"), format: "{function}|{file}|{line}|{message}", enqueue: enqueue);
        foreach (var format in CallerFormats)
        {
            log.AddFile(_folder.File($"app.{format}.json"), file =>
            {
                file.Serialize = true;
                file.JsonFormat = format;
                file.Enqueue = enqueue;
            });
        }
    }

    private IEnumerable<string> SinkPaths() => CallerFormats.Select(format => _folder.File($"app.{format}.json")).Prepend(_folder.File("app.log"));

    /// <summary>The two Loguru-style records ("Order 7 late", "Order 7 shipped") name <paramref name="function"/> and their lines, once each, in every sink.</summary>
    private void AssertCallers(string function, int warnLine, int successLine)
    {
        var file = Path.GetFileName(ThisFile());
        Assert.Equal(
            [$"{function}|{file}|{warnLine}|Order 7 late", $"{function}|{file}|{successLine}|Order 7 shipped"],
            File.ReadAllLines(_folder.File("app.log")).Where(line => line.Contains("Order 7", StringComparison.Ordinal)));

        foreach (var format in CallerFormats)
        {
            var lines = File.ReadAllLines(_folder.File($"app.{format}.json")).Where(line => line.Contains("Order 7", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, lines.Count);
            for (var i = 0; i < lines.Count; i++)
            {
                var names = JsonNames.Of(lines[i]);
                var expectedLine = i == 0 ? warnLine : successLine;
                var (functionName, lineName) = format switch
                {
                    JsonFormat.Ecs => ("log.origin.function", "log.origin.file.line"),
                    JsonFormat.Otel => ("code.function.name", "code.line.number"),
                    _ => ("function", "line"),
                };
                Assert.Equal(1, names.Count(n => n == functionName));
                Assert.Equal(1, names.Count(n => n == lineName));
                Assert.Contains($"\"{function}\"", lines[i], StringComparison.Ordinal);
                Assert.Contains(expectedLine.ToString(System.Globalization.CultureInfo.InvariantCulture), lines[i], StringComparison.Ordinal);
                Assert.DoesNotContain(names, n => n.Contains("caller", StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    /// <summary>Flushes the buffer from a method of its own, on another thread: nothing of the release is the call's.</summary>
    private static void Release(GlobalLogBuffer buffer)
    {
        var flushing = new Thread(buffer.Flush);
        flushing.Start();
        flushing.Join();
    }

    [LoggerMessage(30, LogLevel.Warning, "Passport {Passport} checked for order {OrderId}")]
    private static partial void Checked(ILogger logger, int orderId, [Sensitive] string passport);

    private static int Line([CallerLineNumber] int line = 0) => line;

    private static string ThisFile([CallerFilePath] string file = "") => file;
}
