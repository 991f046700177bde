using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Formatting;
using LoguStyle.Sinks.Syslog;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// The formatter's fast paths write the bytes of the plain ones they replaced: the RFC 5424 and RFC 3164 timestamps (and
/// any format whose fraction <see cref="TimeFormatCache"/> writes by hand) cached per second, against
/// <see cref="DateTimeOffset.ToString(string, IFormatProvider)"/>, and the SD names
/// compared as bytes against a set of the names as strings (the code before, as the oracle).
/// </summary>
public class Rfc5424FormatterPropertyTests
{
    private const int Runs = 1_000;

    // Times near each other (the same second, the next, another offset) and far apart, in any order.
    private static Arbitrary<DateTimeOffset[]> Times { get; } =
        Gen.ArrayOf(
            from seconds in Gen.Choose(0, 3)
            from ticks in Gen.Choose(0, 9_999_999)
            from offset in Gen.Elements(-840, -90, 0, 60, 330, 840)
            from year in Gen.Elements(2, 1999, 2026, 9998)
            select new DateTimeOffset(new DateTime(year, 3, 1, 23, 59, 58).AddSeconds(seconds).AddTicks(ticks), TimeSpan.FromMinutes(offset)))
        .ToArbitrary();

    // Names that collide once made SD-NAMEs (= ] " and space become _, cut at 32, empty is _), and values to escape,
    // and values of the runtime's types the formatter writes as UTF-8 without a string (the oracle makes the string).
    private static Arbitrary<KeyValuePair<string, object?>[]> Pairs { get; } =
        Gen.ArrayOf(
            from name in Gen.Elements("A", "a", "A=", "A]", "A\"", "A_", "A ", "", "{OriginalFormat}", "é", "😀", new string('n', 31), new string('n', 32), new string('n', 33), new string('n', 40))
            from value in Gen.Elements<object?>("1", "quote \" ] \\", "Grüße", null, 42, -7L, (byte)7, 2.5f, -3.25, 1e300, double.NaN, 12.345m, new DateTime(2026, 12, 1, 9, 10, 0, 123), new DateTimeOffset(2026, 12, 1, 9, 10, 0, TimeSpan.FromHours(-5)), TimeSpan.FromMilliseconds(1234), new Guid("6f9619ff-8b86-d011-b42d-00c04fc964ff"), new Version(1, 2, 3), true, 'x', new[] { 1, 2 })
            select new KeyValuePair<string, object?>(name, value))
        .ToArbitrary();

    [Property(MaxTest = Runs)]
    public Property Timestamp_AnyTimesInAnyOrder_SameBytesAsTheFormatString() =>
        Prop.ForAll(Times, times =>
        {
            var timestamp = TimeFormatCache.Rfc5424();
            return times.All(time =>
                Write(timestamp, time) == time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture));
        });

    [Property(MaxTest = Runs)]
    public Property Rfc3164Timestamp_AnyTimesInAnyOrder_MonthDayPaddedWithASpaceAndTime() =>
        Prop.ForAll(Times, times =>
        {
            var timestamp = TimeFormatCache.Rfc3164();
            return times.All(time =>
                Write(timestamp, time) == string.Create(CultureInfo.InvariantCulture, $"{time:MMM} {time.Day,2} {time:HH:mm:ss}"));
        });

    // Every length of fraction the cache writes by hand, before and after other fields and quoted literals; formats
    // without a fraction (cached per second too) and with 'F' (cached per millisecond).
    [Property(MaxTest = Runs)]
    public Property FractionFormats_AnyTimesInAnyOrder_SameTextAsTheFormatString() =>
        Prop.ForAll(Times, Gen.Elements("ffff", "s.fffff", "HH:mm:ss.ffffff zzz", "'f='fffffff' at 'HH", "yyyy-MM-dd'T'HH:mm:ss.ffffffK", "yyyy-MM-dd HH:mm:ss.fff", "HH:mm:ss.f", "s.ff zzz", "'F='fff", "HH:mm:ss", "yyyy-MM-dd HH:mm zzz", "ss.FFF", "HH:mm:ss.ff 'and' ff").ToArbitrary(), (times, format) =>
        {
            var timestamp = new TimeFormatCache(format);
            return times.All(time => Write(timestamp, time) == time.ToString(format, CultureInfo.InvariantCulture));
        });

    private static string Write(TimeFormatCache cache, DateTimeOffset time)
    {
        var buffer = new Utf8Buffer(16);
        cache.Write(buffer, time, alignment: 0);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Property(MaxTest = Runs)]
    public Property StructuredData_AnyNamesPropertiesAndScopes_SameAsASetOfNameStrings() =>
        Prop.ForAll(Pairs, Pairs, Pairs, (properties, inner, outer) =>
        {
            var record = new LogRecord(Render.Time, LogLevel.Information, "c", "hello")
            {
                ProcessId = 4242,
                Properties = properties,
                Scopes = [outer, "not pairs", inner],
            };
            var buffer = new Utf8Buffer(64);
            new Rfc5424Formatter(new SyslogSinkOptions { AppName = "shop", Format = "{message}", MaxMessageBytes = 65536 }, LevelTable.Default, "web-1").Render(record, buffer);

            return Encoding.UTF8.GetString(buffer.WrittenSpan) == $"<14>1 2026-11-24T09:10:00.123000+01:00 web-1 shop 4242 - {Oracle([.. properties, .. inner, .. outer])} hello";
        });

    // The structured data as the formatter wrote it before: a set of the names as strings, first one wins.
    private static string Oracle(IEnumerable<KeyValuePair<string, object?>> pairs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (key == "{OriginalFormat}" || !seen.Add(SyslogText.SdName(key)))
            {
                continue;
            }

            var escaped = new Utf8Buffer(16);
            SyslogText.WriteParamValue(escaped, CollectionValue.Text(value));
            text.Append(' ').Append(SyslogText.SdName(key)).Append("=\"").Append(Encoding.UTF8.GetString(escaped.WrittenSpan)).Append('"');
        }

        return text.Length == 0 ? "-" : "[logustyle@32473" + text + "]";
    }
}
