using System.Diagnostics;
using LoguStyle.Files;
using LoguStyle.Queue;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Queue;

/// <summary>
/// Issue 15: 30 seconds of four threads logging into an enqueued file sink while the sinks are replaced every 100 ms
/// (the queue's capacity changes each time, and every third generation writes directly): every record is in the file
/// exactly once, and each thread's records are in the order it logged them (issue 15 item 6: the old queue drained
/// while the new writer appended).
/// </summary>
[Trait("Category", "Stress")]
public class ReloadSoakTests : IDisposable
{
    private static readonly TimeSpan SoakLength = TimeSpan.FromSeconds(30);

    // The soak runs at least SoakLength and at least this many reloads: a slow or busy machine runs longer rather than
    // checking fewer swaps, up to the deadline below.
    private const int MinimumReloads = 200;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);

    // Records each thread logs between two reloads.
    private const int RecordsPerGeneration = 5_000;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReloadEvery100Ms_For30Seconds_EveryRecordOnceAndEachThreadInOrder()
    {
        var path = _folder.File("soak.log");
        LoguStyleLoggerOptions Options(int generation) => new()
        {
            Sinks =
            {
                new FileSinkOptions(path)
                {
                    Format = "{message}",
                    Enqueue = generation % 3 != 2,
                    QueueCapacity = generation % 2 == 0 ? 64 : 4_096,
                },
            },
        };
        var provider = new LoguStyleLoggerProvider(Options(0), TimeProvider.System, TextWriter.Null);
        await using var producers = new NumberedProducers(provider.CreateLogger("soak"), 4);
        var clock = Stopwatch.StartNew();
        var reloads = 0;
        while (clock.Elapsed < SoakLength || reloads < MinimumReloads)
        {
            Assert.True(clock.Elapsed < Deadline, $"only {reloads} reloads in {Deadline.TotalSeconds} s");
            // The next reload once every thread has logged more since the last one (about every 100 ms here).
            producers.WaitForEach(RecordsPerGeneration, TimeSpan.FromSeconds(30));
            provider.Reconfigure(Options(++reloads));
        }

        var logged = await producers.StopAsync(TimeSpan.FromSeconds(60));
        await provider.DisposeAsync();

        var (inversions, duplicatesOrGaps, next) = ThreadOrder.Check(File.ReadLines(path), 4);
        Assert.Equal(0, inversions);
        Assert.Equal(0, duplicatesOrGaps);
        Assert.Equal(logged, next);
    }
}
