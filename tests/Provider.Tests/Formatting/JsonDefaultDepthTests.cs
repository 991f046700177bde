using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Formatting;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

/// <summary>
/// Issue 19/20 F5: every line of every <see cref="JsonFormat"/> parses with System.Text.Json's default options (a
/// MaxDepth of 64, as Newtonsoft's), however deep the logged exception chain or aggregate nesting, also with nested
/// <c>Data</c> and with the exception inside a property's nested value; and the exception reads back as json.md says:
/// the text sink's text, within LoguStyle JSON's own nesting bound.
/// </summary>
public class JsonDefaultDepthTests
{
    [Property(MaxTest = 20)]
    public Property EveryFormat_ChainsAndAggregatesUpTo150Deep_EveryLineParsesWithDefaultOptions_AndReadsBackAsDocumented() =>
        Prop.ForAll(Arb.From(Cases()), c =>
        {
            var (depth, aggregates, enqueued) = c;
            var exception = Deep(depth, aggregates);
            // The same shape with nested Data, logged as a value nested in a property too: the deepest a line gets.
            var withNestedData = Deep(depth, aggregates);
            withNestedData.Data["Nested"] = new Dictionary<string, object?> { ["a"] = new object?[] { new Dictionary<string, object?> { ["b"] = new object?[] { new object?[] { new object?[] { "deep" } } } } } };
            using var folder = new TempFolder();
            EveryJsonFormat.Log(folder, enqueued, "Exception.Depth", logger =>
            {
                logger.LogError(exception, "failed");
                logger.LogError(withNestedData, "failed with {Value}", new object?[] { new object?[] { new object?[] { new object?[] { new object?[] { new object?[] { withNestedData } } } } } });
            });

            foreach (var format in EveryJsonFormat.Formats)
            {
                var lines = File.ReadAllLines(EveryJsonFormat.File(folder, format));
                Assert.Equal(2, lines.Length);
                foreach (var line in lines)
                {
                    using var document = JsonDocument.Parse(line);
                    Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
                }

                var back = LogFile.Read(EveryJsonFormat.File(folder, format), (_, error) => Assert.Fail(error.ToString())).First().Exception!;
                var tree = format == JsonFormat.LoguStyle ? ExceptionTree.ForLoguStyleJson() : new ExceptionTree();
                Assert.Equal(format + ": " + ExceptionText.Render(exception, colored: false, tree), format + ": " + ExceptionText.Render(back, colored: false));
            }
        });

    private static Gen<(int Depth, int Aggregates, bool Enqueued)> Cases() =>
        from depth in Gen.Choose(1, 150)
        from aggregates in Gen.Elements(0, 1, 2)
        from enqueued in Gen.Elements(true, false)
        select (depth, aggregates, enqueued);

    // An exception nested depth deep: a chain (0), aggregates each holding the next and a sibling (1), or both by turns (2); each with Data.
    private static Exception Deep(int depth, int aggregates)
    {
        Exception current = new InvalidOperationException("root");
        for (var level = depth - 1; level >= 0; level--)
        {
            current = aggregates == 1 || (aggregates == 2 && level % 2 == 0)
                ? new AggregateException($"A{level}", current, new ArgumentException($"sibling {level}"))
                : new InvalidOperationException($"L{level}", current);
            current.Data["Level"] = level;
        }

        return current;
    }
}
