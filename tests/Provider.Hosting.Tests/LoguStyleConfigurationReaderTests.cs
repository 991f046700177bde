using System.Reflection;
using LoguStyle.Hosting.Configuration;
using LoguStyle.Testing;
using Microsoft.Extensions.Configuration;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// The configuration keys are one list in three places: the tables of docs/configuration.md, the keys the reader
/// accepts (and names in its "unknown key" message), and the properties of the options classes it fills. Every level
/// of the section: its root, the keys of each sink type (CallerInfo and MaxLevel among those of every sink), a level's
/// style under <c>Levels</c>, a custom level under <c>Levels:Custom</c>, and docs/syslog.md's table of the Syslog keys.
/// </summary>
public class LoguStyleConfigurationReaderTests
{
    internal const string Unknown = "NoSuchKey";

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
    [InlineData("Syslog")]
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
    [InlineData(typeof(SyslogSinkOptions), "Syslog")]
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

    [Fact]
    public void CommonSinkKeys_IncludeCallerInfoAndMaxLevel_ForEveryConfiguredSinkType()
    {
        // Guards the guard: the rows of every sink are read as such, so the per-type tests above cover these keys.
        foreach (var type in new[] { "Console", "File", "Syslog" })
        {
            Assert.Contains("CallerInfo", DocumentedSinkKeys(type));
            Assert.Contains("MaxLevel", DocumentedSinkKeys(type));
        }
    }

    [Fact]
    public void SyslogKeys_TheSyslogDocsTableIsTheConfigurationTablesSyslogRows()
    {
        var syslogOnly = DocumentedKeys("## Sink keys").Where(row => row.Sinks.StartsWith("Syslog", StringComparison.Ordinal)).Select(row => row.Key);

        Assert.Equal(Sorted(syslogOnly), Sorted(DocumentedKeys("## Keys", "syslog.md").Select(row => row.Key)));
    }

    [Fact]
    public void LevelKeys_TheDocsAreTheListTheReaderAcceptsAndLevelStylesProperties()
    {
        // The Levels row of the section's table names a level's keys in its values cell: "per level (...): `Name`, ...;".
        var values = DocumentedKeys("## The section", cell: 3).Single(row => row.Key == "Levels").Sinks;
        var perLevel = values[(values.IndexOf("):", StringComparison.Ordinal) + 2)..values.IndexOf(';', StringComparison.Ordinal)];
        var documented = System.Text.RegularExpressions.Regex.Matches(perLevel, "`([A-Za-z]+)`").Select(m => m.Groups[1].Value);

        var accepted = AcceptedKeys(new() { [$"Levels:Warning:{Unknown}"] = "x" }, $"Levels:Warning:{Unknown}");

        Assert.Equal(Sorted(documented), Sorted(accepted));
        Assert.Equal(Sorted(accepted), Sorted(typeof(LevelStyle).GetProperties().Select(p => p.Name)));
        Assert.All(accepted, key => Assert.DoesNotContain(Read(new() { [$"Levels:Warning:{key}"] = "<red>" }), error => error.Contains("unknown key", StringComparison.Ordinal)));

        // Under Levels: MEL's six levels and Custom.
        var levels = AcceptedLevelNames(new() { [$"Levels:{Unknown}:Name"] = "x" }, $"Levels:{Unknown}");
        Assert.Equal(Sorted(Enum.GetNames<Microsoft.Extensions.Logging.LogLevel>().Except(["None"]).Append("Custom")), Sorted(levels));
    }

    [Fact]
    public void CustomLevelKeys_TheDocsTableIsTheListTheReaderAcceptsAndCustomLevelsProperties()
    {
        var documented = DocumentedKeys("### Custom levels").Select(row => row.Key);

        var accepted = AcceptedKeys(new() { [$"Levels:Custom:NOTICE:{Unknown}"] = "x" }, $"Levels:Custom:NOTICE:{Unknown}");

        Assert.Equal(Sorted(documented), Sorted(accepted));
        Assert.Equal(Sorted(accepted), Sorted(typeof(CustomLevel).GetProperties().Select(p => p.Name)));
        Assert.All(accepted, key => Assert.DoesNotContain(Read(new() { [$"Levels:Custom:NOTICE:{key}"] = key == "Base" ? "Information" : "<cyan>" }), error => error.Contains("unknown key", StringComparison.Ordinal)));
    }

    private static IEnumerable<string> DocumentedSinkKeys(string type) =>
        DocumentedKeys("## Sink keys").Where(row => row.Sinks == "all" || row.Sinks.Contains(type, StringComparison.Ordinal)).Select(row => row.Key);

    /// <summary>
    /// The first column (a key in backticks; a row of several keys, <c>`A`, `B`</c>, gives a row for each) and the
    /// column <paramref name="cell"/> (the second unless told) of the first table after <paramref name="heading"/>.
    /// </summary>
    private static List<(string Key, string Sinks)> DocumentedKeys(string heading, string document = "configuration.md", int cell = 2)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", document));
        var rows = lines
            .SkipWhile(line => line != heading)
            .SkipWhile(line => !line.StartsWith('|'))
            .TakeWhile(line => line.StartsWith('|'))
            .Skip(2)
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .SelectMany(cells => cells[1].Split(", ").Select(key => (Key: key.Trim('`'), Sinks: cells[cell])))
            .ToList();
        Assert.NotEmpty(rows);
        return rows;
    }

    /// <summary>A sink named <c>s</c> of <paramref name="type"/> with <paramref name="key"/> set to a value.</summary>
    internal static Dictionary<string, string?> Sink(string type, string key)
    {
        var sink = new Dictionary<string, string?> { ["Sinks:s:Type"] = type };
        if (type == "File")
        {
            sink["Sinks:s:Path"] = "logs/app.log";
        }

        sink.TryAdd($"Sinks:s:{key}", "x");
        return sink;
    }

    /// <summary>The keys the reader's error for the unknown key at <paramref name="path"/> lists as accepted.</summary>
    internal static string[] AcceptedKeys(Dictionary<string, string?> section, string path)
    {
        var prefix = $"{LoguStyleConfigurationReader.SectionPath}:{path}: unknown key '{Unknown}'";
        var error = Assert.Single(Read(section), e => e.StartsWith(prefix, StringComparison.Ordinal));
        var list = error[(error.IndexOf("accepted: ", StringComparison.Ordinal) + "accepted: ".Length)..].TrimEnd('.');
        return list.Split(", ");
    }

    /// <summary>The names the reader's error for the level that is not one at <paramref name="path"/> lists as accepted.</summary>
    private static string[] AcceptedLevelNames(Dictionary<string, string?> section, string path)
    {
        var prefix = $"{LoguStyleConfigurationReader.SectionPath}:{path}: '{Unknown}' is not a level";
        var error = Assert.Single(Read(section), e => e.StartsWith(prefix, StringComparison.Ordinal));
        return error[(error.IndexOf("accepted: ", StringComparison.Ordinal) + "accepted: ".Length)..].TrimEnd('.').Split(", ");
    }

    private static List<string> Read(Dictionary<string, string?> section)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(section).Build();
        return LoguStyleConfigurationReader.Apply(configuration, new LoguStyleLoggerOptions()).Errors;
    }

    private static string[] Sorted(IEnumerable<string> keys) => [.. keys.Order(StringComparer.Ordinal)];
}
