using System.Diagnostics;
using LoguStyle.Files;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Logs;
using OtelRecord = OpenTelemetry.Logs.LogRecord;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// LoguStyle beside OpenTelemetry's own MEL provider in one real host (issue 19.4): both get every record, with the
/// same trace and span ids, properties and scopes, and neither disturbs the other.
/// </summary>
public class OpenTelemetrySideBySideTests : IDisposable
{
    private const int Count = 200;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(JsonFormat.LoguStyle)]
    [InlineData(JsonFormat.Otel)]
    public async Task Host_WithLoguStyleAndOpenTelemetry_BothGetEveryRecordWithTheSameIdsPropertiesAndScopes(JsonFormat format)
    {
        var path = _folder.File("app.json");
        var exported = new List<OtelRecord>();
        using var source = new ActivitySource("LoguStyle.Tests.SideBySide");
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders()
            .AddLoguStyle(log => log.AddSink(new FileSinkOptions(path, "ship") { Serialize = true, JsonFormat = format, Enqueue = true }))
            .AddOpenTelemetry(o =>
            {
                o.IncludeScopes = true;
                o.AddInMemoryExporter(exported);
            });
        var ids = new List<(string Trace, string Span)>();
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Sample.SideBySide");
            for (var i = 0; i < Count; i++)
            {
                using var activity = source.StartActivity("order");
                ids.Add((activity!.TraceId.ToHexString(), activity.SpanId.ToHexString()));
                using (logger.BeginScope(new Dictionary<string, object?> { ["RequestId"] = i * 10 }))
                {
                    logger.LogInformation(new EventId(5, "Placed"), "Order {OrderId} placed by {User}", i, "ann");
                }
            }

            await host.StopAsync();
        }

        var ours = LogFile.Read(path).Where(r => r.Category == "Sample.SideBySide").ToList();
        var theirs = exported.Where(r => r.CategoryName == "Sample.SideBySide").ToList();
        Assert.Equal(Count, ours.Count);
        Assert.Equal(Count, theirs.Count);
        for (var i = 0; i < Count; i++)
        {
            Assert.Equal(ids[i].Trace, theirs[i].TraceId.ToHexString());
            Assert.Equal(ids[i].Span, theirs[i].SpanId.ToHexString());
            Assert.Equal(ids[i].Trace, ours[i].TraceId);
            Assert.Equal(ids[i].Span, ours[i].SpanId);
            Assert.Equal(theirs[i].EventId, ours[i].EventId);

            // The template's values: OpenTelemetry's attributes (without its {OriginalFormat}) are LoguStyle's properties.
            var attributes = theirs[i].Attributes!.Where(a => a.Key != "{OriginalFormat}").Select(a => $"{a.Key}={a.Value}");
            var expected = new[] { $"OrderId={i}", "User=ann" };
            Assert.Equal(expected, attributes);
            var properties = ours[i].Properties.Select(p => $"{p.Key}={p.Value}").ToList();
            Assert.Equal(expected, properties.Take(2));

            // The scopes: the same pairs on both sides (the host's activity-tracking scope, then ours), outermost first.
            var scopes = new List<string>();
            theirs[i].ForEachScope(
                (scope, list) =>
                {
                    foreach (var pair in scope)
                    {
                        list.Add($"{pair.Key}={pair.Value}");
                    }
                },
                scopes);
            Assert.Contains($"RequestId={i * 10}", scopes);
            Assert.Contains($"SpanId={ids[i].Span}", scopes);
            var ourScopes = format == JsonFormat.Otel
                ? properties.Skip(2).ToList()
                : [.. ours[i].Scopes.Cast<Dictionary<string, object?>>().SelectMany(d => d).Select(p => $"{p.Key}={p.Value}")];
            Assert.Equal(scopes, ourScopes);
        }
    }
}
