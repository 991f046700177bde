using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Files;
using LoguStyle.Parsing;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Parsing;

/// <summary>
/// Property tests of the size, duration and clock grammars: any text either parses or throws the documented
/// <see cref="GrammarException"/>, and every value a grammar formats parses back to itself.
/// </summary>
public class GrammarPropertyTests
{
    private const int Runs = 2_000;

    // Pieces of the grammars and near misses, so generated texts reach deep into the parsers (huge numbers, stacked
    // units, stray separators), not only the first character as arbitrary strings mostly do.
    private static readonly string[] Pieces =
    [
        "0", "1", "7", "12", "59", "60", "99999999999999999999", "79228162514264337593543950335", "9223372036854775807",
        "0.5", ".", "..", "1.", "-", "+", "e5", " ", "  ", ",", ":", "\t", "\u00a0", "٣",
        "B", "b", "KB", "MiB", "GiB", "TB", "TiB", "ms", "s", "sec", "min", "h", "hours", "d", "days", "w", "weeks", "month",
        "y", "years", "at", " at ", "monday", "Sunday", "w0", "w6", "w9", "AM", "pm", "UTC", " UTC", "hourly", "daily",
        "weekly", "monthly", "yearly", "00:00", "23:59:59", "24:00", "{", "\0", "\u001b[31m",
    ];

    private static Arbitrary<string> GrammarLike { get; } =
        Gen.ListOf(Gen.Elements(Pieces)).Select(parts => string.Concat(parts)).ToArbitrary();

    [Property(MaxTest = Runs)]
    public Property AnyString_ParsesOrThrowsGrammarExceptionOnly() =>
        Prop.ForAll(ArbMap.Default.ArbFor<NonNull<string>>(), text => ParsesOrThrowsGrammarException(text.Get));

    [Property(MaxTest = Runs)]
    public Property GrammarLikeString_ParsesOrThrowsGrammarExceptionOnly() =>
        Prop.ForAll(GrammarLike, ParsesOrThrowsGrammarException);

    [Property(MaxTest = Runs)]
    public Property Size_FormattedBytes_ParseBackToThemselves() =>
        Prop.ForAll(Sizes(), bytes => SizeGrammar.Parse(SizeGrammar.Format(bytes)) == bytes);

    [Property(MaxTest = Runs)]
    public Property Size_NumberAndUnitText_ParsesToNumberTimesUnit() =>
        Prop.ForAll(
            (from number in Gen.Choose(1, int.MaxValue)
             from unit in Gen.Elements(("B", 1L), ("kb", 1000L), ("MB", 1_000_000L), ("KiB", 1024L), ("gib", 1L << 30))
             select (Number: number, Unit: unit.Item1, Factor: unit.Item2)).ToArbitrary(),
            size => SizeGrammar.Parse(string.Create(CultureInfo.InvariantCulture, $"{size.Number} {size.Unit}")) == size.Number * size.Factor);

    [Property(MaxTest = Runs)]
    public Property Duration_FormattedDuration_ParsesBackToItself() =>
        Prop.ForAll(Durations(), duration => DurationGrammar.Parse(DurationGrammar.Format(duration)) == duration);

    [Property(MaxTest = Runs)]
    public Property Duration_TermsText_ParsesToTheirSum() =>
        Prop.ForAll(
            Gen.ListOf(
                    from number in Gen.Choose(0, 10_000)
                    from unit in Gen.Elements(("ms", 1L), ("s", 1000L), ("min", 60_000L), ("hours", 3_600_000L), ("d", 86_400_000L), ("w", 604_800_000L))
                    select (Number: number, Unit: unit.Item1, Milliseconds: unit.Item2))
                .Where(terms => terms.Sum(term => term.Number) > 0)
                .ToArbitrary(),
            terms =>
            {
                var text = string.Join(", ", terms.Select(term => string.Create(CultureInfo.InvariantCulture, $"{term.Number} {term.Unit}")));
                var expected = TimeSpan.FromMilliseconds(terms.Sum(term => term.Number * term.Milliseconds));
                return DurationGrammar.Parse(text) == expected;
            });

    [Property(MaxTest = Runs)]
    public Property Clock_FormattedSchedule_ParsesBackToTheSameSchedule() =>
        Prop.ForAll(Schedules(), Instants(), (rotation, started) =>
        {
            var text = rotation.ToString()!;
            var parsed = ClockGrammar.Parse(text);
            return parsed.ToString() == text &&
                parsed.NextBoundary(started, TestZones.CentralEurope) == rotation.NextBoundary(started, TestZones.CentralEurope);
        });

    private static bool ParsesOrThrowsGrammarException(string text)
    {
        foreach (var parse in new Action<string>[] { t => SizeGrammar.Parse(t), t => DurationGrammar.Parse(t), t => ClockGrammar.Parse(t), t => Rotation.Parse(t) })
        {
            try
            {
                parse(text);
            }
            catch (GrammarException ex)
            {
                if (ex.Value != text)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static Arbitrary<long> Sizes() =>
        Gen.OneOf(
            Gen.Choose(1, int.MaxValue).Select(n => (long)n),
            ArbMap.Default.GeneratorFor<long>().Where(n => n > 0),
            from number in Gen.Choose(1, 1 << 20)
            from factor in Gen.Elements(1000L, 1024L, 1_000_000L, 1L << 20, 1L << 30, 1_000_000_000_000L)
            select number * factor)
        .ToArbitrary();

    private static Arbitrary<TimeSpan> Durations() =>
        Gen.OneOf(
            ArbMap.Default.GeneratorFor<long>().Where(ticks => ticks > 0).Select(TimeSpan.FromTicks),
            Gen.Choose(1, int.MaxValue).Select(ms => TimeSpan.FromMilliseconds(ms)),
            Gen.Choose(1, 100_000).Select(seconds => TimeSpan.FromSeconds(seconds)))
        .ToArbitrary();

    private static Arbitrary<Rotation> Schedules()
    {
        var at = from hour in Gen.Choose(0, 23) from minute in Gen.Choose(0, 59) from second in Gen.Choose(0, 59) select new TimeOnly(hour, minute, second);
        var utc = ArbMap.Default.GeneratorFor<bool>();
        return Gen.OneOf(
            utc.Select(u => Rotation.Hourly(u)),
            from time in at from u in utc select Rotation.Daily(time, u),
            from day in Gen.Elements(Enum.GetValues<DayOfWeek>()) from time in at from u in utc select Rotation.Weekly(day, time, u),
            utc.Select(u => Rotation.Monthly(u)),
            utc.Select(u => Rotation.Yearly(u)))
        .ToArbitrary();
    }

    private static Arbitrary<DateTimeOffset> Instants() =>
        Gen.Choose(0, 3 * 365 * 24 * 60).Select(minutes => new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(minutes)).ToArbitrary();
}
