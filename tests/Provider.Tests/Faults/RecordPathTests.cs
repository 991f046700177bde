using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Faults;

#pragma warning disable CA2017 // Fewer arguments than holes is the bad input under test.

/// <summary>
/// The regressions of issue 13 on the path of one record (items 3 and 4), through each sink kind alone and all of them
/// at once: the capture chooses a different path for each set of sinks (reused record, pooled record, copied state).
/// </summary>
public class RecordPathTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> SinkSets => [.. EverySink.AllKinds, "all"];

    public static TheoryData<string, string> ScopeRows
    {
        get
        {
            var rows = new TheoryData<string, string>();
            foreach (var scope in new[] { "enumeration throws", "template value ToString throws" })
            {
                foreach (var set in new[] { "text + text enqueued", "text + json enqueued", "json", "text + json", "all" })
                {
                    rows.Add(scope, set);
                }
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(SinkSets))]
    public void FewerArgumentsThanHoles_EverySinkKind_WritesOneRecordWithTheValuesItHas(string set)
    {
        var errors = new StringWriter();
        var sinks = new EverySink(_folder, set == "all" ? EverySink.AllKinds : [set], "{message}");
        using (var provider = new LoguStyleLoggerProvider(sinks.Options, TimeProvider.System, errors))
        {
            provider.CreateLogger("orders").LogInformation("Order {OrderId} for {Customer}", 42);
        }

        Assert.Equal(string.Empty, errors.ToString());
        foreach (var kind in sinks.Kinds)
        {
            Assert.Equal("Order 42 for {Customer}", Assert.Single(sinks.Records(kind)));
        }

        foreach (var kind in sinks.Kinds.Where(k => k.StartsWith("json", StringComparison.Ordinal)))
        {
            using var json = JsonDocument.Parse(Assert.Single(sinks.JsonLines(kind)));
            Assert.Equal("Order {OrderId} for {Customer}", json.RootElement.GetProperty("template").GetString());
            Assert.Equal(42, json.RootElement.GetProperty("props").GetProperty("OrderId").GetInt32());
        }
    }

    [Theory]
    [InlineData("text + json")]
    [InlineData("text + text enqueued + json enqueued")]
    public void FewerArgumentsThanHolesInAScope_EverySinkWritesTheValuesItHas(string set)
    {
        var errors = new StringWriter();
        var sinks = new EverySink(_folder, set.Split(" + "));
        using (var provider = new LoguStyleLoggerProvider(sinks.Options, TimeProvider.System, errors))
        {
            var logger = provider.CreateLogger("orders");
            using (logger.BeginScope("Scope {A} {B}", 1))
            {
                logger.LogInformation("inside");
            }
        }

        foreach (var kind in sinks.Kinds.Where(k => k.StartsWith("text", StringComparison.Ordinal)))
        {
            Assert.Equal("INF inside [Scope 1 {B}]", Assert.Single(sinks.Records(kind)));
        }

        foreach (var kind in sinks.Kinds.Where(k => k.StartsWith("json", StringComparison.Ordinal)))
        {
            using var json = JsonDocument.Parse(Assert.Single(sinks.JsonLines(kind)));
            var scope = json.RootElement.GetProperty("scopes")[0];
            Assert.Equal("Scope 1 {B}", scope.GetProperty("scope").GetString());
            Assert.Equal(1, scope.GetProperty("A").GetInt32());
        }
    }

    [Theory]
    [MemberData(nameof(ScopeRows))]
    public void ThrowingScope_EverySinkGetsOneReadableRecord_ReportedOncePerMinute(string scope, string set)
    {
        var errors = new StringWriter();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        var sinks = new EverySink(_folder, set == "all" ? EverySink.AllKinds : set.Split(" + "), "{level:u3} {message} [{scopes}] id={extra[Id]}");
        using (var provider = new LoguStyleLoggerProvider(sinks.Options, time, errors))
        {
            var logger = provider.CreateLogger("orders");
            using (logger.BeginScope("Request {Id}", 7))
            using (scope == "enumeration throws" ? logger.BeginScope(new ThrowingPairs()) : logger.BeginScope("Order {Order}", new ThrowingToString()))
            {
                logger.LogInformation("inside {N}", 1);
                logger.LogInformation("inside {N}", 2);
                time.Advance(TimeSpan.FromMinutes(1));
                logger.LogInformation("inside {N}", 3);
            }
        }

        foreach (var kind in sinks.Kinds)
        {
            var records = sinks.Records(kind);
            Assert.Equal(3, records.Count);
            for (var i = 0; i < 3; i++)
            {
                Assert.Contains($"inside {i + 1}", records[i], StringComparison.Ordinal);
                if (kind.StartsWith("text", StringComparison.Ordinal) || kind.StartsWith("console", StringComparison.Ordinal))
                {
                    // The scopes that can be read are kept; the one that cannot is a marker in its place.
                    Assert.Contains("[Request 7 => ", records[i], StringComparison.Ordinal);
                    Assert.EndsWith("] id=7", records[i], StringComparison.Ordinal);
                    Assert.Contains("InvalidOperationException>", records[i], StringComparison.Ordinal);
                }
            }
        }

        foreach (var kind in sinks.Kinds.Where(k => k.StartsWith("json", StringComparison.Ordinal)))
        {
            foreach (var line in sinks.JsonLines(kind))
            {
                using var json = JsonDocument.Parse(line);
                var scopes = json.RootElement.GetProperty("scopes");
                Assert.Equal(2, scopes.GetArrayLength());
                Assert.Equal(7, scopes[0].GetProperty("Id").GetInt32());
                Assert.Contains("InvalidOperationException>", scopes[1].ToString(), StringComparison.Ordinal);
            }
        }

        // Reported like a sink fault: once, then again a minute later with the running count (one per record).
        var reports = errors.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, reports.Length);
        Assert.All(reports, line => Assert.Contains("could not read a scope", line, StringComparison.Ordinal));
        Assert.Contains("InvalidOperationException", reports[0], StringComparison.Ordinal);
        Assert.Contains("(1 record(s) so far)", reports[0], StringComparison.Ordinal);
        Assert.Contains("(3 record(s) so far)", reports[1], StringComparison.Ordinal);
    }

    /// <summary>A scope whose enumeration throws (a lazily computed set of pairs whose source failed).</summary>
    internal sealed class ThrowingPairs : IEnumerable<KeyValuePair<string, object?>>
    {
        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => throw new InvalidOperationException("no pairs for you");

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => throw new InvalidOperationException("no text for you");
    }

    internal sealed class ThrowingToString
    {
        public override string ToString() => throw new InvalidOperationException("no text for you");
    }
    [Theory]
    [InlineData("json")]
    [InlineData("json enqueued")]
    [InlineData("json + delegate enqueued")]
    [InlineData("text + json + text enqueued + json enqueued")]
    public void Collections_AreArraysAndObjects_DirectAndEnqueued(string set)
    {
        var errors = new StringWriter();
        var kinds = set.Split(" + ");
        var sinks = new EverySink(_folder, kinds.Where(k => k != "delegate enqueued"), "{message} | {scopes}");
        if (kinds.Contains("delegate enqueued"))
        {
            sinks.Options.Sinks.Add(new LoguStyle.DelegateSinkOptions("queued-delegate", _ => { }) { Enqueue = true });
        }

        using (var provider = new LoguStyleLoggerProvider(sinks.Options, TimeProvider.System, errors))
        {
            var logger = provider.CreateLogger("orders");
            logger.LogInformation(
                "list {L} dicts {A} {B} {C} throws {T}",
                new List<int> { 1, 2 },
                new Dictionary<int, string> { [1] = "x" },
                new Dictionary<string, int> { ["a"] = 1 },
                new Dictionary<object, object> { [1] = "a", ["1"] = "b" },
                new ThrowingList());
            using (logger.BeginScope(new Dictionary<string, int> { ["k"] = 1 }))
            using (logger.BeginScope(new Dictionary<object, object> { [1] = "a", ["1"] = "b" }))
            using (logger.BeginScope(new Dictionary<string, object> { ["L"] = new List<int> { 1, 2 } }))
            using (logger.BeginScope(new List<KeyValuePair<string, object>> { new(null!, 1), new("N", 2) }))
            {
                logger.LogInformation("scoped {X}", 7);
            }
        }

        Assert.Equal(string.Empty, errors.ToString());
        foreach (var kind in sinks.Kinds.Where(k => k.StartsWith("json", StringComparison.Ordinal)))
        {
            var lines = sinks.JsonLines(kind);
            Assert.Equal(2, lines.Length);
            using var first = JsonDocument.Parse(lines[0], new JsonDocumentOptions { AllowDuplicateProperties = false });
            var props = first.RootElement.GetProperty("props");
            Assert.Equal("[1,2]", props.GetProperty("L").GetRawText());
            Assert.Equal("{\"1\":\"x\"}", props.GetProperty("A").GetRawText());
            Assert.Equal("{\"a\":1}", props.GetProperty("B").GetRawText());
            Assert.Equal("{\"1\":\"a\",\"1_2\":\"b\"}", props.GetProperty("C").GetRawText());
            Assert.Equal("\"<ThrowingList could not be read: InvalidOperationException>\"", props.GetProperty("T").GetRawText());

            // The message says the same (an outside run found it said the list's ToString() threw, which it never does).
            Assert.EndsWith("throws <ThrowingList could not be read: InvalidOperationException>", first.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);

            using var second = JsonDocument.Parse(lines[1], new JsonDocumentOptions { AllowDuplicateProperties = false });
            Assert.Equal("scoped {X}", second.RootElement.GetProperty("template").GetString());
            Assert.Equal(7, second.RootElement.GetProperty("props").GetProperty("X").GetInt32());
            Assert.Equal(
                "[{\"k\":1},{\"1\":\"a\",\"1_2\":\"b\"},{\"L\":[1,2]},{\"(null)\":1,\"N\":2}]",
                second.RootElement.GetProperty("scopes").GetRawText());
        }

        foreach (var kind in sinks.Kinds.Where(k => k.StartsWith("text", StringComparison.Ordinal)))
        {
            Assert.Contains("throws <ThrowingList could not be read: InvalidOperationException>", sinks.Records(kind)[0], StringComparison.Ordinal);
            Assert.Equal("scoped 7 | k=1 => 1=a, 1=b => L=1, 2 => (null)=1, N=2", sinks.Records(kind)[1]);
        }

        var read = LogFile.Read(sinks.JsonPath(sinks.Kinds.First(k => k.StartsWith("json", StringComparison.Ordinal)))).ToList();
        Assert.Equal(2, read.Count);
        Assert.Equal(2, Assert.IsAssignableFrom<IEnumerable>(read[0].Properties.Single(p => p.Key == "L").Value).Cast<object>().Count());
    }

    private sealed class ThrowingList : IEnumerable<int>
    {
        public IEnumerator<int> GetEnumerator()
        {
            yield return 1;
            throw new InvalidOperationException("boom mid enumeration");
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
