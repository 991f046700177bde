using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static LoguStyle.Hosting.Tests.LoguStyleConfigurationReaderTests;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// One rule for a key given empty (JSON <c>""</c> or <c>null</c>, which MEL hands a provider alike): a start-up error
/// naming the key, saying it is empty, listing what the key accepts (as its error for a wrong value lists it) and how to
/// keep the default; except the keys whose docs give the empty value a meaning (docs/configuration.md, "Empty values").
/// The keys are the ones the reader accepts, as its "unknown key" errors list them, at every level of the section.
/// </summary>
public class EmptyValueConfigurationTests
{
    private const string CustomName = "EMPTYVALUETEST";
    private const string NotAValue = "§";

    /// <summary>The key paths whose empty value is documented: an object given empty is an empty object; an empty Icon is no icon.</summary>
    private static readonly string[] Documented =
        ["Sinks", "Levels", "LogLevel", "Sinks:s:Filter", "Levels:Warning:Icon", $"Levels:Custom:{CustomName}:Icon"];

    public static TheoryData<string, string, bool> Keys()
    {
        var data = new TheoryData<string, string, bool>();
        void Add(string type, string key)
        {
            data.Add(type, key, false);
            data.Add(type, key, true);
        }

        foreach (var key in AcceptedKeys(new() { [Unknown] = "x" }, Unknown))
        {
            Add("", key);
        }

        foreach (var type in new[] { "Console", "File", "Syslog" })
        {
            foreach (var key in AcceptedKeys(Sink(type, Unknown), $"Sinks:s:{Unknown}"))
            {
                Add(type, key);
            }
        }

        foreach (var key in AcceptedKeys(new() { [$"Levels:Warning:{Unknown}"] = "x" }, $"Levels:Warning:{Unknown}"))
        {
            Add("Level", key);
        }

        foreach (var key in AcceptedKeys(new() { [$"Levels:Custom:{CustomName}:{Unknown}"] = "x" }, $"Levels:Custom:{CustomName}:{Unknown}"))
        {
            Add("Custom", key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void StartUp_KeyGivenEmptyOrNull_IsAnErrorListingTheAcceptedForms_OrHasItsDocumentedMeaning(string where, string key, bool jsonNull)
    {
        var (path, section) = Section(where, key);
        section[path] = null;

        var (options, problems) = Start(section, jsonNull ? JsonValue.Create((string?)null) : JsonValue.Create(string.Empty));

        if (Documented.Contains(path))
        {
            Assert.True(options is not null, problems);
            if (key == "Icon")
            {
                Assert.Equal(string.Empty, where == "Level" ? options.Levels[LogLevel.Warning].Icon : options.CustomLevels[CustomName].Icon);
            }

            return;
        }

        var full = $"Logging:LoguStyle:{path}";
        var line = Assert.Single(Lines(problems), l => l.StartsWith(full + ": ", StringComparison.Ordinal));
        Assert.StartsWith($"{full}: the value is empty; expected ", line, StringComparison.Ordinal);
        Assert.EndsWith(".", line, StringComparison.Ordinal);

        // The accepted forms are those the key's error for a wrong value names, where the key has one.
        section[path] = NotAValue;
        var (_, wrong) = Start(section, null);
        var parent = full[..full.LastIndexOf(':')];
        var wrongLine = Lines(wrong).SingleOrDefault(l => l.StartsWith(full + ": ", StringComparison.Ordinal) || l.StartsWith($"{parent}: {key} ", StringComparison.Ordinal));
        var marker = new[] { "accepted: ", $"'{NotAValue}' is not " }.FirstOrDefault(m => wrongLine?.Contains(m, StringComparison.Ordinal) == true);
        if (wrongLine is not null && marker is not null)
        {
            var accepted = wrongLine[(wrongLine.LastIndexOf(marker, StringComparison.Ordinal) + marker.Length)..].TrimEnd('.');
            Assert.Contains(accepted, line, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("accepted: ", line, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LevelsCustom_ALevelGivenEmptyOrNull_IsDeclaredWithEveryDefault(bool jsonNull)
    {
        var (options, problems) = Start(new() { [$"Levels:Custom:{CustomName}"] = null }, jsonNull ? JsonValue.Create((string?)null) : JsonValue.Create(string.Empty));

        Assert.True(options is not null, problems);
        var level = options.CustomLevels[CustomName];
        Assert.Equal((LogLevel.Information, null, null), (level.Base, level.Color, level.Icon));
    }

    /// <summary>The key path of <paramref name="key"/> at the level <paramref name="where"/> names, and a section around it that is valid without it.</summary>
    private static (string Path, Dictionary<string, string?> Section) Section(string where, string key)
    {
        switch (where)
        {
            case "":
                return (key, []);
            case "Level":
                return ($"Levels:Warning:{key}", []);
            case "Custom":
                return ($"Levels:Custom:{CustomName}:{key}", []);
            default:
                var sink = Sink(where, Unknown);
                sink.Remove($"Sinks:s:{Unknown}");
                return ($"Sinks:s:{key}", sink);
        }
    }

    /// <summary>
    /// Reads the section as an app reads appsettings.json (a JSON stream, through MEL's provider configuration) and
    /// resolves the options, which runs the start-up validation; the value null in the section stands for
    /// <paramref name="empty"/>.
    /// </summary>
    private static (LoguStyleLoggerOptions? Options, string Problems) Start(Dictionary<string, string?> section, JsonNode? empty)
    {
        var root = new JsonObject();
        foreach (var (path, value) in section)
        {
            var parts = path.Split(':');
            var node = root;
            foreach (var part in parts[..^1])
            {
                node = (JsonObject)(node[part] ??= new JsonObject());
            }

            node[parts[^1]] = value is null ? empty?.DeepClone() : JsonValue.Create(value);
        }

        var json = new JsonObject { ["Logging"] = new JsonObject { ["LoguStyle"] = root } }.ToJsonString();
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddConfiguration(configuration.GetSection("Logging")).AddLoguStyle(_ => { }));
        using var provider = services.BuildServiceProvider();
        try
        {
            return (provider.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue, string.Empty);
        }
        catch (OptionsValidationException ex)
        {
            return (null, ex.Message);
        }
    }

    private static IEnumerable<string> Lines(string problems) => problems.Split(Environment.NewLine).Select(line => line.Trim());
}
