using System.Text.Json;
using LoguStyle.Web.Tests.Support;

namespace LoguStyle.Web.Tests;

/// <summary>
/// What a user of samples/WebApi reads in the files for a request: ASP.NET Core's own request records with their
/// properties, and the request's scopes (RequestId, TraceId, SpanId) in text and in every JSON format.
/// </summary>
public class RequestRecordTests
{
    private const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    [Fact]
    public async Task Request_HostingDiagnostics_StartAndFinishRecordsCarryTheirProperties()
    {
        using var folder = new TempFolder();
        var json = folder.File("app.json");
        var text = folder.File("app.log");
        var settings = new Dictionary<string, string>(
            SampleApp.FileSink("json", json, ("Serialize", "true"))
                .Concat(SampleApp.FileSink("text", text, ("Format", "{eventid} {extra[Method]} {extra[Path]}{extra[QueryString]} {extra[StatusCode]} {extra[ElapsedMilliseconds]} | {message}"))))
        {
            // The sample turns ASP.NET Core's per-request records down to warnings; this test wants them.
            [$"Logging:LogLevel:{HostingCategory}"] = "Information",
        };

        using (var app = SampleApp.Start(settings))
        {
            using var client = app.CreateClient();
            using var response = await client.GetAsync(new Uri("/orders/7?view=full", UriKind.Relative));
            Assert.Equal(200, (int)response.StatusCode);
        }

        var hosting = JsonLines.Read(json).OfCategory(HostingCategory);
        Assert.True(hosting.Count == 2, string.Join('\n', hosting.Select(record => record.Text("message"))));
        var (starting, finished) = (hosting[0], hosting[1]);
        Assert.Equal(1, starting.GetProperty("eventId").GetInt32());
        Assert.StartsWith("Request starting HTTP/1.1 GET http://localhost/orders/7?view=full", starting.Text("message"), StringComparison.Ordinal);
        var props = starting.GetProperty("props");
        Assert.Equal("GET", props.Text("Method"));
        Assert.Equal("/orders/7", props.Text("Path"));
        Assert.Equal("?view=full", props.Text("QueryString"));
        Assert.Equal("http", props.Text("Scheme"));
        Assert.Equal("localhost", props.Text("Host"));
        Assert.Equal("HTTP/1.1", props.Text("Protocol"));

        Assert.Equal(2, finished.GetProperty("eventId").GetInt32());
        props = finished.GetProperty("props");
        Assert.Equal(JsonValueKind.Number, props.GetProperty("StatusCode").ValueKind);
        Assert.Equal(200, props.GetProperty("StatusCode").GetInt32());
        Assert.True(props.GetProperty("ElapsedMilliseconds").GetDouble() >= 0);
        Assert.Equal("/orders/7", props.Text("Path"));
        Assert.StartsWith("application/json", props.Text("ContentType"), StringComparison.Ordinal);

        var lines = File.ReadAllLines(text).Where(line => line.StartsWith('1') || line.StartsWith('2')).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Matches(@"^1 GET /orders/7\?view=full +\| Request starting HTTP/1.1 GET http://localhost/orders/7\?view=full", lines[0]);
        Assert.Matches(@"^2 GET /orders/7\?view=full 200 \d+(\.\d+)? \| Request finished", lines[1]);
    }

    [Fact]
    public async Task Request_Scopes_HoldTheRequestsActivityIds_InTextAndEveryJsonFormat()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string parentId = "00f067aa0ba902b7";
        using var folder = new TempFolder();
        var text = folder.File("app.log");
        var settings = new Dictionary<string, string>(
            SampleApp.FileSink("text", text, ("Format", "{traceid}|{spanid}|{extra[TraceId]}|{extra[SpanId]}|{extra[ParentId]}|{extra[RequestId]}|{extra[RequestPath]}|{scopes}|{message}"))
                .Concat(SampleApp.FileSink("json", folder.File("app.json"), ("Serialize", "true"), ("Enqueue", "true")))
                .Concat(SampleApp.FileSink("clef", folder.File("app.clef"), ("Serialize", "true"), ("JsonFormat", "Clef")))
                .Concat(SampleApp.FileSink("ecs", folder.File("app.ecs"), ("Serialize", "true"), ("JsonFormat", "Ecs"), ("Enqueue", "true")))
                .Concat(SampleApp.FileSink("otel", folder.File("app.otel"), ("Serialize", "true"), ("JsonFormat", "Otel"))));

