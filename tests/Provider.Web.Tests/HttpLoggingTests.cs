using System.Text.Json;
using LoguStyle.Web.Tests.Support;

namespace LoguStyle.Web.Tests;

/// <summary>
/// The one-record-per-request recipe of samples/WebApi (README): MEL's HTTP logging with <c>CombineLogs</c>, ASP.NET
/// Core's other request records turned down in appsettings.json, health probes left out.
/// </summary>
public class HttpLoggingTests
{
    private const string HttpLoggingCategory = "Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware";

    [Fact]
    public async Task CombineLogs_EachRequest_HasExactlyOneRecord_WithMethodPathStatusAndDuration_InTextAndJson()
    {
        using var folder = new TempFolder();
        var json = folder.File("webapi.json");
        var access = folder.File("access.log");
        var settings = new Dictionary<string, string>(
            SampleApp.FileSink("access", access,
                ("Format", "{time:HH:mm:ss.fff} {extra[Method]} {extra[Path]} {extra[StatusCode]} {extra[Duration]} ms {traceid}"),
                ("Filter:Default", "None"),
                ("Filter:Microsoft.AspNetCore.HttpLogging", "Information")))
        {
            // The sample's own JSON sink, written where the test reads it.
            ["Logging:LoguStyle:Sinks:json:Path"] = json,
        };

        var expected = new List<(string Method, string Path, int Status)>();
        using (var app = SampleApp.Start(settings))
        {
            using var client = app.CreateClient();
            for (var id = 1; id <= 10; id++)
            {
                var method = id % 2 == 0 ? HttpMethod.Post : HttpMethod.Get;
                using var request = new HttpRequestMessage(method, new Uri($"/orders/{id}", UriKind.Relative));
                using var response = await client.SendAsync(request);
                expected.Add((method.Method, $"/orders/{id}", (int)response.StatusCode));
            }

            using (var missing = await client.GetAsync(new Uri("/missing", UriKind.Relative)))
            {
                expected.Add(("GET", "/missing", (int)missing.StatusCode));
            }

            using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
            Assert.Equal(200, (int)health.StatusCode);
        }

        Assert.Equal([200, 201, 404], expected.Select(e => e.Status).Distinct().Order());
        var records = JsonLines.Read(json);
        var requests = records.OfCategory(HttpLoggingCategory);
        Assert.Equal(expected.Count, requests.Count);
        foreach (var (method, path, status) in expected)
        {
            var props = Assert.Single(requests, r => r.GetProperty("props").Text("Path") == path).GetProperty("props");
            Assert.Equal(method, props.Text("Method"));
            Assert.Equal(JsonValueKind.Number, props.GetProperty("StatusCode").ValueKind);
            Assert.Equal(status, props.GetProperty("StatusCode").GetInt32());
            Assert.Equal(JsonValueKind.Number, props.GetProperty("Duration").ValueKind);
            Assert.True(props.GetProperty("Duration").GetDouble() >= 0);
        }

        // ASP.NET Core wrote nothing else about the requests: no "Request starting/finished", no "Executing endpoint".
        Assert.DoesNotContain(records, r => r.Text("category") is { } category
            && category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && category != HttpLoggingCategory);

        var lines = File.ReadAllLines(access);
        Assert.Equal(expected.Count, lines.Length);
        foreach (var (method, path, status) in expected)
        {
            Assert.Single(lines, line => System.Text.RegularExpressions.Regex.IsMatch(line, $@"^\d\d:\d\d:\d\d\.\d{{3}} {method} {path} {status} \d+(\.\d+)? ms [0-9a-f]{{32}}$"));
        }
    }

    [Fact]
    public async Task HealthProbes_LeaveNoRecordInTheFile()
    {
        using var folder = new TempFolder();
        var json = folder.File("webapi.json");
        using (var app = SampleApp.Start(new Dictionary<string, string> { ["Logging:LoguStyle:Sinks:json:Path"] = json }))
        {
            using var client = app.CreateClient();
            for (var i = 0; i < 5; i++)
            {
                using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
                Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
            }

            using var order = await client.GetAsync(new Uri("/orders/1", UriKind.Relative));
            Assert.Equal(200, (int)order.StatusCode);
        }

        var text = File.ReadAllText(json);
        Assert.DoesNotContain("/health", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Health", text, StringComparison.Ordinal);
        Assert.Single(JsonLines.Read(json).OfCategory(HttpLoggingCategory), r => r.GetProperty("props").Text("Path") == "/orders/1");
    }
}
