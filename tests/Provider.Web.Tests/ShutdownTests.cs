using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LoguStyle.Web.Tests.Support;
using Xunit.Abstractions;

namespace LoguStyle.Web.Tests;

/// <summary>samples/WebApi as a real process on 127.0.0.1, stopped by SIGTERM while clients keep sending requests.</summary>
public partial class ShutdownTests(ITestOutputHelper output)
{
    private const int Clients = 6;
    private const string HttpLoggingCategory = "Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware";

    private static string SampleOutput => Path.Combine(RepositoryPaths.Root, "samples", "WebApi", "bin", RepositoryPaths.Configuration, "net10.0");

    [Fact]
    public async Task SigTerm_WhileClientsSendRequests_EveryAnsweredRequestIsInTheEnqueuedJsonFile_NothingTorn()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var folder = new TempFolder();
        var json = folder.File("webapi.json");
        var environment = new Dictionary<string, string>
        {
            ["NO_COLOR"] = "1",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Logging__LoguStyle__Sinks__json__Path"] = json,
            // A small queue, so the writer is behind and the queue full while the clients run: shutdown has to drain it.
            ["Logging__LoguStyle__Sinks__json__QueueCapacity"] = "32",
        };
        using var sample = RunningProcess.StartDotnet(Path.Combine(SampleOutput, "WebApi.dll"), [], SampleOutput, environment);
        var listening = await sample.WaitForLineAsync(line => line.Contains("Now listening on: http://127.0.0.1:", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var address = new Uri(listening[(listening.IndexOf("http://", StringComparison.Ordinal))..]);

        var answered = new ConcurrentDictionary<int, int>();
        var nextId = 0;
        var signalled = 0;
        async Task Client(int client)
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            for (var sent = 0; sent < 5_000; sent++)
            {
                var id = Interlocked.Increment(ref nextId);
                // Half the clients place slow orders (100 ms), so requests are running when the signal comes; the
                // others read orders as fast as they can.
                using var request = client % 2 == 0
                    ? new HttpRequestMessage(HttpMethod.Post, new Uri($"/orders/{id}?delayMs=100", UriKind.Relative))
                    : new HttpRequestMessage(HttpMethod.Get, new Uri($"/orders/{id}", UriKind.Relative));
                try
                {
                    using var response = await http.SendAsync(request);
                    answered[id] = (int)response.StatusCode;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Refused or cut: no response, so no promise. Before the signal that would be a failure of the sample.
                    Assert.True(Volatile.Read(ref signalled) == 1, $"request {id} failed before SIGTERM: {ex.Message}");
                    return;
                }
            }
        }

        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(() => Client(client))).ToArray();
        var deadline = Stopwatch.StartNew();
        while (answered.Count < 500 && deadline.Elapsed < TimeSpan.FromSeconds(60) && !clients.Any(c => c.IsCompleted))
        {
            await Task.Delay(10);
        }

        Volatile.Write(ref signalled, 1);
        await sample.SignalAsync("TERM");
        var stopping = Stopwatch.StartNew();
        Assert.Equal(0, await sample.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var stopTime = stopping.Elapsed;
        await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(60));

        // The host's shutdown timeout is 30 s; Kestrel waits for the running requests, then LoguStyle drains its queue.
        Assert.True(stopTime < TimeSpan.FromSeconds(30), $"the sample took {stopTime} to stop");
        Assert.True(answered.Count >= 500, $"only {answered.Count} requests were answered before SIGTERM");

        // The sample's console format (docs/aspnetcore.md) ends a request's records with its RequestId, TraceId and SpanId.
        Assert.Contains(sample.Lines, line => ConsoleRequestLine().IsMatch(line));

        var records = JsonLines.Read(json);
        var requestRecords = records.OfCategory(HttpLoggingCategory)
            .Select(r => r.GetProperty("props"))
            .GroupBy(props => OrderId(props.Text("Path")))
            .ToDictionary(group => group.Key, group => group.ToList());
        var placed = records.OfCategory("Program")
            .Where(r => r.Text("template") == "Order {OrderId} placed")
            .Select(r => r.GetProperty("props").GetProperty("OrderId").GetInt32())
            .ToList();
        var missing = answered.Keys.Where(id => !requestRecords.ContainsKey(id)).Order().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {answered.Count} answered requests have no record, first {missing.FirstOrDefault()}");
        foreach (var (id, status) in answered)
        {
            var props = Assert.Single(requestRecords[id]);
            Assert.Equal(status, props.GetProperty("StatusCode").GetInt32());
        }

        var created = answered.Where(pair => pair.Value == 201).Select(pair => pair.Key).ToHashSet();
        Assert.Subset(placed.ToHashSet(), created);
        Assert.Equal(placed.Count, placed.Distinct().Count());

        // Requests were running while the host stopped: some finished after it said it was shutting down.
        var shuttingDown = records.Single(r => r.Text("message") == "Application is shutting down...").GetProperty("time").GetDateTimeOffset();
        var afterSignal = records.OfCategory(HttpLoggingCategory).Count(r => r.GetProperty("time").GetDateTimeOffset() > shuttingDown);
        output.WriteLine($"{answered.Count} answered ({created.Count} created), {afterSignal} finished after 'shutting down', {records.Count} records, stopped in {stopTime.TotalMilliseconds:F0} ms");
        Assert.True(afterSignal > 0, "no request finished after the host began to stop");
    }

    private static int OrderId(string? path) =>
        OrderPath().Match(path ?? string.Empty) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex(@"^/orders/(\d+)$")]
    private static partial Regex OrderPath();

    [GeneratedRegex(@"\| Program - Order \d+ read \S+:[0-9A-F]{8} [0-9a-f]{32} [0-9a-f]{16}$")]
    private static partial Regex ConsoleRequestLine();
}
