using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoguStyle.Pipeline;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// A process that ends without a dispose (<c>Environment.Exit</c>, the end of Main) while the disk of its file sinks is
/// full: the exit's flush of a file failed and kept the records of its buffer "for the next flush", which never came, and
/// they were on no count, neither the meter's nor a stderr line's (a dispose counts them when it closes the file). From
/// outside: a real child process (TestApp exit-full-disk) with every kind of file sink on a small tmpfs the test fills, a
/// console and a file on the normal disk beside them; for each file on the full disk, the records in it and those its
/// stderr lines say it could not write or dropped add up to the calls, as the meter's counts do.
/// </summary>
public sealed partial class ExitDrainFullDiskTests : IDisposable
{
    private const int Logged = 50;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // The child's ExitTimeout (2 s) and a second for a loaded machine.
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(3);
    private static readonly (string Sink, string File)[] OnTheFullDisk = [("direct", "direct.log"), ("queued", "queued.log"), ("shared", "shared.log"), ("json", "app.json")];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <param name="end">How Main ends: <c>exit</c> (<c>Environment.Exit</c>) or <c>return</c>.</param>
    /// <param name="fill">When the disk fills: <c>full</c> before the first record, <c>midway</c> after 200.</param>
    /// <param name="threads">The threads logging 600 records in all into the full disk.</param>
    /// <param name="through">The threads go on logging through the exit's drain.</param>
    [Theory]
    [InlineData("exit", "full", 1, false)]
    [InlineData("return", "midway", 1, false)]
    [InlineData("exit", "midway", 4, true)]
    [InlineData("return", "full", 4, true)]
    public async Task ExitWithoutDispose_FileSinksOnAFullDisk_EachFileAndItsStderrLinesAddUpToTheCalls(string end, string fill, int threads, bool through)
    {
        using var disk = TmpfsMount.Create(_folder.Path, 2048);
        if (fill == "full")
        {
            disk.Fill();
        }

        string[] arguments = ["exit-full-disk", disk.Path, end, fill, $"threads={threads}", .. through ? ["through"] : Array.Empty<string>()];
        using var process = RunningProcess.StartDotnet(RepositoryPaths.TestApp, arguments, _folder.Path);
        if (fill == "midway")
        {
            await process.WaitForLineAsync(line => line == "ready", Deadline);
            disk.Fill();
            await File.WriteAllTextAsync(_folder.File("go"), string.Empty);
        }

        var summary = Summary().Match(await process.WaitForLineAsync(line => line.StartsWith("calls ", StringComparison.Ordinal), Deadline));
        var code = await process.WaitForExitAsync(Deadline);
        var stderr = process.StandardError;
        Assert.True(code == (end == "exit" ? 3 : 0), $"exit code {code}: {Excerpt(stderr)}");
        Assert.True(summary.Success, string.Join('\n', process.Lines.Where(line => !IsRecord(line))));
        var calls = Number(summary, "calls");
        Assert.Equal(threads, Number(summary, "joined"));
        Assert.True(TimeSpan.FromMilliseconds(Number(summary, "drain")) < DrainBound, $"the exit's drain took {Number(summary, "drain")} ms");
        var meters = process.Lines.Select(line => SinkCounts().Match(line)).Where(match => match.Success).ToDictionary(match => match.Groups["name"].Value);

        foreach (var (sink, file) in OnTheFullDisk)
        {
            // The lines the docs add up: the running count of "could not write" and its closing line, and the drop lines.
            var told = string.Join('\n', stderr.Split('\n').Where(line => line.Contains($"sink '{sink}'", StringComparison.Ordinal)));
            var inFile = Records(disk.File(file)).Count;
            var notWritten = StderrLossLines.NotWritten(told);
            var dropped = StderrLossLines.Dropped(told);
            var meter = meters[sink];
            var counts = $"{sink}: {inFile} in its file, stderr {notWritten} not written and {dropped} dropped; the meter written {Number(meter, "written")}, dropped {Number(meter, "dropped")}, errors {Number(meter, "errors")}; calls {calls}";

            // A give-up's line adds up apart; none comes here: a writer on a full disk fails each record at once.
            Assert.False(told.Contains("record(s) within", StringComparison.Ordinal), $"{counts}\n{Excerpt(told)}");
            Assert.True(inFile + notWritten + dropped == calls, $"{counts}\n{Excerpt(told)}");
            Assert.True(Number(meter, "written") == inFile, counts);
            Assert.True(Number(meter, "written") + Number(meter, "dropped") + Number(meter, "errors") == calls, counts);
        }

        // The sinks beside them lost nothing: the file on the normal disk has every call, the console every Warning.
        Assert.Equal(calls, Records(_folder.File("healthy.log")).Count);
        Assert.Equal(Number(summary, "warnings"), process.Lines.Count(IsRecord));
    }

