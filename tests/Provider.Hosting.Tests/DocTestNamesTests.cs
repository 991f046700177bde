using System.Text.RegularExpressions;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// The docs prove their claims by naming tests; a renamed or removed test must not leave a doc pointing at nothing.
/// The rule for what counts as a test name, stated once: inside a backticked span of README.md or docs/*.md, an
/// identifier that ends in <c>Tests</c> (with at least one character before it) is a test class, and
/// <c>XxxTests.Member</c> names a test method of it. Other backticked names (code identifiers such as
/// <c>LogRecord.Message</c>) do not end in Tests and are not checked. Two forms are allowed on purpose:
/// <c>XxxTests.Prefix_*</c> names every test whose name starts with the prefix (at least one must exist), and
/// <c>XxxTests.cs</c> names a file (it must exist under tests/).
/// A test method is a public method whose attributes, directly above it, include one whose name ends in Fact,
/// Theory or Property (xunit's, Xunit.SkippableFact's, FsCheck.Xunit's). The tests are read as source text, since
/// they live in four test projects that this one does not reference.
/// </summary>
public partial class DocTestNamesTests
{
    [Fact]
    public void EveryTestNamedInTheDocs_ExistsAsATestMethodUnderTests()
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file))
            .ToDictionary(file => file, File.ReadAllText);
        var names = DocumentedNames().ToList();

        var missing = names
            .Where(name => !Exists(name.Class, name.Member, sources))
            .Select(name => $"{name.Document}:{name.Line}: `{name.Text}`")
            .ToList();

        // Guards the guard: a regex that matched nothing would pass every doc.
        Assert.True(names.Count(name => name.Member is not null) >= 100, $"found only {names.Count} test names in the docs");
        Assert.True(missing.Count == 0, "named in the docs, but no such test under tests/:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Exists_ReadsTestMethodsAsTheRuleSays()
    {
        var sources = new Dictionary<string, string>
        {
            ["tests/A/SomeTests.cs"] = """
                public partial class SomeTests
                {
                    [Fact]
                    public void Plain_Works() { }

                    [SkippableTheory]
                    [InlineData(1)]
                    public async Task Skippable_Works(int n) { }

                    [Property(MaxTest = 10)]
                    public Property Generated_Works() => default!;

                    public void Helper_IsNoTest() { }
                }
                """,
            ["tests/A/SomeTests.More.cs"] = """
                public partial class SomeTests
                {
                    [Fact]
                    public void InTheOtherPart_Works() { }
                }
                """,
        };

        Assert.True(Exists("SomeTests", null, sources));
        Assert.True(Exists("SomeTests", "Plain_Works", sources));
        Assert.True(Exists("SomeTests", "Skippable_Works", sources));
        Assert.True(Exists("SomeTests", "Generated_Works", sources));
        Assert.True(Exists("SomeTests", "InTheOtherPart_Works", sources));
        Assert.True(Exists("SomeTests", "Skippable_*", sources));
        Assert.True(Exists("SomeTests", "cs", sources));
        Assert.False(Exists("SomeTests", "Helper_IsNoTest", sources));
        Assert.False(Exists("SomeTests", "Plain", sources));
        Assert.False(Exists("SomeTests", "Missing_*", sources));
        Assert.False(Exists("OtherTests", null, sources));
        Assert.False(Exists("OtherTests", "cs", sources));
    }

    private static IEnumerable<(string Document, int Line, string Text, string Class, string? Member)> DocumentedNames()
    {
        var documents = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Prepend(Path.Combine(RepositoryPaths.Root, "README.md"));
        foreach (var document in documents)
        {
            var lines = File.ReadAllLines(document);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match span in Backticked().Matches(lines[i]))
                {
                    foreach (Match name in TestName().Matches(span.Groups[1].Value))
                    {
                        var member = name.Groups["member"].Success ? name.Groups["member"].Value : null;
                        yield return (Path.GetFileName(document), i + 1, name.Value, name.Groups["class"].Value, member);
                    }
                }
            }
        }
    }

    private static bool Exists(string className, string? member, IReadOnlyDictionary<string, string> sources)
    {
        if (member == "cs")
        {
            return sources.Keys.Any(file => Path.GetFileName(file) == className + ".cs");
        }

        var declaring = sources.Values.Where(text => Regex.IsMatch(text, $@"\bclass\s+{className}\b")).ToList();
        if (member is null || declaring.Count == 0)
        {
            return declaring.Count > 0;
        }

        var memberPattern = member.EndsWith('*') ? Regex.Escape(member.TrimEnd('*')) + @"\w*" : Regex.Escape(member);
        var testMethod = new Regex(
            $@"\[\w*(?:Fact|Theory|Property)\b[^\n]*\n(?:\s*(?://[^\n]*|\[[^\n]*)\n)*\s*public\s[^\n(]*\b{memberPattern}\s*\(");
        return declaring.Any(testMethod.IsMatch);
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"\b(?<class>\w+Tests)(?:\.(?<member>\w+\*?))?")]
    private static partial Regex TestName();
}
