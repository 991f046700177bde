using System.Globalization;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Files;

namespace LoguStyle.Tests.Files;

public class TimeFormatPatternTests
{
    private static readonly string[] Pieces =
    [
        "yyyy", "yy", "y", "yyy", "yyyyy", "MM", "M", "MMM", "MMMM", "dd", "d", "ddd", "dddd", "HH", "H", "hh", "h", "mm",
        "m", "ss", "s", "f", "fff", "ffffff", "fffffff", "F", "FFF", "FFFFFFF", "tt", "t", "zzz", "zz", "z", "K", "g",
        "-", "_", ".", ",", " ", "'T'", "\"at\"", "\\h", "%d", "%H", "x", "q", "s", "o", "u",
    ];

    [Theory]
    [InlineData("yyyy-MM-dd", "2026-11-24", true)]
    [InlineData("yyyy-MM-dd", "audit", false)]
    [InlineData("yyyy-MM-dd", "2026-13-01", false)]
    [InlineData("yyyy-MM-dd", "2026-11-32", false)]
    [InlineData("yyyy-MM-dd", "2026-1-24", false)]
    [InlineData("yyyy-MM-dd", "2026-11-24x", false)]
    [InlineData("yyyy-MM-dd_HH-mm-ss_ffffff", "2026-11-24_09-10-00_123456", true)]
    [InlineData("yyyy-MM-dd_HH-mm-ss_ffffff", "2026-11-24_24-10-00_123456", false)]
    [InlineData("HH'h'mm", "09h10", true)]
    [InlineData("ss.FFF", "07", true)]
    [InlineData("ss.FFF", "07.5", true)]
    [InlineData("ss.FFF", "07.", false)]
    [InlineData("ss.FFF", "07.500", false)]
    [InlineData("gFFF", "A.D", true)]
    [InlineData("gFFF", "A.D.5", true)]
    [InlineData("'x.'F", "x", true)]
    [InlineData("MMM-dd", "Nov-24", true)]
    [InlineData("MMM-dd", "Foo-24", false)]
    [InlineData("s", "2026-11-24T09:10:00", true)]
    public void For_MatchesExactlyWhatTheFormatWrites(string format, string text, bool expected)
    {
        Assert.Equal(expected, Regex.IsMatch(text, "^(?:" + TimeFormatPattern.For(format) + ")$", RegexOptions.CultureInvariant));
    }

    [Property(MaxTest = 3_000)]
    public Property For_AnyFormatAndInstant_MatchesItsText() =>
        Prop.ForAll(Formats().ToArbitrary(), Instants().ToArbitrary(), (format, instant) =>
        {
            var text = instant.ToString(format, CultureInfo.InvariantCulture);
            var pattern = "^(?:" + TimeFormatPattern.For(format) + ")$";
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant).Label($"'{format}' wrote '{text}', not matched by {pattern}");
        });

    private static Gen<string> Formats() =>
        Gen.Choose(1, 6)
            .SelectMany(count => Gen.ArrayOf(Gen.Elements(Pieces), count))
            .Select(string.Concat)
            .Where(Accepted);

    private static Gen<DateTimeOffset> Instants() =>
        from ticks in Gen.Choose(0, int.MaxValue).SelectMany(high => Gen.Choose(0, int.MaxValue).Select(low => ((long)high << 31) | (uint)low))
        from offsetMinutes in Gen.Choose(-14 * 60, 14 * 60)
        let utc = new DateTime(1, 1, 2).AddTicks(ticks % (DateTime.MaxValue.Ticks - TimeSpan.TicksPerDay * 3))
        select new DateTimeOffset(utc.AddMinutes(offsetMinutes), TimeSpan.FromMinutes(offsetMinutes));

    private static bool Accepted(string format)
    {
        try
        {
            _ = DateTimeOffset.UnixEpoch.ToString(format, CultureInfo.InvariantCulture);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
