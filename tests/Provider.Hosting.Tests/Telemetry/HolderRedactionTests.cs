using System.Diagnostics.CodeAnalysis;
using FsCheck;
using FsCheck.Xunit;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// A record with a classified member held by a value that writes it through its own ToString (outside20e D4, D6): a
/// ValueTuple, a Tuple, a bare KeyValuePair, a dictionary whose KEY is the record, an exception's Data. Each wrote the
/// secret raw; the walk now reads them as data objects of their items (a key as a value is), so no sink writes it.
/// </summary>
public sealed class HolderRedactionTests
{
    private const string Values = "{extra[V]} {scopes} {exception}";

    public enum Holder
    {
        ValueTuple,
        Tuple,
        KeyValuePair,
        DictionaryKey,
        ExceptionData,
    }

    public enum Placement
    {
        ByName,
        InAnAnonymousObject,
        InAList,
    }

    [Property(MaxTest = 8, Arbitrary = [typeof(Shapes)])]
    public Task AnyHolderOfARecordWithAClassifiedMember_IsWalked_NeverRaw_InEveryApiAndSinkKind(Shape[] shapes) =>
        ShapesInEverySink.NeverRawAsync(Values, Shape.Records, shapes, (sink, output, described) =>
        {
            // The kept records and syslog carry no exception's Data (a kept record has the exception object itself).
            var noData = sink is "kept records" or "syslog";
            var expected = Shape.Records * shapes.Count(s => !noData || s.Holder != Holder.ExceptionData);
            Assert.True(Thrown.Occurrences(output, ShapesInEverySink.Marker) >= expected, $"{sink} lacks a marker per record ({described}): {output}");
        });

    /// <summary>Each holder's text and JSON: the holder's own shape with the record walked inside it.</summary>
    [Theory]
    [InlineData(Holder.ValueTuple, "(Person { Id = 7, Email = <redacted: Sensitive> }, 1)", """{"Item1":{"Id":7,"Email":"<redacted: Sensitive>"},"Item2":1}""")]
    [InlineData(Holder.Tuple, "(Person { Id = 7, Email = <redacted: Sensitive> }, 1)", """{"Item1":{"Id":7,"Email":"<redacted: Sensitive>"},"Item2":1}""")]
    [InlineData(Holder.KeyValuePair, "[k, Person { Id = 7, Email = <redacted: Sensitive> }]", """{"Key":"k","Value":{"Id":7,"Email":"<redacted: Sensitive>"}}""")]
    [InlineData(Holder.DictionaryKey, "{ Person { Id = 7, Email = <redacted: Sensitive> } = 1 }", """{"Person { Id = 7, Email = <redacted: Sensitive> }":1}""")]
    public async Task AHolder_ReadsAsItsOwnText_WithTheRecordWalked_AndAsAJsonObject(Holder holder, string text, string json)
    {
        var shape = new Shape(holder, Placement.ByName, "SECRETHOLDER");
        var outputs = await ShapesInEverySink.LogAsync("{extra[V]}", Shape.Records, [shape]);

        foreach (var (sink, output) in outputs.Where(o => o.Key is "console" or "app.log" or "queued.log" or "app.LoguStyle.json" or "queued.Clef.json"))
        {
            var expected = sink.EndsWith(".json", StringComparison.Ordinal) ? json : text;
            Assert.True(Thrown.Occurrences(output, expected) >= Shape.Records, $"{sink} lacks {expected}: {output}");
        }
    }

    /// <summary>An exception's Data holding the record: its text sink line and its LoguStyle JSON <c>data</c>.</summary>
    [Fact]
    public async Task ExceptionData_HoldingARecord_IsWalked_InTextAndJson()
    {
        var shape = new Shape(Holder.ExceptionData, Placement.ByName, "SECRETDATA");
        var outputs = await ShapesInEverySink.LogAsync("{exception}", Shape.Records, [shape]);

        Assert.True(Thrown.Occurrences(outputs["app.log"], "   Data: V = Person { Id = 7, Email = <redacted: Sensitive> }") == Shape.Records, outputs["app.log"]);
        Assert.True(Thrown.Occurrences(outputs["app.LoguStyle.json"], "\"data\":{\"V\":{\"$type\":\"Person\",\"Id\":7,\"Email\":\"<redacted: Sensitive>\"}}") == Shape.Records, outputs["app.LoguStyle.json"]);
        Assert.True(Thrown.Occurrences(outputs["app.Clef.json"], "Data: V = Person { Id = 7, Email = <redacted: Sensitive> }") == Shape.Records, outputs["app.Clef.json"]);
    }

    /// <summary>What one generated shape logs: six records (Bind and Contextualize, generic, as object and by name; six exceptions for Data).</summary>
    public sealed record Shape(Holder Holder, Placement Placement, string Secret) : ISecretShape
    {
        public const int Records = 6;

        public void Log(ILogger logger)
        {
            var person = new Person(7, Secret);
            switch (Holder)
            {
                case Holder.ValueTuple:
                    Place(logger, (person, 1));
                    break;
                case Holder.Tuple:
                    Place(logger, Tuple.Create(person, 1));
                    break;
                case Holder.KeyValuePair:
                    Place(logger, new KeyValuePair<string, Person>("k", person));
                    break;
                case Holder.DictionaryKey:
                    Place(logger, new Dictionary<Person, int> { [person] = 1 });
                    break;
                default:
                    for (var i = 0; i < Records; i++)
                    {
                        var error = new InvalidOperationException("data");
                        error.Data["V"] = Placement switch
                        {
                            Placement.ByName => person,
                            Placement.InAnAnonymousObject => new { V = person },
                            _ => new List<Person> { person },
                        };
                        logger.LogError(error, "with data");
                    }

                    break;
            }
        }

        private void Place<[DynamicallyAccessedMembers(EverySinkKind.Bound)] T>(ILogger logger, T value)
            where T : notnull
        {
            switch (Placement)
            {
                case Placement.ByName:
                    EverySinkKind.LogBoundSixWays(logger, new { V = value }, "V", value);
                    break;
                case Placement.InAnAnonymousObject:
                    EverySinkKind.LogBoundSixWays(logger, new { V = new { Inner = value } }, "V", new { Inner = value });
                    break;
                default:
                    EverySinkKind.LogBoundSixWays(logger, new { V = new List<T> { value } }, "V", new List<T> { value });
                    break;
            }
        }
    }

    /// <summary>The generated shapes: one to five, each with a secret of its own.</summary>
    public static class Shapes
    {
        public static Arbitrary<Shape[]> ShapeList() => GeneratedShapes.Of<Holder, Placement, Shape>((holder, placement, secret) => new Shape(holder, placement, secret), "Y");
    }

    /// <summary>A record whose compiler-made ToString prints its classified member.</summary>
    public sealed record Person(int Id, [Sensitive] string Email);
}
