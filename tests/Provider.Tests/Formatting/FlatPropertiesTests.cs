using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Files;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

/// <summary>
/// A name given twice (a bind inside a Contextualize of the same name, nested scopes, a template property named like a
/// scope's) has one value in every format: the one <c>{extra[Name]}</c> shows (docs/json.md#repeated-names). Outside test
/// of issue 18: the flat formats wrote <c>UserId:3, UserId_2:1</c> where the text showed 1.
/// </summary>
public class FlatPropertiesTests : IDisposable
{
    private static readonly string[] Names = ["UserId", "Tenant", "A"];
    private static readonly JsonFormat[] Formats = [JsonFormat.LoguStyle, JsonFormat.Clef, JsonFormat.Ecs, JsonFormat.Otel];
    private static readonly string Text = string.Join('|', Names.Select(name => "{extra[" + name + "]}"));

    private readonly TempFolder _folder = new();

    private enum Kind
    {
        Bind,
        Contextualize,
        DictionaryScope,
        TemplateScope,
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Bind_InsideContextualizeOfTheSameName_EveryFormatHasTheBoundValueOnly()
    {
        var lines = Log([new(Kind.Contextualize, "UserId"), new(Kind.Bind, "UserId")], templateName: null, enqueue: false);

        Assert.Equal("2||", lines.Text);
        Assert.Equal(2, lines.Clef.GetProperty("UserId").GetInt32());
        Assert.False(lines.Clef.TryGetProperty("UserId_2", out _), lines.Clef.GetRawText());
        Assert.Equal("""{"UserId":2}""", lines.Ecs.GetProperty("logustyle").GetProperty("props").GetRawText());
        Assert.Equal("2", Attributes(lines.Otel)["UserId"]);
        Assert.False(Attributes(lines.Otel).ContainsKey("UserId_2"), lines.Otel.GetRawText());
        Assert.Equal("""[{"UserId":1},{"UserId":2}]""", lines.LoguStyle.GetProperty("scopes").GetRawText());
    }

    [Property(MaxTest = 150)]
    public Property AnySequenceOfBindsAndScopes_EveryTopLevelName_IsTheValueTheTextShows() =>
        Prop.ForAll(Steps().ToArbitrary(), Gen.Elements<string?>(null, "UserId", "A").ToArbitrary(), ArbMap.Default.ArbFor<bool>(), (steps, templateName, enqueue) =>
        {
            var lines = Log(steps, templateName, enqueue);
            var shown = Names.Zip(lines.Text.Split('|')).ToDictionary(p => p.First, p => p.Second);
            var flat = new Dictionary<JsonFormat, Dictionary<string, string>>
            {
                [JsonFormat.Clef] = lines.Clef.EnumerateObject().Where(p => !p.Name.StartsWith('@')).ToDictionary(p => p.Name, p => p.Value.GetRawText()),
                [JsonFormat.Ecs] = lines.Ecs.TryGetProperty("logustyle", out var custom) && custom.TryGetProperty("props", out var props)
                    ? props.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText())
                    : [],
                [JsonFormat.Otel] = Attributes(lines.Otel),
                [JsonFormat.LoguStyle] = LoguStyleValues(lines.LoguStyle),
            };
            foreach (var (format, values) in flat)
            {
                foreach (var name in Names)
                {
                    var expected = shown[name].Length == 0 ? null : shown[name];
                    Assert.True(expected == values.GetValueOrDefault(name), $"{format} {name}: text shows '{expected}', JSON has '{values.GetValueOrDefault(name)}' ({Describe(steps, templateName, enqueue)})");
                    Assert.False(values.ContainsKey(name + "_2"), $"{format} keeps a shadowed {name} as {name}_2 ({Describe(steps, templateName, enqueue)})");
                }
            }

            return true;
        });

