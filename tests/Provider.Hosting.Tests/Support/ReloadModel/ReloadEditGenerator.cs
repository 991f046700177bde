using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Support.ReloadModel;

/// <summary>
/// Random edits for the reload model, from one seed: valid configurations of the four sinks, configurations with one
/// mistake the validator must reject, and files cut short that do not parse.
/// </summary>
internal sealed class ReloadEditGenerator
{
    private static readonly LogLevel[] Levels = [LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.None];
    private static readonly string[] Prefixes = ["", "A", "A.B", "B"];
    private static readonly string[] Formats = ["{message}", "{level:u3} {category} {message}", "{message} #{eventid}"];
    private static readonly string[] BadFormats = ["{message", "<red>{message}", "{nosuchtoken} {message}"];

    private readonly Random _random;

    public ReloadEditGenerator(int seed)
    {
        _random = new Random(seed);
    }

    public ModelConfig NextConfig()
    {
        var sinks = ModelSink.CodeSinks.Where(_ => Maybe(0.6))
            .Concat(ModelSink.ConfiguredSinks.Where(_ => Maybe(0.5)))
            .Select(NextSink)
            .ToList();

        // Written in any order: the sinks are built in key order whatever the file's order.
        return new ModelConfig([.. sinks.OrderBy(_ => _random.Next())]);
    }

    public ModelEdit NextEdit(bool allowBroken)
    {
        var config = NextConfig();
        var roll = _random.NextDouble();
        if (roll < 0.6)
        {
            return Valid(config);
        }

        return allowBroken && roll < 0.7 ? Broken(config) : Rejected(config);
    }

    public static ModelEdit Valid(ModelConfig config) =>
        new(EditKind.Valid, config.ToJson("<folder>"), config, config.ToJson);

    private ModelEdit Broken(ModelConfig config)
    {
        // Cut anywhere before the last brace: at least one object stays open, so the file never parses.
        var fraction = _random.NextDouble();
        string Render(string folder)
        {
            var json = config.ToJson(folder);
            return json[..(1 + (int)(fraction * (json.Length - 2)))];
        }

        return new(EditKind.Broken, "cut short: " + Render("<folder>"), config, Render);
    }

    private ModelEdit Rejected(ModelConfig config)
    {
        var sinks = config.Sinks.Count > 0 ? config.Sinks : [NextSink("a")];
        var target = sinks[_random.Next(sinks.Count)].Name;
        var mistake = _random.Next(7);
        var badFormat = Pick(BadFormats);
        string Render(string folder)
        {
            var members = sinks.Select(sink => new KeyValuePair<string, List<KeyValuePair<string, string>>>(sink.Name, sink.Members(folder))).ToList();
            var keys = members.Single(sink => sink.Key == target).Value;
            switch (mistake)
            {
                case 0:
                    Set(keys, "Level", Json.Text("Loudest"));
                    break;
                case 1:
                    Set(keys, "Format", Json.Text(badFormat));
                    break;
                case 2:
                    Set(keys, "Levle", Json.Text("Debug"));
                    break;
                case 3:
                    Set(keys, "Enqueue", Json.Text("maybe"));
                    break;
                case 4:
                    Set(keys, "Filter", Json.Object([new("A", Json.Text("Loud"))]));
                    break;
                case 5 when target is "a" or "b":
                    keys.RemoveAll(key => key.Key == "Type");
                    break;
                default:
                    // The delegate sink declared in code is not a File sink.
                    var capture = members.FirstOrDefault(sink => sink.Key == "capture").Value;
                    if (capture is null)
                    {
                        capture = [];
                        members.Add(new("capture", capture));
                    }

                    Set(capture, "Type", Json.Text("File"));
                    break;
            }

            return ModelConfig.ToJson(members);
        }

        return new(EditKind.Rejected, Render("<folder>"), config, Render);
    }

    private static void Set(List<KeyValuePair<string, string>> keys, string key, string value)
    {
        keys.RemoveAll(member => member.Key == key);
        keys.Add(new(key, value));
    }

    private ModelSink NextSink(string name) => new(
        name,
        Maybe(0.5) ? Pick(Levels) : null,
        Maybe(0.35) ? NextFilter() : null,
        name != "capture" && Maybe(0.35) ? Pick(Formats) : null,
        Maybe(0.3) ? Maybe(0.5) : null);

    private List<KeyValuePair<string, LogLevel>> NextFilter() =>
        [.. Prefixes.OrderBy(_ => _random.Next()).Take(_random.Next(1, 3))
            .Select(prefix => new KeyValuePair<string, LogLevel>(prefix.Length == 0 && Maybe(0.5) ? "Default" : prefix, Pick(Levels)))];

    private bool Maybe(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];
}
