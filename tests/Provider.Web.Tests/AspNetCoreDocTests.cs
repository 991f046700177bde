using System.Text.RegularExpressions;

namespace LoguStyle.Web.Tests;

/// <summary>
/// docs/aspnetcore.md opens with a complete Program.cs and appsettings.json for a new <c>dotnet new web</c> app; they
/// are samples/WebApi's, which the other tests of this project run, so the page cannot drift from code that is tested.
/// </summary>
public partial class AspNetCoreDocTests
{
    private static readonly string Page = Normalise(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "aspnetcore.md")));

    [Fact]
    public void Page_FirstCSharpBlock_IsTheSamplesProgramCs()
    {
        Assert.Equal(Sample("Program.cs"), FirstBlock(CSharpBlock()));
    }

    [Fact]
    public void Page_FirstJsonBlock_IsTheSamplesAppSettings()
    {
        Assert.Equal(Sample("appsettings.json"), FirstBlock(JsonBlock()));
    }

    private static string Sample(string file) => Normalise(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "WebApi", file)));

    private static string FirstBlock(Regex block)
    {
        var match = block.Match(Page);
        Assert.True(match.Success, "docs/aspnetcore.md has no such block");
        return match.Groups[1].Value;
    }

    // Line ends only: a checkout with CRLF files must not fail the test.
    private static string Normalise(string text) => text.ReplaceLineEndings("\n");

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"```json\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
