using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// <c>CallerInfo: StackTrace</c> with Microsoft.Extensions.Telemetry's ExtendedLogger in the chain
/// (<c>EnableEnrichment</c>): the caller found is the user's method, not the ExtendedLogger's own (an outside test of
/// issue 18 saw <c>LegacyPath</c> and <c>ModernPath</c>, the ExtendedLogger's private methods).
/// </summary>
public sealed class ExtendedLoggerCallerTests : IDisposable
{
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
        var textPath = _folder.File("app.log");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var logging = builder.Logging.ClearProviders()
            .AddLoguStyle(log =>
            {
                log.AddFile(textPath, format: "{function}|{file}|{line}|{message}", enqueue: enqueue);
                foreach (var format in new[] { JsonFormat.LoguStyle, JsonFormat.Ecs, JsonFormat.Otel })
                {
                    log.AddFile(_folder.File($"app.{format}.json"), file =>
                    {
                        file.Serialize = true;
                        file.JsonFormat = format;
                        file.Enqueue = enqueue;
                    });
                }
            });
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

        var file = ThisFile();
        var function = nameof(LoguruCall_KeepsItsCompilerCaller_InTextAndJson_WithAndWithoutTheExtendedLogger);
        Assert.Equal(
            [$"{function}|{Path.GetFileName(file)}|{warnLine}|Order 7 late", $"{function}|{Path.GetFileName(file)}|{successLine}|Order 7 shipped"],
            File.ReadAllLines(textPath).Where(line => line.Contains("Order", StringComparison.Ordinal)));

        foreach (var format in new[] { JsonFormat.LoguStyle, JsonFormat.Ecs, JsonFormat.Otel })
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

    private static int Line([CallerLineNumber] int line = 0) => line;

    private static string ThisFile([CallerFilePath] string file = "") => file;
}
