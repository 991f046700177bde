using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using LoguStyle.Files;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Faults;

/// <summary>
/// The sink-fault table (docs/reliability.md): for each real fault, the logging call returns, the other sinks keep
/// writing, the failing sink reports on stderr at most once a minute with the reason and the running count, counts on
/// the meter, and resumes by itself within seconds once the fault is gone.
/// </summary>
public partial class SinkFaultTests : IDisposable
{
    // Records of about 1 KB, so a few dozen overflow a file sink's 64 KiB buffer and reach the disk.
    private static readonly string Padding = new('.', 1000);

    // The line of a failed write that lost no record (a flush on a full disk), which is no loss line.
    private const string KeptLine = "a write failed and lost nothing yet";

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 9, 10, 0, TimeSpan.Zero));
    private readonly StringWriter _errors = new();
    private readonly TextWriter _errorOutput;
    private readonly SinkMeter _meter = new();
    private readonly ConcurrentQueue<string> _good = new();
    private readonly string _goodName = "good-" + Guid.NewGuid().ToString("N")[..8];

    public SinkFaultTests()
    {
        _errorOutput = TextWriter.Synchronized(_errors);
    }

    public void Dispose()
    {
        _meter.Dispose();
        _folder.Dispose();
    }

    [SkippableTheory]
    [MemberData(nameof(SinkFault.Rows), MemberType = typeof(SinkFault))]
    public async Task Fault_CallsReturn_OthersKeepWriting_ReportedOncePerMinute_Counted_Resumes(string name, bool enqueue)
    {
        using var fault = SinkFault.Create(name, _folder.Path, out var whyNot);
        Skip.If(fault is null, whyNot);
        var sink = fault.Sink;
        sink.Enqueue = enqueue;
        var provider = Provider(sink);
        var logger = provider.CreateLogger("faults");
        var logged = new List<string>();

        // Each phase waits for the queue (when there is one), so every write happens at the phase's fake time.
        async Task Log(string phase, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var message = $"{phase}-{i} {Padding}";
                logger.LogInformation("{Phase}-{Index} {Padding}", phase, i, Padding);
                logged.Add(message);
            }

            await provider.FlushAsync();
        }

        if (!fault.BrokenFromStart)
        {
            await Log("before", 3);
            Assert.Equal(logged, fault.Delivered());
        }

        fault.Break();
        await Log("during", 100);
        _time.Advance(TimeSpan.FromSeconds(30));
        await Log("30s", 1);
        _time.Advance(TimeSpan.FromSeconds(31));
        await Log("61s", 1);

        // The other sink got every record; the failing one reported twice in 61 s, with the reason, and the second line
        // with its count. A file that could not be opened at start-up said so then, in the minute the records' line would
        // have taken: that line has no count (no record was lost yet), and the line a minute on counts every record since.
        Assert.Equal(logged, _good);
        var reports = Reports(fault.SinkName);
        Assert.True(reports.Count == 2, $"expected two reports in 61 s, got:\n{_errors}");
        Assert.True(reports.TrueForAll(line => line.Contains(fault.Reason, StringComparison.Ordinal)), $"a report without the reason '{fault.Reason}':\n{_errors}");
        var failed = _meter.Read("logustyle.sink.errors", fault.SinkName);
        Assert.True(failed > 0);
        var kept = _errors.ToString().Split('\n').Count(line => line.Contains($"sink '{fault.SinkName}': {KeptLine}", StringComparison.Ordinal));
        Assert.True(kept <= 2, $"more than one line a minute for failed writes that lost nothing:\n{_errors}");
        if (name == "tmpfs-full")
        {
            // Its FlushAsync runs while the disk is full: the records stay buffered, and the line says so.
            Assert.True(kept >= 1, $"no line for the flush that failed and lost nothing:\n{_errors}");
        }
        Assert.True(ReportedCount(reports[^1]) <= failed);
        if (reports[0].Contains($"sink '{fault.SinkName}': ", StringComparison.Ordinal))
        {
            Assert.True(fault.BrokenFromStart, $"a start-up line from a sink that opened:\n{_errors}");
            Assert.DoesNotMatch(ReportedCountPattern(), reports[0]);
            Assert.True(ReportedCount(reports[^1]) >= 100, $"the line after the start-up line does not count the records that failed in its minute:\n{_errors}");
        }
        else
        {
            Assert.True(ReportedCount(reports[0]) < ReportedCount(reports[^1]));
        }

        var healed = fault.Heal();
        if (healed)
        {
            // The retry backoff is seconds: two of them after the fault is gone, records arrive again.
            _time.Advance(TimeSpan.FromSeconds(2));
            var resumedFrom = logged.Count;
            await Log("after", 3);

            var delivered = fault.Delivered();
            Assert.Equal(logged[resumedFrom..], delivered.TakeLast(3));

            // Every record is either on the sink or counted as lost; none is torn or written twice.
            failed = _meter.Read("logustyle.sink.errors", fault.SinkName);
            Assert.Equal(logged.Count, delivered.Count + failed);
            Assert.Equal(delivered.Count, delivered.Distinct().Count());
            Assert.All(delivered, message => Assert.Contains(message, logged));
        }
        else
        {
            // At most the one record an AutoFlush file keeps buffered for its next try is not counted yet.
            Assert.InRange(_meter.Read("logustyle.sink.errors", fault.SinkName), logged.Count - 1, logged.Count);
        }

        Assert.Equal(logged.Count, _meter.Read("logustyle.records.written", _goodName));
        await provider.DisposeAsync();
        if (!healed && sink is FileSinkOptions)
        {
            // A file closed while the fault lasts counts what its buffer held, and says so.
            Assert.Contains($"; {logged.Count} record(s) not written in all.", _errors.ToString(), StringComparison.Ordinal);
        }

        // Every call counted once: written (what reached the destination) or not written, never both.
        var written = _meter.Read("logustyle.records.written", fault.SinkName);
        Assert.Equal(logged.Count, written + _meter.Read("logustyle.sink.errors", fault.SinkName));
        Assert.Equal(fault.Delivered().Count, written);
    }

    private LoguStyleLoggerProvider Provider(SinkOptions faulty) =>
        new(new LoguStyleLoggerOptions { Sinks = { faulty, new DelegateSinkOptions(_goodName, record => _good.Enqueue(record.Message)) } }, _time, _errorOutput);

    // The lines of lost records and of a sink that cannot open its file; a failed write that lost nothing has a minute of
    // its own ("lost nothing yet", checked apart).
    private List<string> Reports(string sink) =>
        [.. _errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(line => (line.Contains($"sink '{sink}' could not write", StringComparison.Ordinal) || line.Contains($"sink '{sink}': ", StringComparison.Ordinal)) && !line.Contains(KeptLine, StringComparison.Ordinal))];

    private static long ReportedCount(string report) =>
        long.Parse(ReportedCountPattern().Match(report).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\((\d+) record\(s\) not written so far\)")]
    private static partial Regex ReportedCountPattern();
}
