using System.Text;
using LoguStyle.Formatting;

namespace LoguStyle.Tests.Formatting;

public class Utf8BufferTests
{
    [Fact]
    public void Write_PastCapacity_GrowsAndKeepsEverythingInOrder()
    {
        var buffer = new Utf8Buffer(16);
        var expected = new StringBuilder();
        for (var i = 0; i < 500; i++)
        {
            var piece = $"record {i};";
            buffer.Write(Encoding.UTF8.GetBytes(piece));
            expected.Append(piece);
        }

        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.True(buffer.Capacity >= buffer.WrittenCount);
    }

    [Fact]
    public void Write_PiecesOfEveryLengthAtEveryOffset_CopiesExactlyThoseBytes()
    {
        // Short pieces are copied by overlapping wide loads and stores: each length and alignment, a piece that ends at
        // the end of its array (a read past it would fault or show), and nothing written past the piece.
        var source = Enumerable.Range(1, 80).Select(i => (byte)i).ToArray();
        for (var offset = 0; offset < 17; offset++)
        {
            for (var length = 0; length <= 70; length++)
            {
                var piece = source.AsSpan(source.Length - length);
                var buffer = new Utf8Buffer(256);
                buffer.Write(new byte[offset]);
                buffer.GetSpan(200)[..200].Fill(0xEE);
                buffer.Write(piece);

                Assert.Equal([.. new byte[offset], .. piece], buffer.WrittenSpan.ToArray());
                Assert.All(buffer.GetSpan(50)[..50].ToArray(), b => Assert.Equal(0xEE, b));
            }
        }
    }

    [Fact]
    public void Write_PieceThatEndsExactlyAtCapacity_FitsWithoutGrowing()
    {
        var buffer = new Utf8Buffer(32);
        buffer.Write(new byte[7]);
        buffer.Write(Enumerable.Range(1, 25).Select(i => (byte)i).ToArray());

        Assert.Equal(32, buffer.WrittenCount);
        Assert.Equal(32, buffer.Capacity);
        Assert.Equal(25, buffer.WrittenSpan[^1]);
    }

    [Fact]
    public void GetSpan_WhenFull_GivesRoomForAtLeastTheHintAndAtLeastOneByte()
    {
        var buffer = new Utf8Buffer(16);
        buffer.Write(new byte[16]);

        Assert.True(buffer.GetSpan().Length >= 1);
        Assert.True(buffer.GetSpan(1000).Length >= 1000);
        Assert.Equal(16, buffer.WrittenCount);
    }

    [Fact]
    public void GetSpanAndAdvance_AsTheJsonWriterUsesThem_AppendAfterEarlierBytes()
    {
        var buffer = new Utf8Buffer(16);
        buffer.Write("ab"u8);
        var span = buffer.GetSpan(3);
        "cde"u8.CopyTo(span);
        buffer.Advance(3);

        Assert.Equal("abcde", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Advance_PastTheRoomGiven_ThrowsAndKeepsWhatWasWritten()
    {
        var buffer = new Utf8Buffer(16);
        buffer.Write("abc"u8);

        var error = Assert.Throws<InvalidOperationException>(() => buffer.Advance(100));
        Assert.Contains("100", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => buffer.Advance(-1));
        Assert.Equal("abc", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void Clear_StartsOverAtTheBeginning()
    {
        var buffer = new Utf8Buffer(16);
        buffer.Write("old record"u8);
        buffer.Clear();
        buffer.Write("new"u8);

        Assert.Equal("new", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
