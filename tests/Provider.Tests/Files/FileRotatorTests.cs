using LoguStyle.Files;

namespace LoguStyle.Tests.Files;

public sealed class FileRotatorTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 10, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("", null)]
    [InlineData(".gz", null)]
    [InlineData(".zip", "gz")]
    [InlineData(".br", "gz")]
    [InlineData(".xz", "xz")]
    public void ClosedName_SkipsANameThatAClosedFileOrAnyKnownArchiveOfOneHas(string taken, string? compression)
    {
        // A closed file archived under any extension the sink knows keeps its name: the next one takes the clash number.
        File.WriteAllText(_folder.File("app.2026-11-24_09-10-00_000000+0000.log" + taken), "x");
        var configured = compression switch
        {
            null => null,
            "gz" => Compression.GZip,
            _ => Compression.Custom(compression, File.Copy),
        };

        var name = FileRotator.ClosedName(_folder.File("app.log"), Start, configured);

        Assert.Equal(_folder.File("app.2026-11-24_09-10-00_000000+0000.2.log"), name);
    }

    [Fact]
    public void ClosedName_AnArchiveUnderAnExtensionTheSinkDoesNotKnow_DoesNotTakeTheName()
    {
        File.WriteAllText(_folder.File("app.2026-11-24_09-10-00_000000+0000.log.xz"), "x");

        Assert.Equal(_folder.File("app.2026-11-24_09-10-00_000000+0000.log"), FileRotator.ClosedName(_folder.File("app.log"), Start, Compression.GZip));
    }
}
