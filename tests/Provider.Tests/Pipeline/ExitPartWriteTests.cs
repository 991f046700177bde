using LoguStyle.Files.Shared;
using LoguStyle.Pipeline;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// A disk that fills while the process exits, with threads logging through the exit into a direct or a shared file: a
/// write that found room for part of a record wrote that part, and a process that ended before the write's failure cut
/// it back left a record cut short at the file's end (an outside test saw it in about one run of two). The moment is
/// the one between the failed write and its cut-back (<c>AppendSteps</c>, Debug builds): on a real tmpfs whose last free
/// bytes are in the file's own last page, the test looks at the file there, while running (where the cut-back follows)
/// and at the exit (where nothing may follow).
/// </summary>
public sealed class ExitPartWriteTests : IDisposable
{
    private const int LaterLength = 200;

    // A first record that leaves 96 bytes of its page free: a later record has room for part of it.
    private static readonly int FirstLength = Environment.SystemPageSize - 96;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AtExit_ARecordWithRoomForPartOfIt_IsWrittenWholeOrNotAtAll_NoMomentEndsAFileMidRecord()
    {
        using var disk = TmpfsMount.Create(_folder.Path, 1024);
        using var output = new StringWriter();
        var options = new LoguStyleLoggerOptions { DrainOnExit = false };
        options.Sinks.Add(new FileSinkOptions(disk.File("direct.log"), "direct") { Format = "{message}", AutoFlush = true });
        options.Sinks.Add(new FileSinkOptions(disk.File("shared.log"), "shared") { Format = "{message}", Shared = true, AutoFlush = true });
        using var provider = new LoguStyleLoggerProvider(options, new FakeTimeProvider(DateTimeOffset.UnixEpoch), TextWriter.Synchronized(output));
        var sinks = provider.CurrentSinks.ToList();
        var logger = provider.CreateLogger("c");

        // Each file takes one page of the tmpfs with room for 96 bytes more; the filler takes every other page.
        logger.LogInformation("{Text}", new string('a', FirstLength - 1));
        disk.Fill();

        // What each file ends with at the moment between a write that ran out of room part way and its cut-back.
        var seen = new List<string>();
        AppendSteps.AfterPartWritten = path =>
        {
            var bytes = File.ReadAllBytes(path);
            seen.Add($"{Path.GetFileName(path)}: {bytes.Length} bytes, {(bytes[^1] == (byte)'\n' ? "a whole record" : "part of a record")} at the end");
        };

        // While running, the write is made and cut back at once: the setup gives a record room for part of it.
        logger.LogInformation("{Text}", new string('b', LaterLength - 1));
        var page = Environment.SystemPageSize;
        Assert.Equal([$"direct.log: {page} bytes, part of a record at the end", $"shared.log: {page} bytes, part of a record at the end"], seen);
        seen.Clear();

        // At the exit the process may end at that moment: there must be none. The direct file's buffered record (its
        // flush failed above) and a record logged through the exit are not written, and counted as such.
        ExitDrain.Drain(provider, "exiting", processEnds: true);
        logger.LogInformation("{Text}", new string('c', LaterLength - 1));
        Assert.True(seen.Count == 0, $"at the exit, {string.Join("; ", seen)}\n{output}");

        foreach (var sink in sinks)
        {
            Assert.Equal([new string('a', FirstLength - 1)], File.ReadAllLines(disk.File(sink.Name + ".log")));
            Assert.True(sink.Errors.FailedRecords == 2, $"{sink.Name}: {sink.Errors.FailedRecords} counted not written, not 2\n{output}");
        }
    }

    [Fact]
    public void Reserve_SaysNoRoomOnlyWhenTheDiskHasNone_AFileThatCannotBeReservedIsWrittenUnreserved()
    {
        using var disk = TmpfsMount.Create(_folder.Path, 1024);
        var path = disk.File("app.log");
        File.WriteAllText(path, string.Empty);
        using (var file = UnixNative.OpenForAppend(path))
        {
            UnixNative.ReserveAtEnd(file, 100);
            disk.Fill();
            var full = Assert.Throws<IOException>(() => UnixNative.ReserveAtEnd(file, 2 * 1024 * 1024));
            Assert.Equal(28, full.HResult);
            Assert.Equal(0, new FileInfo(path).Length);
        }

        // /dev/null (ENODEV) cannot be reserved: the write is not refused for it, at the exit or ever.
        using var devNull = UnixNative.OpenForAppend("/dev/null");
        UnixNative.ReserveAtEnd(devNull, 100);
    }
}
