using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace LoguStyle.Tests.Parsing;

/// <summary>
/// <c>Rotation</c>, <c>Retention</c> and <c>Compression</c> have a <c>TryParse</c> beside <c>Parse</c> (an outside review
/// asked for one: checking your own settings meant catching <see cref="GrammarException"/>): it gives what Parse gives,
/// and false, never a throw, for anything Parse refuses, null included.
/// </summary>
public sealed class TryParseTests
{
    [Theory]
    [InlineData("500 MB")]
    [InlineData("1 week")]
    [InlineData("monday at 12:00")]
    [InlineData("daily")]
    public void Rotation_TryParse_GivesWhatParseGives(string text)
    {
        Assert.True(Rotation.TryParse(text, out var rotation));
        Assert.Equal(Rotation.Parse(text).ToString(), rotation.ToString());
    }

    [Theory]
    [InlineData("5")]
    [InlineData("1 GB")]
    [InlineData("10 days")]
    public void Retention_TryParse_GivesWhatParseGives(string text)
    {
        Assert.True(Retention.TryParse(text, out var retention));
        Assert.Equal(Retention.Parse(text).ToString(), retention.ToString());
    }

    [Theory]
    [InlineData("gz")]
    [InlineData("ZIP")]
    [InlineData("brotli")]
    public void Compression_TryParse_GivesWhatParseGives(string text)
    {
        Assert.True(Compression.TryParse(text, out var compression));
        Assert.Same(Compression.Parse(text), compression);
    }

    [Property(MaxTest = 500)]
    public Property TryParse_IsFalseExactlyWhereParseThrows_AndOtherwiseGivesWhatParseGives() =>
        Prop.ForAll(Arb.From(Texts()), text =>
        {
            Check(text, Rotation.Parse, (string? t, out Rotation? r) => Rotation.TryParse(t, out r));
            Check(text, Retention.Parse, (string? t, out Retention? r) => Retention.TryParse(t, out r));
            Check(text, Compression.Parse, (string? t, out Compression? r) => Compression.TryParse(t, out r));
        });

    private delegate bool TryParser<T>(string? text, out T? result);

    private static void Check<T>(string? text, Func<string, T> parse, TryParser<T> tryParse)
        where T : class
    {
        T? parsed = null;
        try
        {
            parsed = parse(text!);
        }
        catch (Exception ex) when (ex is GrammarException or ArgumentException)
        {
        }

        Assert.Equal(parsed is not null, tryParse(text, out var tried));
        Assert.Equal(parsed?.ToString(), tried?.ToString());
    }

    // Pieces of each grammar, good and bad, put together: sizes, counts, durations, clock times, compressions.
    private static Gen<string?> Texts()
    {
        var pieces = Gen.Elements("0", "1", "5", "1.5", "500", "-1", " ", "MB", "B", "KiB", "days", "1 week", "PM", "AM", "12:00", "monday", " at ", "UTC", "gz", "zip", "br", "bz2", "bogus", "");
        var text = Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(pieces, n)).Select(parts => (string?)string.Concat(parts));
        return Gen.Frequency((1, Gen.Constant((string?)null)), (20, text));
    }
}
