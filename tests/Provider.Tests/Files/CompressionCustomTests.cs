namespace LoguStyle.Tests.Files;

/// <summary>
/// <see cref="Compression.Custom"/> refuses, at the call, an extension every archive would fail with (an outside test:
/// "a/b" put each archive in a folder that does not exist, and each rotation failed) and the extension of an archive
/// still being written; any name of letters, digits, '.', '-' and '_' is taken, with or without its dot.
/// </summary>
public sealed class CompressionCustomTests
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData(".")]
    [InlineData("zst.")]
    [InlineData("z st")]
    [InlineData("part")]
    [InlineData(".PART")]
    public void Custom_ExtensionNoArchiveCanHave_ThrowsNamingTheParameter(string extension)
    {
        var error = Assert.Throws<ArgumentException>(() => Compression.Custom(extension, File.Copy));

        Assert.Equal("extension", error.ParamName);
        Assert.StartsWith($"'{extension}' is ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zst", ".zst")]
    [InlineData(".tar.xz", ".tar.xz")]
    [InlineData("my-ext_2", ".my-ext_2")]
    public void Custom_ExtensionOfAFileName_IsTaken(string extension, string archive)
    {
        var compression = Compression.Custom(extension, File.Copy);

        Assert.Equal(archive, compression.Extension);
    }
}