        using (var app = SampleApp.Start(settings))
        {
            using var client = app.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/orders/7", UriKind.Relative));
            request.Headers.Add("traceparent", $"00-{traceId}-{parentId}-01");
            using var response = await client.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
        }

        // Text: the record's own ids ({traceid}, {spanid}) and the activity-tracking scope's are the request's.
        var line = Assert.Single(File.ReadAllLines(text), l => l.EndsWith("|Order 7 read", StringComparison.Ordinal)).Split('|');
        var spanId = line[1];
        Assert.Matches("^[0-9a-f]{16}$", spanId);
        Assert.NotEqual(parentId, spanId);
        AllEqual([traceId, spanId, traceId, spanId, parentId], line[..5]);
        var requestId = line[5];
        Assert.False(string.IsNullOrEmpty(requestId));
        Assert.Equal("/orders/7", line[6]);
        Assert.Contains($"SpanId={spanId}, TraceId={traceId}, ParentId={parentId}", line[7], StringComparison.Ordinal);
        Assert.Contains($"RequestId={requestId}, RequestPath=/orders/7", line[7], StringComparison.Ordinal);

        // LoguStyle's JSON: traceId and spanId, and the scopes as objects.
        var own = Assert.Single(JsonLines.Read(folder.File("app.json")), r => r.Text("message") == "Order 7 read");
        Assert.Equal(traceId, own.Text("traceId"));
        Assert.Equal(spanId, own.Text("spanId"));
        var scopes = own.GetProperty("scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.Text("TraceId") == traceId && s.Text("SpanId") == spanId && s.Text("ParentId") == parentId);
        Assert.Contains(scopes, s => s.Text("RequestId") == requestId && s.Text("RequestPath") == "/orders/7");

        // CLEF: @tr and @sp, and the scopes' pairs as top-level properties (as Serilog's bridge writes them).
        var clef = Assert.Single(JsonLines.Read(folder.File("app.clef")), r => r.Text("@m") == "Order 7 read");
        AllEqual([traceId, spanId], [clef.Text("@tr"), clef.Text("@sp")]);
        AllEqual([traceId, spanId, parentId, requestId, "/orders/7"], [clef.Text("TraceId"), clef.Text("SpanId"), clef.Text("ParentId"), clef.Text("RequestId"), clef.Text("RequestPath")]);

        // ECS: trace.id and span.id, and the scopes' pairs beside the template's properties.
        var ecs = Assert.Single(JsonLines.Read(folder.File("app.ecs")), r => r.Text("message") == "Order 7 read");
        AllEqual([traceId, spanId], [ecs.Text("trace.id"), ecs.Text("span.id")]);
        var ecsProps = ecs.GetProperty("logustyle").GetProperty("props");
        AllEqual([traceId, spanId, parentId, requestId, "/orders/7"], [ecsProps.Text("TraceId"), ecsProps.Text("SpanId"), ecsProps.Text("ParentId"), ecsProps.Text("RequestId"), ecsProps.Text("RequestPath")]);
        Assert.Equal(7, ecsProps.GetProperty("OrderId").GetInt32());

        // OTLP: traceId and spanId, and the scopes' pairs as attributes.
        var otel = Assert.Single(JsonLines.Read(folder.File("app.otel")), r => r.GetProperty("body").Text("stringValue") == "Order 7 read");
        AllEqual([traceId, spanId], [otel.Text("traceId"), otel.Text("spanId")]);
        var attributes = otel.GetProperty("attributes").EnumerateArray()
            .ToDictionary(a => a.Text("key")!, a => a.GetProperty("value").Text("stringValue"));
        AllEqual([traceId, spanId, parentId, requestId, "/orders/7"], [attributes["TraceId"], attributes["SpanId"], attributes["ParentId"], attributes["RequestId"], attributes["RequestPath"]]);
    }

    private static void AllEqual(IEnumerable<string?> expected, IEnumerable<string?> actual) => Assert.Equal(expected, actual);
}
