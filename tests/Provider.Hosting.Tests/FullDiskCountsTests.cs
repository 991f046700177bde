using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LoguStyle.Hosting.Configuration;
using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Outside test (session 41): a File sink on a full disk counted the records of its buffer as written when they entered
/// it, and again as not written when the file was closed with the disk still full: written + dropped + errors came to
/// the calls plus up to ~480, and the meter said 480 written of a file of 0 bytes. Here every sink kind at once from
/// appsettings.json, four file sinks (direct, enqueued, shared, enqueued JSON) on a real tmpfs that fills up while four
/// threads log: for each, the meter's written is exactly the records in its file, its bytes the file's length, and
/// written + dropped + errors the calls, whether the disk is freed before the host stops or stays full (a fifth file
/// rotates at the stop, RotateOnShutdown: on the full disk its flush failed, and the host's stop threw that IOException,
/// and the dispose that followed neither closed the file nor counted its buffer). With reloads
/// (an edit of appsettings.json before the disk fills and one while it is full), whose old generations leave records in
/// a buffer or batch of the file the new generation goes on writing: the second outside test of the fix found their
/// counts went to the retired generation, off the meter (written short of the file by up to 54, errors short of
/// stderr by up to 7,473).
/// </summary>
public sealed class FullDiskCountsTests : IDisposable
{
    private const int Threads = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly string Padding = new('.', 300);

    private readonly TempFolder _folder = new();
    private readonly SinkMeter _meter = new();
    private readonly UdpClient _syslog = new(new IPEndPoint(IPAddress.Loopback, 0));

