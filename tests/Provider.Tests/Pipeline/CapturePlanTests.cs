using LoguStyle.Files;
using LoguStyle.Pipeline;
using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Pipeline;

public class CapturePlanTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// Every set of sinks that can exist (a queue always keeps its records; all pool-safe queues are queues) and the plan
    /// it gets: the truth table of the two four-clause conditions the capture used to evaluate on every call.
    /// </summary>
    [Theory]
    // retains, has queues, all pool-safe queues, reads properties, reads scopes -> record, properties, scopes
    [InlineData(false, false, false, false, false, "Reuse None None")]
    [InlineData(false, false, false, false, true, "Reuse None Live")]
    [InlineData(false, false, false, true, false, "Reuse FromState None")]
    [InlineData(false, false, false, true, true, "Reuse FromState Live")]
    [InlineData(true, false, false, false, false, "Own None None")]
    [InlineData(true, false, false, false, true, "Own None Live")]
    [InlineData(true, false, false, true, false, "Own Copy None")]
    [InlineData(true, false, false, true, true, "Own Copy Live")]
    [InlineData(true, true, false, false, false, "Own None None")]
    [InlineData(true, true, false, false, true, "Own None Snapshot")]
    [InlineData(true, true, false, true, false, "Own Snapshot None")]
    [InlineData(true, true, false, true, true, "Own Snapshot Snapshot")]
    [InlineData(true, true, true, false, false, "Pool None None")]
    [InlineData(true, true, true, false, true, "Pool None Snapshot")]
    [InlineData(true, true, true, true, false, "Pool Snapshot None")]
    [InlineData(true, true, true, true, true, "Pool Snapshot Snapshot")]
    public void For_EverySinkSetThatCanExist_ChoosesThePlan(
        bool retainsRecords, bool hasQueues, bool allPoolSafeQueues, bool usesProperties, bool usesScopes, string expected)
    {
        var plan = CapturePlan.For(retainsRecords, hasQueues, allPoolSafeQueues, usesProperties, usesScopes);
        Assert.Equal(expected, $"{plan.Record} {plan.Properties} {plan.Scopes}");
    }

    [Theory]
    [InlineData(false, true, false)]
    [InlineData(false, true, true)]
    [InlineData(false, false, true)]
    [InlineData(true, false, true)]
    public void For_ASetThatCannotExist_Throws(bool retainsRecords, bool hasQueues, bool allPoolSafeQueues)
    {
        foreach (var usesProperties in new[] { false, true })
        {
            foreach (var usesScopes in new[] { false, true })
            {
                Assert.Throws<ArgumentException>(() => CapturePlan.For(retainsRecords, hasQueues, allPoolSafeQueues, usesProperties, usesScopes));
            }
        }
    }

    /// <summary>Built sinks report the traits the table reads; a few real sets and the plans they get.</summary>
    [Theory]
    [InlineData("file", "Reuse None None")]
    [InlineData("file {extra[UserId]} {scopes}", "Reuse FromState Live")]
    [InlineData("file json", "Reuse FromState Live")]
    [InlineData("file enqueue", "Reuse None None")]
    [InlineData("file enqueue json", "Reuse FromState Live")]
    [InlineData("file enqueue|file", "Reuse None None")]
    [InlineData("file enqueue dropoldest", "Pool None None")]
    [InlineData("file enqueue dropoldest json", "Pool Snapshot Snapshot")]
    [InlineData("file enqueue dropoldest|file", "Own None None")]
    [InlineData("file enqueue dropoldest|file enqueue", "Own None None")]
    [InlineData("syslog", "Reuse FromState Live")]
    [InlineData("syslog wait", "Reuse FromState Live")]
    [InlineData("syslog connections", "Reuse FromState Live")]
    [InlineData("syslog dropoldest", "Pool Snapshot Snapshot")]
    [InlineData("syslog connections dropoldest", "Pool Snapshot Snapshot")]
    [InlineData("syslog|file", "Reuse FromState Live")]
    [InlineData("delegate", "Own Copy Live")]
    [InlineData("delegate enqueue", "Own Snapshot Snapshot")]
    [InlineData("file|delegate", "Own Copy Live")]
    public void For_BuiltSinks_ChoosesThePlanOfTheirTraits(string sinks, string expected)
    {
        var options = new LoguStyleLoggerOptions();
        var index = 0;
        foreach (var sink in sinks.Split('|'))
        {
            var words = sink.Split(' ');
            SinkOptions built = words[0] switch
            {
                "delegate" => new DelegateSinkOptions($"d{index}", static _ => { }),

                // Always enqueued; it sends nothing here (it connects at its first send).
                "syslog" => new SyslogSinkOptions($"s{index}") { Port = 9, Connections = words.Contains("connections") ? 4 : 1 },
                _ => new FileSinkOptions(_folder.File($"f{index}.log"))
                {
                    // A JSON sink takes no Format (refused at start-up: JSON lines leave it unused).
                    Format = words.Contains("json") ? null : "{message}" + string.Concat(words.Where(w => w.StartsWith('{')).Select(w => " " + w)),
                    Serialize = words.Contains("json"),
                },
            };
            built.Enqueue = words.Contains("enqueue") || words[0] == "syslog";

            // A file's and a syslog connection's queue format on the logging thread and keep no record, unless they drop
            // the oldest record (their callers then take records, not bytes, out of the queue). A syslog sink's default
            // is DropWrite.
            built.QueueFullMode = words.Contains("dropoldest") ? QueueFullMode.DropOldest : words.Contains("wait") ? QueueFullMode.Wait : null;
            options.Sinks.Add(built);
            index++;
        }

        using var provider = new LoguStyleLoggerProvider(options);
        var plan = new SinkSet([.. provider.CurrentSinks]).Plan;
        Assert.Equal(expected, $"{plan.Record} {plan.Properties} {plan.Scopes}");
    }

    /// <summary>
    /// The logging call hands its hold on a pooled record to the queue only where that queue is the record's one holder
    /// and every record reaches it: with a MaxLevel, a predicate or an enricher of its own, a record it leaves out would
    /// keep the call's hold, and the pool would lose it to the collector. A file queue that keeps records is one that
    /// drops the oldest (the others format on the logging thread, "formats on the caller").
    /// </summary>
    [Theory]
    [InlineData("plain", true)]
    [InlineData("formats on the caller", false)]
    [InlineData("two queues", false)]
    [InlineData("max level", false)]
    [InlineData("predicate", false)]
    [InlineData("enricher", false)]
    [InlineData("direct", false)]
    public void For_OneQueueEveryRecordReaches_HandsTheCallsHoldToIt(string setup, bool handsOver)
    {
        FileSinkOptions Sink(string name) => new(_folder.File(name))
        {
            Format = "{message}",
            Enqueue = setup != "direct",
            QueueFullMode = setup == "formats on the caller" ? QueueFullMode.Wait : QueueFullMode.DropOldest,
        };
        var sink = Sink("a.log");
        var options = new LoguStyleLoggerOptions { Sinks = { sink } };
        switch (setup)
        {
            case "two queues": options.Sinks.Add(Sink("b.log")); break;
            case "max level": sink.MaxLevel = LogLevel.Warning; break;
            case "predicate": sink.Predicate = _ => true; break;
            case "enricher": sink.Patch = _ => { }; break;
        }

        using var provider = new LoguStyleLoggerProvider(options);
        var plan = new SinkSet([.. provider.CurrentSinks]).Plan;

        Assert.Equal(handsOver, plan.HandsCallsHoldToQueue);
    }

    /// <summary>What LogRecord's docs say: a record handed to a predicate or a Patch is reused after the call.</summary>
    [Fact]
    public void PredicateAndPatch_TheRecordTheyWereHanded_IsReusedForTheNextCall()
    {
        var seenByPredicate = new List<LogRecord>();
        var seenByPatch = new List<LogRecord>();
        var keptMessages = new List<string>();
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                new FileSinkOptions(_folder.File("reused.log"))
                {
                    Format = "{message}",
                    Predicate = record =>
                    {
                        seenByPredicate.Add(record);
                        keptMessages.Add(record.Message);
                        return true;
                    },
                },
            },
            Patches = { seenByPatch.Add },
        };
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("first {N}", 1);
            logger.LogInformation("second {N}", 2);
        }

        // One object for both calls, cleared after each; the text copied during the call stays.
        Assert.Same(seenByPredicate[0], seenByPredicate[1]);
        Assert.Same(seenByPatch[0], seenByPredicate[1]);
        Assert.Equal(string.Empty, seenByPredicate[0].Message);
        Assert.Equal(["first 1", "second 2"], keptMessages);
    }

    /// <summary>
    /// Review 15 (low): the properties list a reused record hands out is refilled for the next call, so a Patch that keeps
    /// <c>record.Properties</c> itself sees it change; a Patch that copies it (docs/api.md's example) keeps each call's values.
    /// </summary>
    [Fact]
    public void Patch_ThatCopiesTheProperties_KeepsEachCallsValues_TheListItselfIsRefilled()
    {
        var copies = new List<KeyValuePair<string, object?>[]>();
        var lists = new List<IReadOnlyList<KeyValuePair<string, object?>>>();
        var options = new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(_folder.File("kept.log")) { Format = "{message}" } },
            Patches =
            {
                record => copies.Add([.. record.Properties]),
                record => lists.Add(record.Properties),
            },
        };
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("first {N} {Name}", 1, "a");
            logger.LogInformation("second {N} {Name}", 2, "b");
        }

        KeyValuePair<string, object?>[] first = [new("N", 1), new("Name", "a")];
        Assert.Equal([first, [new("N", 2), new("Name", "b")]], copies);

        // The list kept from the first call no longer holds the first call's values.
        Assert.NotEqual(first, lists[0]);
    }
}
