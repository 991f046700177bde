using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Enrichment;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// Records that pass through Microsoft.Extensions.Telemetry's ExtendedLogger (<c>EnableEnrichment</c>: enrichment tags,
/// <c>exception.*</c> tags, the template among the tags) are written once (issue 18.4, item 2): the message from the
/// template once, each value once, the exception once, no name twice in any JSON format, direct and enqueued.
/// </summary>
public partial class ExtendedLoggerTests : IDisposable
{
    private const string Category = "Tests.Extended";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EnrichedRecords_AreWrittenOnce_InTextAndEveryJsonFormat(bool enqueue)
    {
        var formats = Enum.GetValues<JsonFormat>();
        var textPath = _folder.File("app.log");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders()
            .AddLoguStyle(log =>
            {
                log.AddFile(textPath, format: "{thread}|{traceid}|{message}|{extra[tenant]}|{extra[OrderId]}{newline}{exception}", enqueue: enqueue);
                foreach (var format in formats)
                {
                    log.AddFile(_folder.File($"app.{format}.json"), file =>
                    {
                        file.Serialize = true;
                        file.JsonFormat = format;
                        file.Enqueue = enqueue;
                    });
                }
            })
            .EnableEnrichment(o =>
            {
                o.CaptureStackTraces = true;
                o.IncludeExceptionMessage = true;
            });
        builder.Services.AddProcessLogEnricher(o => o.ThreadId = true);
        builder.Services.AddLogEnricher<DocSnippets.ActivityLogEnricher>();
        builder.Services.AddStaticLogEnricher<TenantEnricher>();

        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
            using (new Activity("order").Start())
            {
                // MEL's template API (the ExtendedLogger's legacy path) and a [LoggerMessage] method (its modern path).
                logger.LogInformation(new EventId(1, "Placed"), "Order {OrderId} placed by {User}", 7, "ann");
                logger.LogWarning(new EventId(2, "Failed"), Thrown.Payment(), "Order {OrderId} failed for {User}", 8, "bob");
                Failed(logger, 9, "cy", Thrown.Payment());
            }

            await host.StopAsync();
        }

        var text = File.ReadAllText(textPath);
        Assert.Contains("|Order 7 placed by ann|t1|7", text, StringComparison.Ordinal);
        Assert.Contains("|Order 8 failed for bob|t1|8", text, StringComparison.Ordinal);
        Assert.Contains("|Order 9 failed for cy|t1|9", text, StringComparison.Ordinal);

        // The exception once per record: each of the two failures' stacks holds Thrown.Payment() once.
        Assert.Equal(2, Thrown.Occurrences(text, nameof(Thrown.Payment)));
        Assert.Equal(2, Thrown.Occurrences(text, "System.InvalidOperationException: payment refused"));

        foreach (var format in formats)
        {
            var lines = File.ReadAllLines(_folder.File($"app.{format}.json")).Where(l => l.Contains("Order ", StringComparison.Ordinal)).ToList();
            Assert.Equal(3, lines.Count);
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                var names = JsonNames.Of(line);

                // No value was written twice under a second name (a repeated name gets "_2").
                Assert.DoesNotContain(names, n => n.EndsWith("_2", StringComparison.Ordinal));
                Assert.Single(names, n => n == "tenant");
                Assert.Single(names, n => n == "OrderId");
                Assert.DoesNotContain(names, n => n is "trace.id" or "span.id" && format != JsonFormat.Ecs);
                Assert.Equal(format == JsonFormat.Otel ? 1 : 0, names.Count(n => n == "thread.id"));
                Assert.Equal(i == 0 ? 0 : 1, Thrown.Occurrences(line, nameof(Thrown.Payment)));
                Assert.Equal(format == JsonFormat.Otel && i > 0 ? 3 : 0, names.Count(n => n.StartsWith("exception.", StringComparison.Ordinal)));
                Assert.Equal(1, Thrown.Occurrences(line, $"Order {7 + i} "));
            }
        }

        foreach (var record in LogFile.Read(_folder.File("app.LoguStyle.json")).Where(r => r.Category == Category))
        {
            Assert.NotNull(record.Template);
            Assert.Equal(["OrderId", "User", "tenant"], record.Properties.Select(p => p.Key).Order(StringComparer.Ordinal));
        }
    }

    [LoggerMessage(3, LogLevel.Error, "Order {OrderId} failed for {User}")]
    private static partial void Failed(ILogger logger, int orderId, string user, Exception exception);

    private sealed class TenantEnricher : IStaticLogEnricher
    {
        public void Enrich(IEnrichmentTagCollector collector) => collector.Add("tenant", "t1");
    }
}
