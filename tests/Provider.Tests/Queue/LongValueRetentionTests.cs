using System.Runtime.CompilerServices;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// A long value logged once is not kept alive after it was written and flushed, by any sink kind, while the application
/// goes on (found by an outside test: an enqueued file in DropOldest mode, whose queue carries pooled records, kept the
/// last 32 MiB value until more records had gone through). A DropOldest queue beside another sink also kept it: a record
/// of its own (not pooled) stayed referenced by the channel's queue after the writer took it.
/// </summary>
public sealed class LongValueRetentionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("direct.log")]
    [InlineData("wait.log")]
    [InlineData("drop-write.log")]
    [InlineData("drop-oldest.log")]
    [InlineData("drop-oldest.json")]
    [InlineData("delegate")]
    [InlineData("direct.log+delegate")]
    [InlineData("wait.log+delegate")]
    [InlineData("direct.log+wait.log")]
    [InlineData("direct.log+drop-oldest.log")]
    [InlineData("drop-oldest.log+delegate")]
    [InlineData("drop-oldest.json+delegate")]
    [InlineData("direct.log+wait.log+drop-write.log+drop-oldest.log+drop-oldest.json+delegate")]
    public async Task ALongValue_WrittenAndFlushed_IsNotKeptAlive(string sinks)
    {
        var written = 0;
        SinkOptions[] all =
        [
            new FileSinkOptions(_folder.File("direct.log")) { Format = "{message}" },
            new FileSinkOptions(_folder.File("wait.log")) { Format = "{message}", Enqueue = true },
            new FileSinkOptions(_folder.File("drop-write.log")) { Format = "{message}", Enqueue = true, QueueFullMode = QueueFullMode.DropWrite },
            new FileSinkOptions(_folder.File("drop-oldest.log")) { Format = "{message}", Enqueue = true, QueueFullMode = QueueFullMode.DropOldest },
            new FileSinkOptions(_folder.File("drop-oldest.json")) { Serialize = true, Enqueue = true, QueueFullMode = QueueFullMode.DropOldest },
            new DelegateSinkOptions("delegate", record => Interlocked.Add(ref written, record.Message.Length)) { Enqueue = true },
        ];
        var names = sinks.Split('+');
        var chosen = all.Where(o => names.Contains(o is FileSinkOptions f ? Path.GetFileName(f.Path) : "delegate")).ToArray();
        var options = new LoguStyleLoggerOptions();
        foreach (var option in chosen)
        {
            options.Sinks.Add(option);
        }

        await using var provider = new LoguStyleLoggerProvider(options);
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < 100; i++)
        {
            logger.LogInformation("small {I} {Text}", i, "short");
        }

        var value = LogOnce(logger);
        await provider.FlushAsync(CancellationToken.None);
        foreach (var name in new[] { "direct.log", "wait.log", "drop-write.log", "drop-oldest.log" }.Where(n => names.Contains(n)))
        {
            var lines = ReadAllText(name).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(101, lines.Length);
            Assert.Equal("big ".Length + 4_000_000, lines[^1].Length);
        }

        if (names.Contains("drop-oldest.json"))
        {
            Assert.Contains(new string('x', 4_000_000), ReadAllText("drop-oldest.json"), StringComparison.Ordinal);
        }

        if (names.Contains("delegate"))
        {
            Assert.True(Volatile.Read(ref written) > 4_000_000);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(value.IsAlive, "the logged value is still referenced after every sink wrote it and the flush returned");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference LogOnce(ILogger logger)
    {
        var value = new string('x', 4_000_000);
        logger.LogInformation("big {Value}", value);
        return new WeakReference(value);
    }

    private string ReadAllText(string name)
    {
        using var stream = new FileStream(_folder.File(name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