    [Fact]
    public void Drain_AtExit_WhatAFullDisksBuffersHold_IsCountedOnce_NeitherWrittenLaterNorCountedAgainAtDispose()
    {
        using var disk = TmpfsMount.Create(_folder.Path, 1024);
        using var output = new StringWriter();
        var (provider, logger, filler) = LoggedIntoAFullDisk(disk, output);
        var sinks = provider.CurrentSinks.ToList();

        ExitDrain.Drain(provider, "exiting", processEnds: true);

        // The process ends next: what no file could write is counted, and told, with nothing left in a buffer.
        foreach (var sink in sinks)
        {
            Assert.True(sink.Errors.FailedRecords == Logged, $"{sink.Name}: {sink.Errors.FailedRecords} of {Logged} counted not written\n{output}");
            Assert.Equal(Logged, StderrLossLines.NotWritten(string.Join('\n', output.ToString().Split('\n').Where(line => line.Contains($"sink '{sink.Name}'", StringComparison.Ordinal)))));
        }

        // With room again, a record logged after the drain is written (the queue refuses it), none of those counted lost
        // is, and the dispose counts nothing again.
        File.Delete(filler);
        logger.LogInformation("after the drain");
        provider.Dispose();

        foreach (var sink in sinks)
        {
            var queued = sink.Name == "queued";
            string[] expected = queued ? [] : ["after the drain"];
            Assert.Equal(expected, File.ReadAllLines(disk.File(sink.Name + ".log")));
            Assert.Equal(queued ? 0 : 1, sink.Stats.Written);
            Assert.Equal(queued ? Logged + 1 : Logged, sink.Errors.FailedRecords);
        }
    }

    [Fact]
    public async Task Drain_OnASignal_WhatAFullDisksBufferHolds_StaysThere_AndIsWrittenOnceThereIsRoom()
    {
        using var disk = TmpfsMount.Create(_folder.Path, 1024);
        using var output = new StringWriter();
        var (provider, logger, filler) = LoggedIntoAFullDisk(disk, output);
        var sinks = provider.CurrentSinks.ToList();

        // The application may cancel the signal and go on: the direct file's buffer is kept for the next flush, and said
        // with its count, as what the process loses if it ends now: with the lines that count what failed, every call.
        ExitDrain.Drain(provider, "ending on SIGTERM", processEnds: false);
        Assert.Equal(0, sinks.Single(sink => sink.Name == "direct").Errors.FailedRecords);
        var afterDrain = output.ToString();
        foreach (var sink in sinks)
        {
            var lines = afterDrain.Split('\n').Where(line => line.Contains($"sink '{sink.Name}'", StringComparison.Ordinal)).ToList();
            var buffered = lines.Select(line => BufferLostIfTheProcessEnds().Match(line)).Where(match => match.Success).Sum(match => Number(match, "calls"));
            var told = StderrLossLines.NotWritten(string.Join('\n', lines));
            Assert.True(told + buffered == Logged, $"{sink.Name}: {told} told not written + {buffered} told lost if the process ends = {told + buffered}, not {Logged}\n{afterDrain}");
        }

        Assert.Contains("LoguStyle: the process is ending on SIGTERM; sink 'direct' could not write the 50 record(s) in its file's buffer; they are lost if the process ends now", afterDrain, StringComparison.Ordinal);

        // The sinks were not ended: a record that fails now, the disk still full, is counted under the minute, with no
        // line a record (an application that goes on after a signal would otherwise write one a call).
        const int More = 10;
        for (var i = 0; i < More; i++)
        {
            logger.LogInformation("still full {I}", i);
        }

        await provider.FlushAsync();
        Assert.DoesNotContain("after its last line", output.ToString()[afterDrain.Length..], StringComparison.Ordinal);

        File.Delete(filler);
        await provider.FlushAsync();
        Assert.Equal(Logged, File.ReadAllLines(disk.File("direct.log")).Length);
        foreach (var sink in sinks)
        {
            // The shared file counts a batch it cannot write whatever the flush (its lock's holder must let go of it).
            Assert.Equal(File.ReadAllLines(disk.File(sink.Name + ".log")).Length, sink.Stats.Written);
            Assert.True(sink.Stats.Written + sink.Errors.FailedRecords == Logged + More, $"{sink.Name}: written {sink.Stats.Written}, not written {sink.Errors.FailedRecords}\n{output}");
        }

        provider.Dispose();
    }

