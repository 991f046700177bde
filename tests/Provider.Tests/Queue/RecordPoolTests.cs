using System.Collections.Concurrent;

namespace LoguStyle.Tests.Queue;

public class RecordPoolTests
{
    [Fact]
    public async Task Rent_NeverHandsOutARecordThatIsStillHeld()
    {
        // Logging threads rent, a writer thread releases, as with a queue: a record must come back out of the pool only
        // after its last holder released it, and every released record is reused (the pool neither leaks nor duplicates).
        var pool = new RecordPool();
        var held = new ConcurrentDictionary<LogRecord, int>(ReferenceEqualityComparer.Instance);
        using var handOff = new BlockingCollection<LogRecord>(boundedCapacity: 1000);
        const int Producers = 3;
        const int PerProducer = 20_000;
        var duplicates = 0;

        var writer = Task.Run(() =>
        {
            foreach (var record in handOff.GetConsumingEnumerable())
            {
                Assert.True(held.TryRemove(record, out _));
                record.Companion!.ReleaseReference();
            }
        });
        var producers = Enumerable.Range(0, Producers).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < PerProducer; i++)
            {
                var record = pool.Rent();
                if (!held.TryAdd(record, 0))
                {
                    Interlocked.Increment(ref duplicates);
                }

                handOff.Add(record);
            }
        })).ToArray();

        await Task.WhenAll(producers).WaitAsync(TimeSpan.FromSeconds(60));
        handOff.CompleteAdding();
        await writer.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, duplicates);
        Assert.Empty(held);
    }

    [Fact]
    public async Task Rent_AfterChunksCameBack_ReusesRecords()
    {
        var pool = new RecordPool();
        var first = new List<LogRecord>();
        for (var i = 0; i < RecordPool.ChunkSize * 3; i++)
        {
            first.Add(pool.Rent());
        }

        // Released on another thread, as a queue's writer does: whole chunks go back to the shared queue.
        await Task.Run(() => first.ForEach(r => r.Companion!.ReleaseReference())).WaitAsync(TimeSpan.FromSeconds(30));

        var again = new HashSet<LogRecord>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < RecordPool.ChunkSize * 3; i++)
        {
            again.Add(pool.Rent());
        }

        Assert.Equal(RecordPool.ChunkSize * 3, again.Count(first.Contains));
    }

    [Fact]
    public void ReleaseReference_ByLastHolder_ClearsTheRecord()
    {
        var pool = new RecordPool();
        var record = pool.Rent();
        record.SetProperty("Secret", "value");
        record.Companion!.AddReference();

        record.Companion!.ReleaseReference();
        Assert.Contains(record.Properties, p => p.Key == "Secret");

        record.Companion!.ReleaseReference();
        Assert.DoesNotContain(record.Properties, p => p.Key == "Secret");
    }
}
