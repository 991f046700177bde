using System.Globalization;

namespace LoguStyle.Parsing;

/// <summary>
/// Sizes: a number and a unit, case-insensitive. <c>B</c>; <c>KB MB GB TB</c> are powers of 1000 and
/// <c>KiB MiB GiB TiB</c> powers of 1024 (<c>"500 MB"</c> = 500,000,000 bytes, <c>"1.5 GiB"</c> = 1,610,612,736).
/// A bare whole number is bytes. Unlike Loguru, a lower-case <c>b</c> is bytes, not bits.
/// </summary>
internal static class SizeGrammar
{
    /// <summary>The accepted forms, for error messages.</summary>
    public const string Expected = "a size: a positive number and a unit B, KB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024), e.g. \"500 MB\", \"1.5 GiB\", or a whole number of bytes";

    private static readonly (string Unit, long Factor)[] Units =
    [
        ("B", 1),
        ("KB", 1000), ("MB", 1000 * 1000), ("GB", 1000L * 1000 * 1000), ("TB", 1000L * 1000 * 1000 * 1000),
        ("KIB", 1024), ("MIB", 1024 * 1024), ("GIB", 1024L * 1024 * 1024), ("TIB", 1024L * 1024 * 1024 * 1024),
    ];

    /// <summary>Parses a size to bytes.</summary>
    /// <exception cref="GrammarException">The text is not a size.</exception>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var bytes) ? bytes : throw new GrammarException(text, Expected);
    }

    /// <summary>Tries to parse a size to bytes; false when the text is not a size.</summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var split = 0;
        while (split < span.Length && (char.IsAsciiDigit(span[split]) || span[split] == '.'))
        {
            split++;
        }

        var number = span[..split];
        var unit = span[split..].Trim();
        if (number.IsEmpty ||
            !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        long factor;
        if (unit.IsEmpty)
        {
            if (number.Contains('.'))
            {
                return false;
            }

            factor = 1;
        }
        else
        {
            factor = 0;
            foreach (var (name, unitFactor) in Units)
            {
                if (unit.Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    factor = unitFactor;
                }
            }

            if (factor == 0)
            {
                return false;
            }
        }

        if (factor == 1 && value != decimal.Truncate(value))
        {
            // A byte has no fraction ("1.5 B" was once rounded to 2); a larger unit's fraction is rounded to whole bytes.
            return false;
        }

        try
        {
            var total = decimal.Round(value * factor, MidpointRounding.AwayFromZero);
            if (total < 1 || total > long.MaxValue)
            {
                return false;
            }

            bytes = (long)total;
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Formats bytes in the largest unit that keeps the number whole (round-trips through <see cref="Parse"/>).</summary>
    public static string Format(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        for (var i = Units.Length - 1; i > 0; i--)
        {
            var (unit, factor) = Units[i];
            if (bytes % factor == 0 && bytes >= factor)
            {
                var name = unit.Length == 3 ? unit[..1] + "i" + unit[2..] : unit;
                return string.Create(CultureInfo.InvariantCulture, $"{bytes / factor} {name}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
    }
}
