using System.Globalization;
using System.Text;
using LoguStyle.Formatting;

namespace LoguStyle.Tests.Formatting;

public class TimeFormatCacheTests
{
    private const string Format = "yyyy-MM-dd HH:mm:ss.fff zzz";

    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 10, 0, 123, TimeSpan.FromHours(1));

    [Fact]
    public void Write_AlternatingOldAndNewTimes_WritesEachTimeExactly()
    {
        // A queue's writer formats older records while a logging thread formats the newest: the two streams of times
        // interleave, and every line must still carry its own time.
        var cache = new TimeFormatCache(Format);
        for (var i = 0; i < 200; i++)
        {
            var newer = Start.AddMilliseconds(100 + i);
            var older = Start.AddMilliseconds(i / 3);
            Assert.Equal(Expected(newer), Write(cache, newer));
            Assert.Equal(Expected(older), Write(cache, older));
        }
    }

    [Fact]
    public void Write_SameMillisecondOtherOffset_WritesTheOffset()
    {
        var cache = new TimeFormatCache(Format);
        // The same clock reading (the cache's key) in three zones.
        var local = Start;
        var utc = new DateTimeOffset(Start.DateTime, TimeSpan.Zero);
        var east = new DateTimeOffset(Start.DateTime, TimeSpan.FromHours(2));
        foreach (var time in new[] { local, utc, east, local, utc })
        {
            Assert.Equal(Expected(time), Write(cache, time));
        }
    }

    [Fact]
    public void Write_SubMillisecondFormat_IsNotCached()
    {
        var cache = new TimeFormatCache("HH:mm:ss.ffffff");
        var first = Start.AddTicks(10);
        var second = Start.AddTicks(20);
        Assert.Equal("09:10:00.123001", Write(cache, first));
        Assert.Equal("09:10:00.123002", Write(cache, second));
    }

    [Fact]
    public void Write_InterleavedTimes_AllocatesOnlyWhenAMillisecondIsNew()
    {
        var cache = new TimeFormatCache(Format);
        var output = new Utf8Buffer(4096);
        var newer = Start.AddSeconds(1);
        cache.Write(output, newer, 0);
        cache.Write(output, Start, 0);
        output.Clear();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            cache.Write(output, newer, 0);
            cache.Write(output, Start, 0);
            if (output.Capacity - output.WrittenCount < 256)
            {
                output.Clear();
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(Format)]
    [InlineData("yyyy-MM-dd HH:mm:ss.fff")]
    [InlineData("HH:mm:ss")]
    public void Write_EveryMillisecondOfASecond_AllocatesOnlyForTheSecondsFirstRecord(string format)
    {
        // A logging thread writing millions of records a second: a text cached per millisecond was made (and
        // allocated) a thousand times a second on that thread.
        var cache = new TimeFormatCache(format);
        var output = new Utf8Buffer(4096);
        var second = new DateTimeOffset(2026, 11, 24, 9, 10, 0, TimeSpan.FromHours(1));
        cache.Write(output, second, 0);
        output.Clear();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            cache.Write(output, second.AddMilliseconds(i).AddTicks(i * 7), 0);
            output.Clear();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        for (var i = 0; i < 1000; i++)
        {
            var time = second.AddMilliseconds(i).AddTicks(i * 7);
            Assert.Equal(time.ToString(format, CultureInfo.InvariantCulture), Write(cache, time));
        }
    }

    private static string Expected(DateTimeOffset time) => time.ToString(Format, CultureInfo.InvariantCulture);

    private static string Write(TimeFormatCache cache, DateTimeOffset time)
    {
        var output = new Utf8Buffer(256);
        cache.Write(output, time, 0);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
