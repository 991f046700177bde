using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Files;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

/// <summary>
/// <c>{extra[Name]}</c> reads a scope of pairs whatever its value type, as the JSON formats do: a
/// <c>Dictionary&lt;string, int&gt;</c> is no <c>IEnumerable&lt;KeyValuePair&lt;string, object?&gt;&gt;</c> (a
/// struct's type arguments have no variance), and the text read none of it when every sink was direct (scopes read
/// live, not snapshotted), while JSON wrote every pair. Outside re-test of issue 18.
/// </summary>
public sealed class ExtraScopeTypesTests : IDisposable
{
    private static readonly string[] Names = ["A", "B", "C"];
    private static readonly string[] ValueTypes = ["int", "long", "double", "bool", "string", "DateTime", "Guid"];
    private static readonly string[] Collections = ["Dictionary", "IReadOnlyDictionary", "List<KeyValuePair>"];
    private static readonly string Text = string.Join('|', Names.Select(name => "{extra[" + name + "]}"));

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void DictionaryOfInt_AllSinksDirect_TextShowsTheValues()
    {
        var lines = Log(new Dictionary<string, int> { ["A"] = 7, ["C"] = 9 }, new Dictionary<string, object?> { ["A"] = 7, ["C"] = 9 }, enqueue: false);

        Assert.All(lines.Texts, text => Assert.Equal("7||9", text.Text.Typed));
        Assert.Equal(["A", "C"], lines.JsonNames);
    }

    [Property(MaxTest = 120)]
    public Property AnyPairCollection_TextReadsTheNamesJsonWrites_WithTheValuesAnObjectDictionaryShows() =>
        Prop.ForAll(Pairs().ToArbitrary(), Gen.Elements(Collections).ToArbitrary(), ArbMap.Default.ArbFor<bool>(), (sample, collection, enqueue) =>
        {
            var typed = sample.Typed(collection);
            var lines = Log(typed, sample.Pairs.ToDictionary(p => p.Key, p => p.Value), enqueue);
            var describe = $"{collection}<string, {sample.ValueType}> {{{string.Join(", ", sample.Pairs.Select(p => $"{p.Key}={p.Value}"))}}}, enqueue {enqueue}";

            foreach (var (sink, text) in lines.Texts)
            {
                Assert.True(text.Typed == text.Objects, $"{sink}: '{text.Typed}', with object values '{text.Objects}' ({describe})");
                var shown = Names.Where((_, i) => text.Typed.Split('|')[i].Length > 0);
                Assert.True(lines.JsonNames.SequenceEqual(shown), $"{sink} shows [{string.Join(",", shown)}], JSON writes [{string.Join(",", lines.JsonNames)}] ({describe})");
            }

            return true;
        });

    private static Gen<Sample> Pairs() =>
        Gen.Elements(ValueTypes).SelectMany(type =>
            Gen.Elements(Names).ListOf()
                .Select(names => names.Distinct().Order(StringComparer.Ordinal).ToArray())
                .Where(names => names.Length > 0)
                .SelectMany(names => Value(type).ArrayOf(names.Length).Select(values => new Sample(type, [.. names.Zip(values, (n, v) => new KeyValuePair<string, object?>(n, v))]))));

    private static Gen<object?> Value(string type) => type switch
    {
        "int" => ArbMap.Default.GeneratorFor<int>().Select(v => (object?)v),
        "long" => ArbMap.Default.GeneratorFor<long>().Select(v => (object?)v),
        "double" => ArbMap.Default.GeneratorFor<double>().Select(v => (object?)v),
        "bool" => ArbMap.Default.GeneratorFor<bool>().Select(v => (object?)v),
        // Not empty, so a value shown is told from a value missing.
        "string" => Gen.Elements("x", "Ab", "ü 1", "a b").Select(v => (object?)v),
        "DateTime" => ArbMap.Default.GeneratorFor<DateTime>().Select(v => (object?)v),
        _ => ArbMap.Default.GeneratorFor<Guid>().Select(v => (object?)v),
    };

    // Logs one record in the typed scope and one in the same pairs as a Dictionary<string, object?> (which the text has
    // always read), to a console and a text file (direct or enqueued), a record delegate that reads TryGetProperty, and
    // a JSON file; returns each text sink's two lines and the names the JSON's scope has.
    private (List<(string Sink, (string Typed, string Objects) Text)> Texts, string[] JsonNames) Log(object typed, Dictionary<string, object?> objects, bool enqueue)
    {
        var run = Guid.NewGuid().ToString("N");
        var console = new MemoryConsole();
        var kept = new ConcurrentQueue<string>();
        var consoleSink = console.Sink(format: Text, colorize: ColorMode.Never);
        consoleSink.Enqueue = enqueue;
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                consoleSink,
                new FileSinkOptions(_folder.File($"{run}.log")) { Format = Text, Enqueue = enqueue },
                new FileSinkOptions(_folder.File($"{run}.json")) { Serialize = true, Enqueue = enqueue },
                new DelegateSinkOptions("kept", record => kept.Enqueue(string.Join('|', Names.Select(name => record.TryGetProperty(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : "")))),
            },
        };
        var delegateExpected = string.Join('|', Names.Select(name => objects.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : ""));

        using (var provider = new LoguStyleLoggerProvider(options))
        {
            var logger = provider.CreateLogger("c");
            using (logger.BeginScope(typed))
            {
                logger.LogInformation("typed");
            }

            using (logger.BeginScope(objects))
            {
                logger.LogInformation("objects");
            }
        }

        var fileLines = File.ReadAllLines(_folder.File($"{run}.log"));
        var consoleLines = console.Lines.Select(line => line.TrimEnd('\r')).ToArray();
        using var document = JsonDocument.Parse(File.ReadAllLines(_folder.File($"{run}.json"))[0]);
        var scope = document.RootElement.GetProperty("scopes")[0];
        var keptLines = kept.ToArray();
        return (
            [
                ("console", (consoleLines[0], consoleLines[1])),
                ("file", (fileLines[0], fileLines[1])),
                ("TryGetProperty", (keptLines[0], keptLines[1] == delegateExpected ? keptLines[1] : "unexpected " + keptLines[1])),
            ],
            [.. scope.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)]);
    }

    private sealed record Sample(string ValueType, KeyValuePair<string, object?>[] Pairs)
    {
        public object Typed(string collection) => ValueType switch
        {
            "int" => Of<int>(collection),
            "long" => Of<long>(collection),
            "double" => Of<double>(collection),
            "bool" => Of<bool>(collection),
            "string" => Of<string>(collection),
            "DateTime" => Of<DateTime>(collection),
            _ => Of<Guid>(collection),
        };

        private object Of<T>(string collection)
        {
            var dictionary = Pairs.ToDictionary(p => p.Key, p => (T)p.Value!);
            return collection switch
            {
                "Dictionary" => dictionary,
                "IReadOnlyDictionary" => new ReadOnlyDictionary<string, T>(dictionary),
                _ => dictionary.ToList(),
            };
        }
    }
}