    // The value LoguStyle's own format gives a name, by the rule the text follows: a template property, else the
    // innermost scope that has it. Its scopes stay a list in the order they were made, shadowed values included.
    private static Dictionary<string, string> LoguStyleValues(JsonElement root)
    {
        var values = new Dictionary<string, string>();
        if (root.TryGetProperty("scopes", out var scopes))
        {
            foreach (var scope in scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object))
            {
                foreach (var pair in scope.EnumerateObject().Where(p => p.Name != "scope"))
                {
                    values[pair.Name] = pair.Value.GetRawText();
                }
            }
        }

        if (root.TryGetProperty("props", out var props))
        {
            foreach (var pair in props.EnumerateObject())
            {
                values[pair.Name] = pair.Value.GetRawText();
            }
        }

        return values;
    }

    private static Dictionary<string, string> Attributes(JsonElement otel) =>
        otel.TryGetProperty("attributes", out var attributes)
            ? attributes.EnumerateArray()
                .Select(a => (Key: a.GetProperty("key").GetString()!, Value: a.GetProperty("value")))
                .Where(a => !a.Key.StartsWith("logustyle.", StringComparison.Ordinal))
                .ToDictionary(a => a.Key, a => a.Value.TryGetProperty("intValue", out var number) ? number.GetString()! : a.Value.GetRawText())
            : [];

    private static Gen<Step[]> Steps() =>
        Gen.Elements(Enum.GetValues<Kind>())
            .SelectMany(kind => Gen.Elements(Names).Select(name => new Step(kind, name)))
            .ListOf()
            .Where(steps => steps.Count <= 6)
            .Select(steps => steps.ToArray());

    private static string Describe(Step[] steps, string? templateName, bool enqueue) =>
        string.Join(", ", steps.Select((s, i) => $"{s.Kind}({s.Name}={i + 1})")) + $", message property {templateName ?? "none"}, enqueue {enqueue}";

    // Logs one record after the steps (step i binds the value i + 1; a template property has 100) to a text sink and a
    // file of each JSON format, through a real provider.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2254", Justification = "The templates are what is generated.")]
    private (string Text, JsonElement LoguStyle, JsonElement Clef, JsonElement Ecs, JsonElement Otel) Log(Step[] steps, string? templateName, bool enqueue)
    {
        var run = Guid.NewGuid().ToString("N");
        var console = new MemoryConsole();
        var options = new LoguStyleLoggerOptions { Sinks = { console.Sink(format: Text, colorize: ColorMode.Never) } };
        foreach (var format in Formats)
        {
            options.Sinks.Add(new FileSinkOptions(_folder.File($"{run}.{format}.json")) { Serialize = true, JsonFormat = format, Enqueue = enqueue });
        }

        using (var provider = new LoguStyleLoggerProvider(options))
        {
            var logger = provider.CreateLogger("c");
            var scopes = new Stack<IDisposable?>();
            for (var i = 0; i < steps.Length; i++)
            {
                var (kind, name) = steps[i];
                var value = i + 1;
                switch (kind)
                {
                    case Kind.Bind:
                        logger = logger.Bind(name, value);
                        break;
                    case Kind.Contextualize:
                        scopes.Push(logger.Contextualize(name, value));
                        break;
                    case Kind.DictionaryScope:
                        scopes.Push(logger.BeginScope(new Dictionary<string, object?> { [name] = value }));
                        break;
                    default:
                        scopes.Push(logger.BeginScope("Scope {" + name + "}", value));
                        break;
                }
            }

            if (templateName is null)
            {
                logger.LogInformation("hello");
            }
            else
            {
                logger.LogInformation("Value {" + templateName + "}", 100);
            }
            while (scopes.TryPop(out var scope))
            {
                scope?.Dispose();
            }
        }

        JsonElement Line(JsonFormat format)
        {
            using var document = JsonDocument.Parse(File.ReadAllLines(_folder.File($"{run}.{format}.json")).Single());
            return document.RootElement.Clone();
        }

        return (console.Lines.Single().TrimEnd('\r'), Line(JsonFormat.LoguStyle), Line(JsonFormat.Clef), Line(JsonFormat.Ecs), Line(JsonFormat.Otel));
    }

    private readonly record struct Step(Kind Kind, string Name);
}
