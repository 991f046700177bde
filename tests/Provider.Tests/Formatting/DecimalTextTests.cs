using System.Globalization;
using System.Text;
using LoguStyle.Formatting;

namespace LoguStyle.Tests.Formatting;

public class DecimalTextTests
{
    public static TheoryData<decimal> Everyday => new()
    {
        29.97m, -29.97m, 0m, 0.00m, new decimal(0, 0, 0, isNegative: true, scale: 3), 1.0m, 0.001m, -0.5m, 100m, 0.10m,
        1e-28m, -1e-28m, 18446744073709551615m, -18446744073709551615m, 1844674407370955.1615m, 0.0000000000000000001m,
    };

    [Theory]
    [MemberData(nameof(Everyday))]
    public void TryWrite_EverydayAndEdgeValues_SameTextAsDecimalToString(decimal value)
    {
        Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Write(value));
    }

    [Fact]
    public void TryWrite_RandomValuesOfEveryScaleAndSign_SameTextAsDecimalToStringOrDeclined()
    {
        var random = new Random(20261124);
        var written = 0;
        for (var i = 0; i < 200_000; i++)
        {
            // Unscaled values of every width up to 96 bits (each width about as often), so short and long digit runs,
            // and every scale against them, are all covered.
            var bits = random.Next(0, 97);
            var lo = Word(random, bits);
            var mid = Word(random, bits - 32);
            var hi = Word(random, bits - 64);
            var value = new decimal(lo, mid, hi, random.Next(2) == 0, (byte)random.Next(0, 29));

            var buffer = new byte[64];
            if (DecimalText.TryWrite(value, buffer, out var length))
            {
                Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetString(buffer, 0, length));
                written++;
            }
            else
            {
                Assert.NotEqual(0, hi);
            }
        }

        Assert.True(written > 100_000, $"only {written} values took the fast path");
    }

    [Fact]
    public void TryWrite_ExactlyEnoughRoom_WritesAll()
    {
        var buffer = new byte[11];
        Assert.True(DecimalText.TryWrite(-12345.6789m, buffer, out var length));
        Assert.Equal("-12345.6789", Encoding.UTF8.GetString(buffer, 0, length));
    }

    [Fact]
    public void TryWrite_TooLittleRoom_DeclinesAndWritesNothingPastTheRoom()
    {
        var buffer = new byte[8];
        Assert.False(DecimalText.TryWrite(-12345.6789m, buffer.AsSpan(0, 5), out var length));
        Assert.Equal(0, length);
        Assert.All(buffer, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Render_DecimalValueInATemplate_WrittenAsMelWritesIt()
    {
        var template = MessageTemplate.Parse("bought {Count} items for {Price} ({Discount:0.0})")!;
        var buffer = new Utf8Buffer(64);
        template.Render(buffer, [new("Count", 3), new("Price", -0.070m), new("Discount", 1.25m)]);

        Assert.Equal("bought 3 items for -0.070 (1.3)", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    // The low `bits` bits of a random 32-bit word (all 32 when bits >= 32, none when bits <= 0).
    private static int Word(Random random, int bits)
    {
        var word = (uint)random.NextInt64(0, 1L << 32);
        return bits <= 0 ? 0 : bits >= 32 ? (int)word : (int)(word & ((1u << bits) - 1));
    }

    private static string Write(decimal value)
    {
        var buffer = new byte[64];
        Assert.True(DecimalText.TryWrite(value, buffer, out var length));
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