    // The meter is process-wide and tests run in parallel: names no other test uses.
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        _meter.Dispose();
        _syslog.Dispose();
        _folder.Dispose();
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task FileSinksOnADiskThatFills_TheMeterCountsWhatIsInEachFile_AndEveryCallOnce(bool freedBeforeTheStop, bool reloads)
    {
        using var mount = TmpfsMount.TryCreate(_folder.Path, 4096, readOnly: false, out var whyNot);
        Assert.True(mount is not null, $"this test mounts a real tmpfs and fills it; {whyNot}. Run it on Linux as root (CI does).");
        var onDisk = new Dictionary<string, string>
        {
            [$"direct-{_id}"] = mount.File("direct.log"),
            [$"queued-{_id}"] = mount.File("queued.log"),
            [$"shared-{_id}"] = mount.File("shared.log"),
            [$"json-{_id}"] = mount.File("app.json"),
            [$"rotating-{_id}"] = mount.File("rotating.log"),
        };
        string Quoted(string path) => JsonSerializer.Serialize(path);
        var port = ((IPEndPoint)_syslog.Client.LocalEndPoint!).Port;

        // An edit flips SingleLine on every sink, which changes no line here (no message has a line break) but builds
        // every sink anew.
        string Settings(bool singleLine) => ($$"""
            {
              "Sinks": {
                "direct-{{_id}}": { "Type": "File", "Path": {{Quoted(onDisk[$"direct-{_id}"])}}, "Format": "{message}" },
                "queued-{{_id}}": { "Type": "File", "Path": {{Quoted(onDisk[$"queued-{_id}"])}}, "Format": "{message}", "Enqueue": true, "QueueCapacity": 500, "QueueFullMode": "DropWrite" },
                "shared-{{_id}}": { "Type": "File", "Path": {{Quoted(onDisk[$"shared-{_id}"])}}, "Format": "{message}", "Shared": true },
                "json-{{_id}}": { "Type": "File", "Path": {{Quoted(onDisk[$"json-{_id}"])}}, "Serialize": true, "Enqueue": true },
                "rotating-{{_id}}": { "Type": "File", "Path": {{Quoted(onDisk[$"rotating-{_id}"])}}, "Format": "{message}", "Rotation": "10 MB", "RotateOnShutdown": true },
                "healthy-{{_id}}": { "Type": "File", "Path": {{Quoted(_folder.File("healthy.log"))}}, "Format": "{message}" },
                "console-{{_id}}": { "Type": "Console", "Stream": "Stderr", "Level": "Warning", "Format": "{message}" },
                "syslog-{{_id}}": { "Type": "Syslog", "Protocol": "Udp", "Port": {{port}}, "AppName": "t", "Format": "{message}" }
              }
            }
            """).Replace("\"Type\": ", $"\"SingleLine\": {(singleLine ? "true" : "false")}, \"Type\": ", StringComparison.Ordinal);
        using var test = new TestHost(Settings(singleLine: false));
        using var host = test.Builder.Build();
        await host.StartAsync();
        var provider = host.Services.GetRequiredService<LoguStyleLoggerProvider>();
        var reloader = host.Services.GetRequiredService<ConfigurationReloader>();
        var edits = 0;
        async Task Reload()
        {
            if (!reloads)
            {
                return;
            }

            edits++;
            test.WriteSettings(Settings(singleLine: edits % 2 == 1));
            Assert.True(await TestHost.WaitUntil(() => reloader.Applied >= edits, Deadline), $"edit {edits} was never applied");
        }
        var logger = TestHost.Logger(host);
        var calls = 0;
        var warnings = 0;

        // Threads of their own, so the pool is free to write the buffers the file sinks hand over.
        void Log(string phase, int perThread)
        {
            var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
            {
                for (var i = 0; i < perThread; i++)
                {
                    // One in 250 at Warning, for the console sink (a console of thousands of lines would flood the test's output).
                    var level = i % 250 == 0 ? LogLevel.Warning : LogLevel.Information;
                    logger.Log(level, "{Phase}-{Thread}-{Index} {Padding}", phase, t, i, Padding);
                    Interlocked.Increment(ref calls);
                    if (level == LogLevel.Warning)
                    {
                        Interlocked.Increment(ref warnings);
                    }
                }
            })).ToList();
            threads.ForEach(thread => thread.Start());
            threads.ForEach(thread => Assert.True(thread.Join(Deadline), "a logging thread never returned"));
        }

        Log("before", 100);
        await Reload();
        await provider.FlushAsync().WaitAsync(Deadline);
        var filler = mount.Fill();
        Log("during", 750);
        await Reload();
        Log("during-2", 750);
        if (freedBeforeTheStop)
        {
            File.Delete(filler);
            Log("after", 100);
        }

        await host.StopAsync().WaitAsync(Deadline);
        host.Dispose();

        var counts = string.Join("; ", onDisk.Keys.Select(name => $"{name}: {Counts(name)}"));
        foreach (var (name, path) in onDisk)
        {
            // The rotating sink's file is renamed at the stop when the disk lets it: its records are in every file it wrote.
            var files = Directory.GetFiles(mount.Path, Path.GetFileNameWithoutExtension(path) + "*");
            var records = files.SelectMany(OurRecords).ToList();
            Assert.True(
                _meter.Read("logustyle.records.written", name) == records.Count,
                $"{name}: the meter counted {_meter.Read("logustyle.records.written", name)} written, its file holds {records.Count} ({counts})");
            Assert.True(_meter.Read("logustyle.bytes.written", name) == files.Sum(FileLength), $"{name}: bytes {_meter.Read("logustyle.bytes.written", name)}, the files {files.Sum(FileLength)} ({counts})");
            Assert.True(Total(name) == calls, $"{name}: written + dropped + errors = {Total(name)}, calls {calls} ({counts})");
            Assert.True(_meter.Read("logustyle.sink.errors", name) > 0, $"{name}: the full disk failed no record ({counts})");
            Assert.Equal(records.Count, records.Distinct().Count());
            if (freedBeforeTheStop && name != $"queued-{_id}")
            {
                // Once there is room, the next records go in (the DropWrite queue may still drop some of them).
                Assert.True(records.Exists(record => record.StartsWith("after-", StringComparison.Ordinal)), $"{name}: no record logged after the disk was freed is in its file ({counts})");
            }
        }

        // The sinks beside them lost nothing.
        Assert.Equal(calls, OurRecords(_folder.File("healthy.log")).Count);
        Assert.Equal(calls, _meter.Read("logustyle.records.written", $"healthy-{_id}"));
        Assert.Equal(calls, _meter.Read("logustyle.records.written", $"syslog-{_id}"));
        Assert.Equal(warnings, _meter.Read("logustyle.records.written", $"console-{_id}"));
        Assert.Equal(calls, test.Captured.Count(record => record.Category == "Tests.Category"));
    }

    private long Total(string name) =>
        _meter.Read("logustyle.records.written", name) + _meter.Read("logustyle.records.dropped", name) + _meter.Read("logustyle.sink.errors", name);

    private string Counts(string name) =>
        $"written {_meter.Read("logustyle.records.written", name)}, dropped {_meter.Read("logustyle.records.dropped", name)}, errors {_meter.Read("logustyle.sink.errors", name)}";

    private static long FileLength(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    // The logged records a file holds (a text line, or a JSON line's message), leaving out a queue's lines about its drops.
    private static List<string> OurRecords(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var lines = File.ReadAllLines(path).Select(line =>
        {
            if (!line.StartsWith('{'))
            {
                return line;
            }

            using var json = JsonDocument.Parse(line);
            return json.RootElement.GetProperty("message").GetString() ?? string.Empty;
        });
        return [.. lines.Where(line => line.StartsWith("before-", StringComparison.Ordinal) || line.StartsWith("during-", StringComparison.Ordinal) || line.StartsWith("after-", StringComparison.Ordinal))];
    }
}
