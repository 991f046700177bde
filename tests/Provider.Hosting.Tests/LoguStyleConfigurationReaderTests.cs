using System.Reflection;
using LoguStyle.Hosting.Configuration;
using LoguStyle.Testing;
using Microsoft.Extensions.Configuration;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// The configuration keys are one list in three places: the tables of docs/configuration.md, the keys the reader
/// accepts (and names in its "unknown key" message), and the properties of the options classes it fills.
/// </summary>
public class LoguStyleConfigurationReaderTests
{
    private const string Unknown = "NoSuchKey";

    /// <summary>Properties that configuration cannot hold: the sink's name is its key under Sinks; the rest are code.</summary>
    private static readonly string[] CodeOnlySinkProperties = ["Name", "Predicate", "Patch"];

    // CustomLevels is read from Levels:Custom, under the documented Levels key.
    private static readonly string[] CodeOnlyRootProperties = ["Patches", "CustomLevels"];

    [Fact]
    public void RootKeys_TheDocsTableIsTheListTheReaderAccepts()
    {
        var documented = DocumentedKeys("## The section").Select(row => row.Key);

        var accepted = AcceptedKeys(new() { [Unknown] = "x" }, Unknown);

        Assert.Equal(Sorted(documented), Sorted(accepted));
        Assert.All(accepted, key => Assert.DoesNotContain(Read(new() { [key] = "x" }), error => error.Contains($"unknown key '{key}'", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Console")]
    [InlineData("File")]
    public void SinkKeys_TheDocsTableIsTheListTheReaderAccepts(string type)
    {
        var documented = DocumentedSinkKeys(type);

        var accepted = AcceptedKeys(Sink(type, Unknown), $"Sinks:s:{Unknown}");

        Assert.Equal(Sorted(documented), Sorted(accepted));
        Assert.All(accepted, key => Assert.DoesNotContain(Read(Sink(type, key)), error => error.Contains($"unknown key '{key}'", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(typeof(ConsoleSinkOptions), "Console")]
    [InlineData(typeof(FileSinkOptions), "File")]
    public void SinkOptions_EveryPublicProperty_IsADocumentedKeyOrCodeOnly(Type options, string type)
    {
        var properties = options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Except(CodeOnlySinkProperties);

        Assert.Equal(Sorted(DocumentedSinkKeys(type).Except(["Type"])), Sorted(properties));
    }

    [Fact]
    public void LoggerOptions_EveryPublicProperty_IsADocumentedKeyOrCodeOnly()
    {
        var properties = typeof(LoguStyleLoggerOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Except(CodeOnlyRootProperties);

        // LogLevel is MEL's own per-provider filter, read by MEL, not an option of LoguStyle's.
        Assert.Equal(Sorted(DocumentedKeys("## The section").Select(row => row.Key).Except(["LogLevel"])), Sorted(properties));
    }

    private static IEnumerable<string> DocumentedSinkKeys(string type) =>
        DocumentedKeys("## Sink keys").Where(row => row.Sinks == "all" || row.Sinks.Contains(type, StringComparison.Ordinal)).Select(row => row.Key);

    /// <summary>The first column (a key in backticks) and the second of the first table after <paramref name="heading"/>.</summary>
    private static List<(string Key, string Sinks)> DocumentedKeys(string heading)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "configuration.md"));
        var rows = lines
            .SkipWhile(line => line != heading)
            .SkipWhile(line => !line.StartsWith('|'))
            .TakeWhile(line => line.StartsWith('|'))
            .Skip(2)
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Select(cells => (Key: cells[1].Trim('`'), Sinks: cells[2]))
            .ToList();
        Assert.NotEmpty(rows);
        return rows;
    }

    /// <summary>A sink named <c>s</c> of <paramref name="type"/> with <paramref name="key"/> set to a value.</summary>
    private static Dictionary<string, string?> Sink(string type, string key)
    {
        var sink = new Dictionary<string, string?> { ["Sinks:s:Type"] = type, ["Sinks:s:Path"] = "logs/app.log" };
        sink.TryAdd($"Sinks:s:{key}", "x");
        return sink;
    }

    /// <summary>The keys the reader's error for the unknown key at <paramref name="path"/> lists as accepted.</summary>
    private static string[] AcceptedKeys(Dictionary<string, string?> section, string path)
    {
        var prefix = $"{LoguStyleConfigurationReader.SectionPath}:{path}: unknown key '{Unknown}'";
        var error = Assert.Single(Read(section), e => e.StartsWith(prefix, StringComparison.Ordinal));
        var list = error[(error.IndexOf("accepted: ", StringComparison.Ordinal) + "accepted: ".Length)..].TrimEnd('.');
        return list.Split(", ");
    }

    private static List<string> Read(Dictionary<string, string?> section)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(section).Build();
        return LoguStyleConfigurationReader.Apply(configuration, new LoguStyleLoggerOptions()).Errors;
    }

    private static string[] Sorted(IEnumerable<string> keys) => [.. keys.Order(StringComparer.Ordinal)];
}
