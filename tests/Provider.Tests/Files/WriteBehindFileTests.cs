using System.Text;
using LoguStyle.Diagnostics;
using LoguStyle.Files;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Files;

public class WriteBehindFileTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly StringWriter _errors = new();
    private readonly Lock _fileLock = new();
    private readonly SinkStats _stats = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Append_FromFourThreads_EveryRecordWholeOnceAndInOrderPerThread()
    {
        // Several threads: full buffers are written by the pool while the threads fill the next.
        await AssertThreadsWriteInOrder(threads: 4, perThread: 25_000, (t, i) => $"{t} record {i} {new string('x', i % 97)}");
        Assert.Empty(_errors.ToString());
    }

    [Fact]
    public void Append_RecordLargerThanTheBuffer_WrittenWholeAfterTheRecordsBeforeIt()
    {
        var path = _folder.File("app.log");
        var file = Open(path, FileMode.Append);
        var huge = new string('h', LogFileStreams.BufferSize * 3);

        Append(file, "before");
        Append(file, huge);
        Append(file, "after");
        Flush(file);
        file.Dispose();

        Assert.Equal(["before", huge, "after"], File.ReadAllLines(path));
    }

    [Fact]
    public void Open_ExistingFile_AppendsAfterItsContentAndReportsItsLength()
    {
        var path = _folder.File("app.log");
        File.WriteAllText(path, "old\n");
        var file = Open(path, FileMode.Append);

        Assert.Equal(4, file.OpenedLength);
        Append(file, "new");
        Flush(file);
        file.Dispose();

        Assert.Equal(["old", "new"], File.ReadAllLines(path));
    }

    [Fact]
    public async Task Append_EightThreadsOfTinyRecords_NoBufferWrittenTwiceOrLeftAsAHole()
    {
        // Buffers fill every few microseconds, so hand-overs and the pool's writes overlap as often as they can.
        await AssertThreadsWriteInOrder(threads: 8, perThread: 60_000, (t, i) => $"{t}:{i}");
    }

    [Fact]
    public void Dispose_RightAfterAHandOff_ReturnsWithoutErrorsAndTheFileHoldsOnlyWholeRecords()
    {
        var path = _folder.File("app.log");
        var file = Open(path, FileMode.Append);
        var record = new string('r', 1000);
        var handedOff = 0;

        // Two threads take turns, so each full buffer is handed to the pool; the file is closed as soon as one is,
        // while the pool's write is queued or running (callers flush first; this is the close itself).
        for (var i = 0; handedOff < 3 && i < 10_000; i++)
        {
            var thread = new Thread(() => Append(file, record));
            thread.Start();
            thread.Join();
            if (file.HasHandedOff)
            {
                handedOff++;
                if (handedOff < 3)
                {
                    Flush(file);
                }
            }
        }

        file.Dispose();

        Assert.Equal(3, handedOff);
        Assert.All(File.ReadAllLines(path), line => Assert.Equal(record, line));
        Assert.Empty(_errors.ToString());
    }

    [SkippableFact]
    public void Append_DiskFullWhileThreadsLog_RecordsRefusedUntilThereIsRoom_AcceptedOnesWrittenOnceAndWhole()
    {
        var (mount, path, file) = OpenOnASmallDisk();
        using var unmount = mount;
        var accepted = new List<string>[2] { [], [] };
        var refused = 0;
        var padding = new string('.', 500);

        void Log(int thread, string phase, int count)
        {
            for (var i = 0; i < count; i++)
            {
                var line = $"{phase} {thread} {i} {padding}";
                try
                {
                    Append(file, line);
                    accepted[thread].Add(line);
                }
                catch (IOException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }

        // Threads of their own, so the pool is free to write the buffers they hand over.
        void LogFromTwoThreads(string phase, int count)
        {
            var threads = new[] { new Thread(() => Log(0, phase, count)), new Thread(() => Log(1, phase, count)) };
            Array.ForEach(threads, thread => thread.Start());
            Array.ForEach(threads, thread => thread.Join());
        }

        LogFromTwoThreads("before", 100);
        var filler = mount.Fill();

        // The disk stays full until records are refused: the buffers handed over fail and are kept.
        LogFromTwoThreads("during", 2000);
        Assert.True(refused > 0, "no record was refused while the disk was full");

        File.Delete(filler);
        LogFromTwoThreads("after", 100);
        Flush(file);
        file.Dispose();

        var lines = File.ReadAllLines(path);
        Assert.Equal(accepted[0].Count + accepted[1].Count, lines.Length);
        Assert.Equal(accepted[0], lines.Where(line => line.Split(' ')[1] == "0"));
        Assert.Equal(accepted[1], lines.Where(line => line.Split(' ')[1] == "1"));
        Assert.Equal(4000 + 400, lines.Length + refused);

        // Counted written once in the file, not when buffered: the counts are the file's.
        Assert.Equal(lines.Length, _stats.Written);
        Assert.Equal(new FileInfo(path).Length, _stats.Bytes);
    }

    [SkippableFact]
    public async Task Append_ThePoolsWriteFails_ReportedAndKept_NextRecordRefused_WrittenOnceThereIsRoom()
    {
        var (mount, path, file) = OpenOnASmallDisk();
        using var unmount = mount;
        var filler = mount.Fill();
        var accepted = new List<string>();
        var padding = new string('.', 500);

        // One record from another thread, then this one's until the buffer is full: that buffer goes to the pool.
        var other = new Thread(() => Append(file, "from another thread"));
        other.Start();
        other.Join();
        accepted.Add("from another thread");
        for (var i = 0; !file.HasHandedOff; i++)
        {
            var line = $"record {i} {padding}";
            Append(file, line);
            accepted.Add(line);
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!file.PoolIdle)
        {
            await Task.Delay(5, deadline.Token);
        }

        // The pool could not write it: reported with the reason, nothing counted lost, every record still held.
        Assert.Contains("sink 'test': a write failed and lost nothing yet (IOException: ", _errors.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not written", _errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(accepted.Count, file.PendingRecords);
        Assert.Equal(0, _stats.Written);
        Assert.Throws<IOException>(() => Append(file, "refused"));

        File.Delete(filler);
        Append(file, "after");
        accepted.Add("after");
        Flush(file);
        file.Dispose();

        Assert.Equal(accepted, File.ReadAllLines(path));
        Assert.Equal(accepted.Count, _stats.Written);
    }

    [SkippableFact]
    public void Dispose_AfterAWriteFailedPartWay_CutsTheFileBackToItsLastWholeRecord()
    {
        var (mount, path, file) = OpenOnASmallDisk();
        using var unmount = mount;
        Append(file, "first");
        Flush(file);

        // Leave less room than a buffer: the next flush writes part of it, then fails.
        var filler = mount.Fill();
        File.WriteAllBytes(filler, new byte[new FileInfo(filler).Length - 20_000]);
        for (var i = 0; i < 40; i++)
        {
            Append(file, $"record {i} {new string('.', 1000)}");
        }

        Assert.Throws<IOException>(() => Flush(file));
        Assert.Equal(40, file.PendingRecords);
        file.Dispose();

        Assert.Equal("first\n", File.ReadAllText(path));
        Assert.Equal(1, _stats.Written);
    }

    [SkippableFact]
    public async Task DropBuffered_AfterThePoolsWriteAndAFlushFailed_ReturnsEveryCallHeld_AndALaterFlushWritesNoneOfThem()
    {
        var (mount, path, file) = OpenOnASmallDisk();
        using var unmount = mount;
        var filler = mount.Fill();
        var padding = new string('.', 500);

        // A full buffer handed to the pool (another thread had a turn), and the record that filled it in the next buffer:
        // both hold calls.
        var other = new Thread(() => Append(file, "from another thread"));
        other.Start();
        other.Join();
        var held = 1;
        for (; !file.HasHandedOff; held++)
        {
            Append(file, $"record {held} {padding}");
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!file.PoolIdle)
        {
            await Task.Delay(5, deadline.Token);
        }

        Assert.Throws<IOException>(() => Flush(file));
        int dropped;
        lock (_fileLock)
        {
            dropped = file.DropBuffered();
        }

        Assert.Equal(held, dropped);
        Assert.Equal(0, file.PendingRecords);

        // Room again: the next flush writes what came after, and nothing of what was dropped.
        File.Delete(filler);
        Append(file, "after");
        Flush(file);
        file.Dispose();

        Assert.Equal(["after"], File.ReadAllLines(path));
        Assert.Equal(1, _stats.Written);
    }

    // Each thread appends its lines; afterwards every line is in the file once, whole, in its thread's order, and no
    // byte is zero (a hole left by a write at the wrong offset). A line starts with its thread's digit.
    private async Task AssertThreadsWriteInOrder(int threads, int perThread, Func<int, int, string> line)
    {
        var path = _folder.File("app.log");
        var file = Open(path, FileMode.Append);
        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < perThread; i++)
            {
                Append(file, line(t, i));
            }
        })));
        Flush(file);
        file.Dispose();

        var bytes = File.ReadAllBytes(path);
        Assert.DoesNotContain((byte)0, bytes);
        var next = new int[threads];
        foreach (var written in Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var thread = written[0] - '0';
            Assert.Equal(line(thread, next[thread]), written);
            next[thread]++;
        }

        Assert.All(next, count => Assert.Equal(perThread, count));
    }

    // A file on a 1 MiB tmpfs of its own, which a test can fill; skipped, saying why, where mounting is not allowed.
    private (TmpfsMount Mount, string Path, WriteBehindFile File) OpenOnASmallDisk()
    {
        var mount = TmpfsMount.TryCreate(_folder.Path, 1024, readOnly: false, out var whyNot);
        Skip.If(mount is null, whyNot);
        var path = mount.File("app.log");
        return (mount, path, Open(path, FileMode.Append));
    }

    private WriteBehindFile Open(string path, FileMode mode) => new(path, mode, new FileCounts(_stats, new SinkErrorReporter("test", TimeProvider.System, _errors)));

    // The rotating file's lock, which every caller of the class holds.
    private void Append(WriteBehindFile file, string line)
    {
        lock (_fileLock)
        {
            file.Append(Encoding.UTF8.GetBytes(line + "\n"), isCall: true);
        }
    }

    private void Flush(WriteBehindFile file)
    {
        lock (_fileLock)
        {
            file.Flush();
        }
    }
}