    // A direct, an enqueued and a shared file on the disk, which is then filled, and Logged records into them; the clock
    // never moves, so no flush timer writes a buffer behind the test's back. No exit handler: the test drains.
    private static (LoguStyleLoggerProvider Provider, ILogger Logger, string Filler) LoggedIntoAFullDisk(TmpfsMount disk, TextWriter output)
    {
        var options = new LoguStyleLoggerOptions { ExitTimeout = TimeSpan.FromSeconds(5), DrainOnExit = false };
        options.Sinks.Add(new FileSinkOptions(disk.File("direct.log"), "direct") { Format = "{message}" });
        options.Sinks.Add(new FileSinkOptions(disk.File("queued.log"), "queued") { Format = "{message}", Enqueue = true });
        options.Sinks.Add(new FileSinkOptions(disk.File("shared.log"), "shared") { Format = "{message}", Shared = true });
        var provider = new LoguStyleLoggerProvider(options, new FakeTimeProvider(DateTimeOffset.UnixEpoch), TextWriter.Synchronized(output));
        var filler = disk.Fill();
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < Logged; i++)
        {
            logger.LogInformation("record {I}", i);
        }

        return (provider, logger, filler);
    }

    private static long Number(Match match, string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    // The child's records a file holds: a text line, or a JSON line's message (a queue's lines about its drops left out).
    private static List<string> Records(string path) =>
        File.Exists(path) ? [.. File.ReadLines(path).Select(line => line.StartsWith('{') ? MessageOf(line) : line).Where(IsRecord)] : [];

    private static string MessageOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("message").GetString() ?? string.Empty;
    }

    private static bool IsRecord(string line) => line.StartsWith("before-", StringComparison.Ordinal) || line.StartsWith("during-", StringComparison.Ordinal);

    // Threads that log through the exit leave a line a record: the first lines and how many there are.
    private static string Excerpt(string text)
    {
        var lines = text.Split('\n');
        return lines.Length <= 40 ? text : $"{string.Join('\n', lines[..40])}\n... ({lines.Length} lines)";
    }

    [GeneratedRegex(@"calls (?<calls>\d+) warnings (?<warnings>\d+) drain-ms (?<drain>\d+) joined (?<joined>\d+)")]
    private static partial Regex Summary();

    [GeneratedRegex(@"could not write the (?<calls>\d+) record\(s\) in its file's buffer; they are lost if the process ends now")]
    private static partial Regex BufferLostIfTheProcessEnds();

    [GeneratedRegex(@"^sink (?<name>\w+) written (?<written>\d+) dropped (?<dropped>\d+) errors (?<errors>\d+)$")]
    private static partial Regex SinkCounts();
}
