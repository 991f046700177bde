using System.Text.RegularExpressions;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// Each C# block of README.md and docs/*.md is in one of the files of DocSnippets/, which this project compiles: the
/// block's lines in order, in a file whose using lines are exactly the block's (or samples/WebApi/Program.cs, which its own project compiles). Those files are in a namespace outside
/// LoguStyle, so a block compiles only if the usings it shows (and the SDK's implicit ones) are enough.
/// </summary>
public partial class DocSnippetsTests
{
    [Fact]
    public void EveryCSharpBlockOfTheDocs_IsCompiledWithTheUsingsItShows()
    {
        // docs/aspnetcore.md shows samples/WebApi's Program.cs whole (top-level statements, which no snippet file can
        // hold beside others): the sample's own build compiles it, and AspNetCoreDocTests keeps the two the same.
        var snippets = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "Provider.Hosting.Tests", "DocSnippets"), "*.cs")
            .Append(Path.Combine(RepositoryPaths.Root, "samples", "WebApi", "Program.cs"))
            .Select(file => Split(File.ReadAllText(file)))
            .ToList();
        var documents = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Prepend(Path.Combine(RepositoryPaths.Root, "README.md"));

        var blocks = documents
            .SelectMany(document => CSharpBlock().Matches(File.ReadAllText(document)).Select(match => (Document: Path.GetFileName(document), Code: match.Groups[1].Value)))
            .ToList();
        var missing = blocks
            .Where(block =>
            {
                var (usings, body) = Split(block.Code);
                return !snippets.Any(snippet => snippet.Usings.SetEquals(usings) && Contains(snippet.Body, body));
            })
            .Select(block => $"{block.Document}:\n{block.Code}");

        Assert.True(blocks.Count >= 10, $"found only {blocks.Count} C# blocks");
        Assert.Empty(missing);
    }

    /// <summary>The using directives (not using statements or declarations) and the other lines, trimmed, without blank ones.</summary>
    private static (HashSet<string> Usings, List<string> Body) Split(string code)
    {
        var lines = code.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
        static bool IsDirective(string line) => line.StartsWith("using ", StringComparison.Ordinal) && line.EndsWith(';') && !line.Contains('(', StringComparison.Ordinal) && !line.Contains('=', StringComparison.Ordinal);
        return ([.. lines.Where(IsDirective)], [.. lines.Where(line => !IsDirective(line))]);
    }

    private static bool Contains(List<string> lines, List<string> block) =>
        Enumerable.Range(0, Math.Max(0, lines.Count - block.Count + 1)).Any(start => lines.Skip(start).Take(block.Count).SequenceEqual(block));

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
